"""Everything due: a filtered list, a month grid, and the personal iCalendar feed."""

import calendar as month_calendar
import math
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipguard.accounts.models import Membership
from ipguard.accounts.permissions import Level, permission
from ipguard.lib.dates import add_months
from ipguard.lib.fragments import cached_body
from ipguard.lib.validators import EARLIEST_DATE, LATEST_DATE, date_in_range
from ipguard.portfolio import selectors, services
from ipguard.portfolio.forms import CalendarFilterForm
from ipguard.portfolio.ical import build_calendar
from ipguard.portfolio.models import CalendarFeed

ENTRIES_PER_PAGE = 50
MAX_PAGE = 10**6  # beyond any register; keeps the SQL offset a valid 64-bit number
PER_DAY = 4  # entries shown in a day of the month view; the rest behind "+N more"


def _filters(request):
    form = CalendarFilterForm(request.GET or None, company=request.company)
    return form, form.criteria()


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _cached_calendar(request, view, build):
    """The calendar's body, cached per company and full query (see ipguard/lib/fragments.py);
    it shows nothing of the reader's own, so members of one role share it."""
    body = cached_body(
        request, "calendar-" + view, f"portfolio/_calendar_{view}_body.html", build, per_user=False
    )
    return render(request, f"portfolio/calendar_{view}.html", {"body": body})


@permission(read=Level.VIEWER)
def calendar_list(request):
    return _cached_calendar(request, "list", _calendar_list_context)


def _calendar_list_context(request):
    form, criteria = _filters(request)
    page = _page_number(request)
    try:  # ?on=YYYY-MM-DD: one day, as linked from a full day of the month view
        on = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = None
    if on and not date_in_range(on):
        on = None
    entries, total = selectors.calendar_entries(
        request.company,
        criteria,
        start=on,
        end=on,
        offset=(page - 1) * ENTRIES_PER_PAGE,
        limit=ENTRIES_PER_PAGE,
    )
    last_page = max(1, math.ceil(total / ENTRIES_PER_PAGE))
    if page > last_page:
        messages.warning(
            request,
            _("There is no page %(page)d: showing the last page, %(last)d.")
            % {"page": page, "last": last_page},
        )
        page = last_page
        entries, total = selectors.calendar_entries(
            request.company,
            criteria,
            start=on,
            end=on,
            offset=(page - 1) * ENTRIES_PER_PAGE,
            limit=ENTRIES_PER_PAGE,
        )
    offset = (page - 1) * ENTRIES_PER_PAGE
    return {
        "filters": form,
        "entries": entries,
        "total": total,
        "page": page,
        "has_previous": page > 1,
        "has_next": offset + ENTRIES_PER_PAGE < total,
        "query": _query_without(request, "page"),
        "on": on,
        "all_days_query": _query_without(request, "page", "on"),
        "today": timezone.localdate(),
    }


def _page_number(request) -> int:
    """?page=N as a page number from 1; anything else is page 1, said in a message."""
    value = request.GET.get("page", "1")
    try:
        page = int(value)
    except ValueError:
        page = 0
    if page < 1:
        messages.warning(
            request, _("“%(value)s” is not a page number: showing page 1.") % {"value": value[:20]}
        )
        return 1
    return min(page, MAX_PAGE)


def _month_from(request, today):
    """?month=YYYY-MM, or this month with a message when it is not a month the app can show."""
    value = request.GET.get("month")
    if value:
        try:
            year, month = (int(part) for part in value.split("-"))
            first = date(year, month, 1)
        except (ValueError, OverflowError):
            first = None
        if first and date_in_range(first):
            return first
        messages.warning(
            request,
            _("“%(value)s” is not a month from %(earliest)s to %(latest)s: showing this month.")
            % {
                "value": value[:20],
                "earliest": EARLIEST_DATE.strftime("%Y-%m"),
                "latest": LATEST_DATE.strftime("%Y-%m"),
            },
        )
    return today.replace(day=1)


@permission(read=Level.VIEWER)
def calendar_month(request):
    return _cached_calendar(request, "month", _calendar_month_context)


def _calendar_month_context(request):
    form, criteria = _filters(request)
    today = timezone.localdate()
    first = _month_from(request, today)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    entries, _total = selectors.calendar_entries(
        request.company, criteria, start=weeks[0][0], end=weeks[-1][-1], with_total=False
    )
    by_day = {}
    for entry in entries:
        by_day.setdefault(entry.due, []).append(entry)
    grace_by_day = {}
    for entry in selectors.grace_ending_entries(
        request.company, criteria, start=weeks[0][0], end=weeks[-1][-1]
    ):
        grace_by_day.setdefault(entry.grace_ends, []).append(entry)
    grid = [
        [
            (
                day,
                by_day.get(day, [])[:PER_DAY],
                len(by_day.get(day, [])) - PER_DAY,
                grace_by_day.get(day, []),
            )
            for day in week
        ]
        for week in weeks
    ]
    return {
        "filters": form,
        "grid": grid,
        "month": first,
        "previous_month": add_months(first, -1).strftime("%Y-%m"),
        "next_month": add_months(first, 1).strftime("%Y-%m"),
        "query": _query_without(request, "month"),
        "list_query": _query_without(request, "month", "on", "page"),
        "today": today,
        "weekdays": [date(2024, 1, 1) + timedelta(days=n) for n in range(7)],  # a Monday
    }


@permission(read=Level.VIEWER, write=Level.VIEWER)
def calendar_subscribe(request):
    """Show the user's secret feed address; POST makes a new one and revokes the old.

    Regenerating is a personal write (like changing one's password), so viewers may do it too.
    """
    if request.method == "POST":
        feed = services.calendar_feed_regenerate(user=request.user, company=request.company)
        messages.success(
            request, _("New address made. The old one no longer works: update your calendar.")
        )
        return redirect("portfolio:calendar_subscribe")
    feed = services.calendar_feed_get_or_create(user=request.user, company=request.company)
    url = request.build_absolute_uri(reverse("portfolio:calendar_feed", args=[feed.token]))
    return render(
        request,
        "portfolio/calendar_subscribe.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]},
    )


@permission(read=Level.ANYONE)
def calendar_feed(request, token):
    """The feed itself: no login (calendar clients cannot sign in), the token is the secret."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user", "company"), token=token)
    if not Membership.objects.filter(user=feed.user, company=feed.company).exists():
        raise Http404("The feed's owner is no longer a member of this company.")
    with translation.override(feed.user.language):
        entries, _total = selectors.calendar_entries(
            feed.company, {"status": "open"}, with_total=False
        )
        body = build_calendar(
            name=_("IPGuard · %(company)s") % {"company": feed.company.name},
            entries=entries,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ipguard.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    return response
