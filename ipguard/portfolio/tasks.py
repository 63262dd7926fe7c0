from celery import shared_task

from ipguard.accounts.models import Company
from ipguard.lib.tasks import enqueue
from ipguard.portfolio import imports, services
from ipguard.portfolio.imports import IMPORT_TIME_LIMIT


@shared_task
def refresh_all_deadlines():
    """Beat, monthly: each company's series deadlines move forward as years pass.

    Filings whose dates were rolled with an older calendar file are recomputed first, in one go.
    """
    services.deadlines_stale_calendar_refresh()
    company_ids = list(Company.objects.values_list("pk", flat=True))
    for company_id in company_ids:
        enqueue(refresh_company_deadlines, company_id)
    return len(company_ids)


@shared_task
def refresh_company_deadlines(company_id):
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return 0
    return services.company_deadlines_refresh(company=company)


@shared_task(time_limit=IMPORT_TIME_LIMIT)
def run_import(job_id):
    """One confirmed spreadsheet import, all rows or none (enqueued after the job commits)."""
    job = imports.import_job_run(job_id=job_id)
    return job.status if job else None


@shared_task
def requeue_stale_imports():
    """Beat, every five minutes: imports the broker never delivered or whose worker died."""
    return len(imports.import_jobs_requeue_stale())
