"""An RFC 5545 calendar of a company's open deadlines and action items (all-day events)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ipguard.lib.sources import readable_source
from ipguard.lib.validators import date_in_range
from ipguard.portfolio.rules import extension_rule


def _description(entry) -> str:
    lines = [entry.subtitle]
    if entry.opens:
        lines.append(_("Window opens: %(day)s") % {"day": entry.opens.isoformat()})
    lines.append(_("Due: %(day)s") % {"day": entry.due.isoformat()})
    extension = extension_rule(entry.rule_kind, entry.office) if entry.grace_ends else None
    if extension:
        lines.append(
            _("Extendable on request to %(day)s (%(source)s); not a grace period.")
            % {"day": entry.grace_ends.isoformat(), "source": readable_source(extension.source)}
        )
    elif entry.grace_ends:
        lines.append(_("Grace period ends: %(day)s") % {"day": entry.grace_ends.isoformat()})
    if entry.owner:
        lines.append(_("Owner: %(name)s") % {"name": entry.owner})
    return "\n".join(lines)


def build_calendar(*, name: str, entries, base_url: str) -> bytes:
    """One VEVENT per entry; UIDs are stable so calendar clients update events in place."""
    calendar = Calendar()
    calendar.add("prodid", "-//IPGuard//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Ask clients to refresh twice a day (Outlook and Apple read these; Google polls on its own).
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    stamp = timezone.now()
    for entry in entries:
        if not date_in_range(entry.due):
            # Forms and import refuse such dates; a row written another way (an old import, the
            # admin, SQL) must not take every member's feed down with it: the day after
            # 9999-12-31 does not exist.
            continue
        event = Event()
        event.add("uid", f"{entry.uid}@ipguard")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.due)
        event.add("dtend", entry.due + timedelta(days=1))
        event.add("summary", entry.title)
        event.add("description", _description(entry))
        event.add("url", base_url + entry.url)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [entry.kind])
        calendar.add_component(event)
        last_day = _grace_last_day_event(entry, stamp=stamp, base_url=base_url)
        if last_day is not None:
            calendar.add_component(last_day)
    return calendar.to_ical()


def _grace_last_day_event(entry, *, stamp, base_url: str):
    """A deadline with a grace period gets a second all-day event on the last day of grace, the
    day after which the right is lost (issue 16: "lost tomorrow if not paid today"). Not for an
    opposition window, whose `grace_ends` is the limit of an extension on request."""
    if entry.kind != "deadline" or not entry.grace_ends or entry.grace_ends <= entry.due:
        return None
    if not date_in_range(entry.grace_ends) or extension_rule(entry.rule_kind, entry.office):
        return None
    event = Event()
    event.add("uid", f"{entry.uid}-grace-end@ipguard")
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.grace_ends)
    event.add("dtend", entry.grace_ends + timedelta(days=1))
    event.add("summary", _("Last day of grace: %(title)s") % {"title": entry.title})
    event.add(
        "description",
        "\n".join(
            [
                entry.subtitle,
                _("Due: %(day)s") % {"day": entry.due.isoformat()},
                _("Last day: lost tomorrow if not paid today"),
            ]
        ),
    )
    event.add("url", base_url + entry.url)
    event.add("transp", "TRANSPARENT")
    event.add("categories", [entry.kind, "grace-end"])
    return event
