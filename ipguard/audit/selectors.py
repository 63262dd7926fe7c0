from datetime import date, datetime, time

from django.utils import timezone

from ipguard.audit.events import CATEGORIES, codes_in
from ipguard.audit.models import AuditEvent


def events_for(company, *, category="", actor_email="", since: date | None = None, until=None):
    events = AuditEvent.objects.filter(company_id=company.pk)
    if category in CATEGORIES:
        events = events.filter(code__in=codes_in(category))
    if actor_email:
        events = events.filter(actor_email__iexact=actor_email)
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        events = events.filter(at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return events.order_by("-at", "-pk")


def event_actors(company) -> list[str]:
    return list(
        AuditEvent.objects.filter(company_id=company.pk)
        .exclude(actor_email="")
        .values_list("actor_email", flat=True)
        .distinct()
        .order_by("actor_email")
    )
