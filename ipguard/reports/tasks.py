from celery import shared_task

from ipguard.reports import services


# A render that hangs is stopped after settings.TASK_TIME_LIMIT_SECONDS (the soft limit records
# the failure); services.render_lease() is longer.
@shared_task
def render_report(report_id):
    services.report_render(report_id=report_id)


@shared_task
def sweep_reports():
    """Beat, every REPORTS_SWEEP_SECONDS: re-enqueue reports whose task or worker was lost, and
    send the "report ready" email a stopped worker did not."""
    requeued = services.report_requeue_stale()
    services.report_notify_missed()
    return len(requeued)


@shared_task
def schedule_quarterly_reports():
    """Beat, at the start of each quarter: queue each company's report of the quarter that ended."""
    return len(services.report_schedule_quarter())
