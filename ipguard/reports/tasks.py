from celery import shared_task

from ipguard.reports import services


# A render that hangs is stopped after ten minutes (services.STALE_RENDER is longer).
@shared_task(soft_time_limit=540, time_limit=600)
def render_report(report_id):
    services.report_render(report_id=report_id)


@shared_task
def schedule_quarterly_reports():
    """Beat, at the start of each quarter: queue each company's report of the quarter that ended."""
    return len(services.report_schedule_quarter())
