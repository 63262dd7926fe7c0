from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from ipguard.core.csp import csp_report

urlpatterns = [
    path("", include("ipguard.core.urls")),
    path("accounts/", include("ipguard.accounts.urls")),
    # The action plan keeps the addresses it had inside the playbooks app: reminder emails and
    # calendar feeds already sent link to them.
    path("playbooks/actions/", include("ipguard.actions.urls")),
    path("playbooks/", include("ipguard.playbooks.urls")),
    path("evidence/", include("ipguard.evidence.urls")),
    path("portfolio/", include("ipguard.portfolio.urls")),
    path("reminders/", include("ipguard.reminders.urls")),
    path("reports/", include("ipguard.reports.urls")),
    path("products/", include("ipguard.products.urls")),
    path("admin/", admin.site.urls),
    # Answers only while CSP_REPORTS is on (DEBUG); see ipguard/core/csp.py.
    path("csp-report/", csp_report, name="csp_report"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
