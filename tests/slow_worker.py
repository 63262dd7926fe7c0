"""The Celery app with chosen steps slowed down, so a test can kill a worker in the middle of one.

Run as `celery -A tests.slow_worker worker` (see tests.celery_worker.running_worker). With
SLOW_RENDER_SECONDS set, each report render sleeps that long before making its PDF; with
SLOW_RENDER_ONCE_FILE too, only the first render does (the file marks that it has happened, so a
new pool process started after a kill renders at full speed).
"""

import os
import time

from celery.signals import task_prerun

from ipguard.celery import app

__all__ = ["app"]


@task_prerun.connect
def _slow_down(**kwargs):
    from ipguard.reports import services

    seconds = float(os.environ.get("SLOW_RENDER_SECONDS", "0"))
    if not seconds or getattr(services.report_pdf, "slowed", False):
        return
    render = services.report_pdf

    def slow_render(snapshot):
        marker = os.environ.get("SLOW_RENDER_ONCE_FILE")
        if not marker or not os.path.exists(marker):
            if marker:
                open(marker, "w").close()
            time.sleep(seconds)
        return render(snapshot)

    slow_render.slowed = True
    services.report_pdf = slow_render
