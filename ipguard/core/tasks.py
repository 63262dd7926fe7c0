from celery import shared_task
from django.utils import timezone

from ipguard.core.models import WorkerHeartbeat


@shared_task(bind=True)
def record_heartbeat(self):
    WorkerHeartbeat.objects.update_or_create(
        name="worker",
        defaults={"last_seen": timezone.now(), "hostname": self.request.hostname or ""},
    )
