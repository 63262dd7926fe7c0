"""Putting Celery tasks on the queue so that a broker outage never fails a page or loses work.

Every enqueue in the app goes through here. The row a task works on is always written first
(queued report, claimed reminder); if Redis cannot be reached the failure is logged, the page
answers normally and the row stays queued, and a beat sweep enqueues it once Redis is back.
The broker's time-outs (settings: CELERY_BROKER_CONNECTION_TIMEOUT, socket time-outs, publish
retry policy) keep the attempt short.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What an unreachable, refusing or silent Redis raises from apply_async (kombu wraps most
# connection errors in its OperationalError; a few reach us as socket or redis errors).
BROKER_ERRORS = (KombuError, RedisError, OSError)


def enqueue(task, *args, **options) -> bool:
    """Send `task(*args)` to the broker now. Returns False (and logs) if it is unreachable."""
    try:
        task.apply_async(args=args, **options)
    except BROKER_ERRORS as error:
        logger.warning(
            "Could not enqueue %s%r: %s: %s. Its row stays queued for the sweep.",
            task.name,
            args,
            type(error).__name__,
            error,
        )
        return False
    return True


def enqueue_on_commit(
    task, *args, on_failure: Callable[[], object] | None = None, **options
) -> None:
    """Enqueue once the current transaction commits (at once outside one).

    `on_failure` runs if the broker cannot be reached, e.g. to mark the row for the next sweep.
    """

    def send():
        if not enqueue(task, *args, **options) and on_failure is not None:
            on_failure()

    transaction.on_commit(send)
