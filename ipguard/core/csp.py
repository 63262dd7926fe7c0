"""Where browsers report Content Security Policy violations in development (DEBUG only)."""

import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ipguard.accounts.permissions import Level, permission

logger = logging.getLogger(__name__)

MAX_REPORT_BYTES = 16 * 1024


@csrf_exempt  # browsers send reports without a CSRF token
@permission(write=Level.ANYONE)
def csp_report(request):
    if not settings.CSP_REPORTS:
        raise Http404
    try:
        report = json.loads(request.body[:MAX_REPORT_BYTES] or b"{}")
    except ValueError:
        return HttpResponse(status=400)
    body = report.get("csp-report", report) if isinstance(report, dict) else report
    logger.warning("CSP violation: %s", json.dumps(body, sort_keys=True)[:2000])
    return HttpResponse(status=204)
