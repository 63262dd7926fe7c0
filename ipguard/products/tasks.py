from celery import shared_task

from ipguard.accounts.models import Company
from ipguard.products import services


@shared_task
def evaluate_all_coverage():
    """Beat, daily: reviews expire with time, so each company with products is re-evaluated."""
    company_ids = list(
        Company.objects.filter(products__isnull=False).distinct().values_list("pk", flat=True)
    )
    for company_id in company_ids:
        evaluate_company_coverage.delay(company_id)
    return len(company_ids)


@shared_task
def evaluate_company_coverage(company_id):
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return (0, 0)
    return services.coverage_evaluate(company=company)
