from celery import shared_task

from ipguard.accounts.models import Company
from ipguard.portfolio import services


@shared_task
def refresh_all_deadlines():
    """Beat, monthly: each company's series deadlines move forward as years pass.

    Filings whose dates were rolled with an older calendar file are recomputed first, in one go.
    """
    services.deadlines_stale_calendar_refresh()
    company_ids = list(Company.objects.values_list("pk", flat=True))
    for company_id in company_ids:
        refresh_company_deadlines.delay(company_id)
    return len(company_ids)


@shared_task
def refresh_company_deadlines(company_id):
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return 0
    return services.company_deadlines_refresh(company=company)
