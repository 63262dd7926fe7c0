"""The Content Security Policy holds on the main pages: no inline script or style is refused.

Chromium logs each refused inline script, style="" attribute or eval as a console error naming
the Content Security Policy; the test fails on any. htmx (autosave) must still work under it.
"""

import pytest
from django.urls import reverse

from tests.factories import (
    TEST_PASSWORD,
    ActionItemFactory,
    AssetFactory,
    CompanyFactory,
    EvidenceRecordFactory,
    FilingFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "core:dashboard",
    "accounts:profile",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:company_settings",
    "accounts:members",
    "accounts:password_change",
    "actions:action_list",
    "actions:action_create",
    "playbooks:questionnaire",
    "playbooks:assessment_history",
    "playbooks:alliance_advisor",
    "playbooks:incident_list",
    "evidence:vault",
    "evidence:record_create",
    "evidence:verify",
    "portfolio:asset_list",
    "portfolio:asset_create",
    "portfolio:import",
    "portfolio:calendar",
    "portfolio:calendar_month",
    "portfolio:calendar_subscribe",
    "reminders:preferences",
    "reminders:policy",
    "reminders:log",
    "reports:report_list",
    "core:audit_log",
    "core:company_delete",
]
ANONYMOUS_PAGES = ["core:home", "accounts:login", "accounts:signup", "accounts:password_reset"]


def _watch_csp(page):
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations


def test_no_page_breaks_the_content_security_policy(live_server, page):
    violations = _watch_csp(page)
    for name in ANONYMOUS_PAGES:
        response = page.goto(live_server.url + reverse(name))
        assert response.status == 200, name
        assert "default-src 'self'" in response.headers["content-security-policy"]

    company = CompanyFactory(name="Sunrise Lighting Co.")
    owner = member(company, "owner", email="li.wei@sunrise.test")
    asset = AssetFactory(company=company)
    FilingFactory(asset=asset)
    action = ActionItemFactory(company=company, owner=owner)
    record = EvidenceRecordFactory(company=company)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "li.wei@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")

    paths = [reverse(name) for name in PAGES] + [
        reverse("portfolio:asset_detail", args=[asset.pk]),
        reverse("actions:action_detail", args=[action.pk]),
        reverse("evidence:record_detail", args=[record.pk]),
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")

    # The health check: its progress bar gets its width from static JS, and htmx autosaves.
    page.goto(live_server.url + reverse("playbooks:questionnaire"))
    page.click("main button[type=submit]")
    page.wait_for_url("**/health-check/**")
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator("#area-form input[type=radio]").first.check()
    page.wait_for_selector("#save-state:has-text('Saved automatically')")
    assert violations == []
    assert page.locator(".progress-bar").evaluate("element => element.style.width").endswith("%")
