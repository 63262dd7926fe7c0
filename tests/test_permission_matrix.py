"""The declared permission matrix: every URL x {owner, editor, viewer, outsider, anonymous} x
{GET, POST}, with the answer each one must get.

MATRIX below is the declaration, written here independently of the views: the lowest level that
may read (GET) and write (POST) each URL, "-" for a method the URL does not serve. The test
walks every named URL (as the isolation test does), checks that the view declares the same
levels with `@permission`, and makes all ten requests. A new URL fails until it is declared here.

Expected answers: a method the URL does not serve is 405 for everyone; an anonymous visitor is
sent to the login page unless the level is "anyone"; a member below the level gets 403; the
member of another company (an owner there) gets 404 on this company's ids; everyone else is
served (200, a redirect elsewhere than the login page, or 400 for the empty form).
"""

import copy

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from ipguard.accounts.permissions import Level
from tests.factories import ReportFactory
from tests.test_tenant_isolation import (
    CONTENT_ARGUMENTS,
    NOT_TENANT_DATA,
    _object_factories,
    _url_arguments,
    iter_named_patterns,
)

LEVELS = {
    "-": None,
    "anyone": Level.ANYONE,
    "signed-in": Level.SIGNED_IN,
    "viewer": Level.VIEWER,
    "editor": Level.EDITOR,
    "owner": Level.OWNER,
}

