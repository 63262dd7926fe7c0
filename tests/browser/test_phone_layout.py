"""At phone width, in Chinese, every main page fits the screen and logs no console error.

Screenshots go to tests/browser/artefacts/phone-360/ (git-ignored) for people to look at.
The width is 360 px, the narrowest common Android phone (issue 16 measured at 390 px).
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ipguard.accounts.models import Company, User
from ipguard.actions.models import ActionItem
from ipguard.evidence.models import EvidenceRecord
from ipguard.playbooks.models import Assessment
from ipguard.portfolio.models import Asset, Deadline
from tests.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parent / "artefacts" / "phone-360"
WIDTH = 360


def _pages():
    company = Company.objects.get(name="Sunrise Lighting Co., Ltd.")
    asset = Asset.objects.filter(company=company).order_by("pk").first()
    deadline = Deadline.objects.filter(company=company, status="open").order_by("due_date").first()
    action = ActionItem.objects.filter(company=company).order_by("pk").first()
    record = EvidenceRecord.objects.filter(company=company).order_by("pk").first()
    assessment = Assessment.objects.filter(company=company, status="submitted").first()
    pages = {
        "dashboard": "/dashboard/",
        "register": "/portfolio/",
        "asset": f"/portfolio/assets/{asset.pk}/",
        "asset-new": "/portfolio/assets/new/",
        "deadline": f"/portfolio/deadlines/{deadline.pk}/",
        "calendar": "/portfolio/calendar/",
        "calendar-month": "/portfolio/calendar/month/",
        "calendar-subscribe": "/portfolio/calendar/subscribe/",
        "import": "/portfolio/import/",
        "actions": "/playbooks/actions/",
        "action": f"/playbooks/actions/{action.pk}/",
        "health-check": "/playbooks/health-check/",
        "health-check-area": "/playbooks/health-check/area/trademarks/",
        "history": "/playbooks/health-check/history/",
        "alliances": "/playbooks/alliances/",
        "incidents": "/playbooks/incidents/",
        "vault": "/evidence/",
        "record": f"/evidence/records/{record.pk}/",
        "verify": "/evidence/verify/",
        "reports": "/reports/",
        "members": "/accounts/company/members/",
        "profile": "/accounts/profile/",
        "company-settings": "/accounts/company/settings/",
        "reminder-preferences": "/reminders/preferences/",
        "reminder-log": "/reminders/log/",
        "reminder-policy": "/reminders/policy/",
    }
    if assessment:
        pages["result"] = f"/playbooks/health-check/{assessment.pk}/"
    return pages


def test_main_pages_fit_a_360_px_phone_in_chinese(live_server, browser):
    call_command("seed_demo", stdout=StringIO())
    owner = User.objects.get(email="demo@ipguard.local")
    owner.language = "zh-hans"
    owner.save(update_fields=["language"])
    company = Company.objects.get(name="Sunrise Lighting Co., Ltd.")
    ReportFactory(company=company, language="zh-hans")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    context = browser.new_context(
        viewport={"width": WIDTH, "height": 780}, device_scale_factor=1, locale="zh-CN"
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "demo@ipguard.local")
    page.fill("input[name=password]", "ipguard-demo-2026")
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")

    problems = []
    for name, path in _pages().items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, response.status)
        assert page.locator("html").get_attribute("lang") == "zh-hans", name
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}-screen.png"))  # what the phone shows first
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                     .filter(e => !e.closest('.table-responsive, .scroll-x'))
                     .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
            problems.append(f"{name}: {scroll} px wide ({wide})")
        small = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                 .filter(e => e.childNodes.length && [...e.childNodes].some(
                     n => n.nodeType === 3 && n.textContent.trim()))
                 .filter(e => e.getBoundingClientRect().width > 0)
                 .filter(e => parseFloat(getComputedStyle(e).fontSize) < 11)
                 .slice(0, 3).map(e => e.tagName + ':' + e.textContent.trim().slice(0, 20))"""
        )
        small += page.evaluate(
            """() => [...document.querySelectorAll('main svg text')].filter(t => {
                 const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;
                 const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
                 return parseFloat(t.getAttribute('font-size') || 16) * scale < 11;
               }).slice(0, 3).map(t => 'svg text:' + t.textContent.slice(0, 20))"""
        )
        if small:
            problems.append(f"{name}: text under 11 px: {small}")
    context.close()
    assert not problems, "\n".join(problems)
    assert not errors, "\n".join(errors)
