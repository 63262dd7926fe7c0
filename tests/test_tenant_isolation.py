"""Walk every URL of the app: another company's ids are 404.

Who may call each URL (viewers, editors, owners, anonymous visitors) is the declared matrix in
tests/test_permission_matrix.py, which walks the same URLs.

Each URL argument name maps to a function that creates (or finds) an object of a given company.
A new URL with an argument not listed here fails the test until it is added, so no view escapes.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    ActionItemFactory,
    AiAssetFactory,
    AiToolFactory,
    AssessmentFactory,
    AssetFactory,
    EvidenceRecordFactory,
    FilingFactory,
    FtoReviewFactory,
    ImportJobFactory,
    IncidentRunFactory,
    InvitationFactory,
    MembershipFactory,
    OtsProofFactory,
    PlatformRegistrationFactory,
    ProductFactory,
    ProductMarketFactory,
    ReportFactory,
    WatchedApplicationFactory,
    deadline_of,
)

# URLs outside tenant data, with the reason they are skipped.
NOT_TENANT_DATA = {
    "accounts:invitation_accept": "signed token, checked by its own tests",
    "accounts:invitation_signup": "signed token, checked by tests/accounts/test_members.py",
    "accounts:password_reset_confirm": "Django's signed reset token",
    "csp_report": "browsers' Content Security Policy reports, DEBUG only",
    "portfolio:calendar_feed": "secret feed token, checked by tests/portfolio/test_calendar.py",
    "reminders:act": "signed token, checked in tests/reminders/test_links_and_pages.py",
    "reminders:unsubscribe": "signed token, works without login by design",
}
# URL arguments that name shared content, not a company's rows, with a real value for each.
CONTENT_ARGUMENTS = {
    "area_key": "trademarks",
    "playbook_key": "counterfeits_abroad",
}


def _object_factories():
    """URL argument name -> function(company) returning the pk of an object of that company."""
    return {
        "company_pk": lambda company: company.pk,
        "membership_pk": lambda company: MembershipFactory(company=company, role="editor").pk,
        "invitation_pk": lambda company: InvitationFactory(company=company).pk,
        "action_pk": lambda company: ActionItemFactory(company=company).pk,
        "assessment_pk": lambda company: AssessmentFactory(company=company).pk,
        "incident_pk": lambda company: IncidentRunFactory(company=company).pk,
        "report_pk": lambda company: ReportFactory(company=company).pk,
        **{name: (lambda company, value=value: value) for name, value in CONTENT_ARGUMENTS.items()},
        "record_pk": lambda company: EvidenceRecordFactory(company=company).pk,
        "asset_pk": lambda company: AssetFactory(company=company).pk,
        "filing_pk": lambda company: FilingFactory(asset=AssetFactory(company=company)).pk,
        "deadline_pk": lambda company: deadline_of(company).pk,
        "job_pk": lambda company: ImportJobFactory(company=company).pk,
        "product_pk": lambda company: ProductFactory(company=company).pk,
        "market_pk": lambda company: ProductMarketFactory(product__company=company).pk,
        "review_pk": lambda company: FtoReviewFactory(product__company=company).pk,
        "watched_pk": lambda company: WatchedApplicationFactory(product__company=company).pk,
        "registration_pk": lambda company: PlatformRegistrationFactory(company=company).pk,
        "tool_pk": lambda company: AiToolFactory(company=company).pk,
        "ai_asset_pk": lambda company: AiAssetFactory(company=company).pk,
        "ots_proof_pk": lambda company: OtsProofFactory(company=company).pk,
    }


def iter_named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # staff-only, not tenant-scoped
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}{entry.namespace}:"
            yield from iter_named_patterns(entry, child_namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _url_arguments(pattern):
    converters = getattr(pattern.pattern, "converters", {})
    return list(converters)


def _urls_with_arguments():
    return [
        (name, pattern)
        for name, pattern in iter_named_patterns()
        if _url_arguments(pattern) and name not in NOT_TENANT_DATA
    ]


def _urls_with_tenant_ids():
    return [
        (name, pattern)
        for name, pattern in _urls_with_arguments()
        if set(_url_arguments(pattern)) - set(CONTENT_ARGUMENTS)
    ]


def test_every_url_argument_has_an_object_factory():
    factories = _object_factories()
    unknown = {
        (name, argument)
        for name, pattern in _urls_with_arguments()
        for argument in _url_arguments(pattern)
        if argument not in factories
    }
    assert not unknown, f"add these URL arguments to the isolation test: {sorted(unknown)}"


@pytest.mark.django_db
def test_another_companys_ids_are_404_on_every_url(personas, owner_client):
    factories = _object_factories()
    checked = 0
    for name, pattern in _urls_with_tenant_ids():
        kwargs = {arg: factories[arg](personas.other_company) for arg in _url_arguments(pattern)}
        url = reverse(name, kwargs=kwargs)
        get_status = owner_client.get(url).status_code
        post_status = owner_client.post(url).status_code
        assert {get_status, post_status} <= {404, 405}, (url, get_status, post_status)
        assert 404 in {get_status, post_status}, (url, get_status, post_status)
        checked += 1
    assert checked >= 4