# URL name: (who may GET, who may POST)
MATRIX = {
    # The front door and the account's own pages.
    "core:home": ("anyone", "-"),
    "core:health": ("anyone", "-"),
    "core:language_switch": ("-", "anyone"),
    "core:dashboard": ("viewer", "-"),
    "accounts:signup": ("anyone", "anyone"),
    "accounts:login": ("anyone", "anyone"),
    "accounts:logout": ("-", "anyone"),
    "accounts:password_reset": ("anyone", "anyone"),
    "accounts:password_reset_done": ("anyone", "-"),
    "accounts:password_reset_confirm": ("anyone", "anyone"),
    "accounts:password_reset_complete": ("anyone", "-"),
    "accounts:invitation_accept": ("anyone", "anyone"),
    "accounts:invitation_signup": ("anyone", "anyone"),
    "accounts:two_factor": ("signed-in", "-"),
    "accounts:two_factor_setup": ("signed-in", "signed-in"),
    "accounts:two_factor_verify": ("signed-in", "signed-in"),
    "accounts:two_factor_disable": ("-", "signed-in"),
    "accounts:two_factor_recovery_codes": ("-", "signed-in"),
    "core:company_export": ("owner", "-"),
    "core:company_delete": ("owner", "owner"),
    "core:audit_log": ("owner", "-"),
    "csp_report": ("-", "anyone"),
    "accounts:profile": ("signed-in", "signed-in"),
    "accounts:password_change": ("signed-in", "signed-in"),
    "accounts:password_change_done": ("signed-in", "-"),
    "accounts:company_create": ("signed-in", "signed-in"),
    "accounts:company_switch": ("-", "signed-in"),
    "accounts:company_leave": ("-", "viewer"),
    # The company: members read, owners manage.
    "accounts:members": ("viewer", "-"),
    "accounts:company_settings": ("owner", "owner"),
    "accounts:invitation_create": ("-", "owner"),
    "accounts:invitation_revoke": ("-", "owner"),
    "accounts:membership_role": ("-", "owner"),
    "accounts:membership_remove": ("-", "owner"),
    # Health check, alliances, incidents.
    "playbooks:questionnaire": ("viewer", "editor"),
    "playbooks:questionnaire_area": ("viewer", "editor"),
    "playbooks:questionnaire_review": ("viewer", "-"),
    "playbooks:questionnaire_submit": ("-", "editor"),
    "playbooks:assessment_history": ("viewer", "-"),
    "playbooks:assessment_result": ("viewer", "-"),
    "playbooks:alliance_advisor": ("viewer", "editor"),
    "playbooks:incident_list": ("viewer", "-"),
    "playbooks:incident_start": ("-", "editor"),
    "playbooks:incident_detail": ("viewer", "-"),
    # The action plan: form pages are editors' pages, GET included.
    "actions:action_list": ("viewer", "-"),
    "actions:action_create": ("editor", "editor"),
    "actions:action_detail": ("viewer", "-"),
    "actions:action_edit": ("-", "editor"),
    "actions:action_status": ("-", "editor"),
    "actions:action_comment": ("-", "editor"),
    # The register, deadlines, import and export, calendar.
    "portfolio:asset_list": ("viewer", "-"),
    "portfolio:asset_detail": ("viewer", "-"),
    "portfolio:asset_create": ("editor", "editor"),
    "portfolio:asset_edit": ("editor", "editor"),
    "portfolio:asset_archive": ("-", "editor"),
    "portfolio:filing_create": ("editor", "editor"),
    "portfolio:filing_edit": ("editor", "editor"),
    "portfolio:filing_archive": ("-", "editor"),
    "portfolio:deadline_detail": ("viewer", "-"),
    "portfolio:deadline_status": ("-", "editor"),
    "portfolio:deadline_snooze": ("-", "editor"),
    "portfolio:import": ("editor", "editor"),
    "portfolio:import_confirm": ("-", "editor"),
    "portfolio:import_job": ("viewer", "-"),  # the job's progress and outcome
    "portfolio:import_job_progress": ("viewer", "-"),
    "portfolio:export": ("viewer", "-"),
    "portfolio:calendar": ("viewer", "-"),
    "portfolio:calendar_month": ("viewer", "-"),
    "portfolio:calendar_subscribe": ("viewer", "viewer"),  # a personal feed address
    "portfolio:calendar_feed": ("anyone", "-"),  # the secret token is the key
    # Evidence vault.
    "evidence:vault": ("viewer", "-"),
    "evidence:record_create": ("editor", "editor"),
    "evidence:record_detail": ("viewer", "-"),
    "evidence:verify": ("viewer", "-"),
    "evidence:record_certificate": ("viewer", "-"),
    "evidence:record_export": ("viewer", "-"),
    "evidence:vault_export": ("viewer", "-"),
    "evidence:ots_proofs": ("viewer", "-"),
    "evidence:ots_anchor_now": ("-", "editor"),
    "evidence:ots_proof": ("viewer", "-"),
    "evidence:ots_proof_download": ("viewer", "-"),
    "evidence:deposit_policy": ("owner", "owner"),
    "evidence:chain_deposit_create": ("editor", "editor"),
    "evidence:record_deposit_create": ("editor", "editor"),
    # Reminders: one's own preferences, the owners' policy and log, signed email links.
    "reminders:preferences": ("signed-in", "signed-in"),
    "reminders:policy": ("owner", "owner"),
    "reminders:log": ("owner", "-"),
    "reminders:act": ("anyone", "anyone"),
    "reminders:unsubscribe": ("anyone", "anyone"),
    # Quarterly reports.
    "reports:report_list": ("viewer", "-"),
    "reports:report_request": ("-", "editor"),
    "reports:report_download": ("viewer", "-"),
    # Products and markets: form pages are editors' pages; the review period is the owners'.
    "products:product_list": ("viewer", "-"),
    "products:product_create": ("editor", "editor"),
    "products:product_detail": ("viewer", "-"),
    "products:product_edit": ("editor", "editor"),
    "products:market_create": ("editor", "editor"),
    "products:market_edit": ("editor", "editor"),
    "products:market_delete": ("-", "editor"),
    "products:review_create": ("editor", "editor"),
    "products:review_detail": ("viewer", "editor"),
    "products:watched_list": ("viewer", "-"),
    "products:watched_create": ("editor", "editor"),
    "products:watched_edit": ("editor", "editor"),
    "products:registration_list": ("viewer", "-"),
    "products:registration_create": ("editor", "editor"),
    "products:registration_edit": ("editor", "editor"),
    "products:settings": ("owner", "owner"),
    "products:coverage": ("viewer", "-"),
    "products:export": ("viewer", "-"),
    "products:import": ("editor", "editor"),
    "products:ai_register": ("viewer", "-"),
    "products:ai_tool_create": ("editor", "editor"),
    "products:ai_tool_edit": ("editor", "editor"),
    "products:ai_asset_create": ("editor", "editor"),
    "products:ai_asset_edit": ("editor", "editor"),
    "products:ai_manual": ("editor", "editor"),
}

