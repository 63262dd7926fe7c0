"""The Content Security Policy header, and the DEBUG endpoint that logs violation reports."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db


def test_pages_forbid_inline_scripts_and_styles(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_violation_reports_are_logged_in_development(client, caplog, settings):
    settings.CSP_REPORTS = True
    report = {"csp-report": {"violated-directive": "style-src-attr", "document-uri": "/x/"}}
    with caplog.at_level(logging.WARNING, logger="ipguard.csp"):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert "style-src-attr" in caplog.text
    assert (
        client.post("/csp-report/", "not json", content_type="application/json").status_code == 400
    )


def test_the_report_endpoint_is_closed_in_production(client, settings):
    settings.CSP_REPORTS = False
    assert client.post("/csp-report/", "{}", content_type="application/json").status_code == 404
