from celery import shared_task

from ipguard.accounts.models import Company
from ipguard.lib.tasks import enqueue
from ipguard.portfolio import imports, services
from ipguard.portfolio.imports import IMPORT_TIME_LIMIT


def _enqueue_per_company(task, company_ids) -> int:
    company_ids = list(company_ids)
    for company_id in company_ids:
        enqueue(task, company_id)
    return len(company_ids)


def _with_company(company_id, refresh) -> int:
    company = Company.objects.filter(pk=company_id).first()
    return refresh(company=company) if company is not None else 0


@shared_task
def refresh_all_deadlines():
    """Beat, monthly: each company's series deadlines move forward as years pass."""
    return _enqueue_per_company(
        refresh_company_deadlines, Company.objects.values_list("pk", flat=True)
    )


@shared_task
def refresh_company_deadlines(company_id):
    return _with_company(company_id, services.company_deadlines_refresh)


@shared_task
def refresh_stale_deadlines():
    """Beat, daily: filings computed with older rules or calendar files (a deploy corrected one)
    are recomputed, one task per company that has any."""
    stale = services.stale_filings().values_list("asset__company_id", flat=True).distinct()
    return _enqueue_per_company(refresh_company_stale_deadlines, stale)


@shared_task
def refresh_company_stale_deadlines(company_id):
    return _with_company(company_id, services.deadlines_stale_refresh)


@shared_task(time_limit=IMPORT_TIME_LIMIT)
def run_import(job_id):
    """One confirmed spreadsheet import, all rows or none (enqueued after the job commits)."""
    job = imports.import_job_run(job_id=job_id)
    return job.status if job else None


@shared_task
def requeue_stale_imports():
    """Beat, every five minutes: imports the broker never delivered or whose worker died."""
    return len(imports.import_jobs_requeue_stale())