# Placeholder values for URLs whose argument is a signed token, not a company's row.
TOKEN_ARGUMENTS = {"token": "not-a-valid-token", "uidb64": "MQ"}
# A served answer: a page, a redirect (not to the login page), or the empty form's 400; a token
# that is not valid may also be 404 or 410.
SERVED = {200, 204, 301, 302, 303, 400}
SERVED_FOR_A_BAD_TOKEN = SERVED | {404, 410}
PERSONA_LEVELS = {"owner": Level.OWNER, "editor": Level.EDITOR, "viewer": Level.VIEWER}


def _declared(name):
    read, write = MATRIX[name]
    return LEVELS[read], LEVELS[write]


def expected_answer(name, persona, method, *, tenant_ids):
    read, write = _declared(name)
    level = read if method == "GET" else write
    if level is None:
        return "405"
    if persona == "anonymous":
        return "served" if level == Level.ANYONE else "login"
    if level > PERSONA_LEVELS.get(persona, Level.OWNER):  # the outsider owns their company
        return "403"
    if persona == "outsider" and tenant_ids:
        return "404"
    return "served"


def actual_answer(name, method, response):
    status = response.status_code
    if status in (403, 405):
        return str(status)
    read, write = _declared(name)
    public = (read if method == "GET" else write) == Level.ANYONE
    if status == 302 and response.url.startswith(reverse(settings.LOGIN_URL)) and not public:
        return "login"  # (logging out, a public page, lands on the login page by design)
    served = SERVED_FOR_A_BAD_TOKEN if name in NOT_TENANT_DATA else SERVED
    if status in served:
        return "served"
    return str(status)


def test_every_url_is_declared_in_the_matrix_and_by_its_view():
    names = {name for name, _pattern in iter_named_patterns()}
    assert names - set(MATRIX) == set(), "declare these URLs in MATRIX"
    assert set(MATRIX) - names == set(), "these URLs are gone: remove them from MATRIX"
    for name, pattern in iter_named_patterns():
        declared = getattr(pattern.callback, "permission", None)
        assert declared is not None, f"{name}: the view has no @permission"
        assert (declared.read, declared.write) == _declared(name), name


def _ready_report(company):
    """A report with its PDF, so that downloading it is served (a queued one is a 404)."""
    report = ReportFactory(company=company, status="ready")
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return report.pk


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_declared(personas, settings, tmp_path):
    settings.REPORTS_ROOT = tmp_path / "reports"
    clients = {
        "owner": personas.client_for(personas.owner),
        "editor": personas.client_for(personas.editor),
        "viewer": personas.client_for(personas.viewer),
        "outsider": personas.client_for(personas.outsider),
        "anonymous": Client(),
    }
    factories = {**_object_factories(), "report_pk": _ready_report}
    wrong = []
    for name, pattern in iter_named_patterns():
        arguments = _url_arguments(pattern)
        kwargs = {
            arg: TOKEN_ARGUMENTS[arg]
            if name in NOT_TENANT_DATA
            else factories[arg](personas.company)
            for arg in arguments
        }
        url = reverse(name, kwargs=kwargs)
        assert resolve(url).url_name == name.split(":")[-1]
        tenant_ids = name not in NOT_TENANT_DATA and bool(set(arguments) - set(CONTENT_ARGUMENTS))
        for persona, client in clients.items():
            for method in ("GET", "POST"):
                # Each request runs in a savepoint that is rolled back: a POST that removes a
                # member or logs out does not change what the next request sees.
                # Cookies are restored too (logout and the language switch change them).
                cookies = copy.deepcopy(client.cookies)
                with transaction.atomic():
                    response = client.get(url) if method == "GET" else client.post(url, {})
                    transaction.set_rollback(True)
                client.cookies = cookies
                want = expected_answer(name, persona, method, tenant_ids=tenant_ids)
                got = actual_answer(name, method, response)
                if got != want:
                    wrong.append(
                        f"{method} {url} as {persona}: {got} ({response.status_code}), "
                        f"declared {want}"
                    )
    assert not wrong, "\n".join(wrong)
