from django.urls import path

from ipguard.portfolio.views import calendar, deadlines, register, transfer

app_name = "portfolio"

urlpatterns = [
    path("", register.asset_list, name="asset_list"),
    path("assets/new/", register.asset_create, name="asset_create"),
    path("assets/<int:asset_pk>/", register.asset_detail, name="asset_detail"),
    path("assets/<int:asset_pk>/edit/", register.asset_edit, name="asset_edit"),
    path("assets/<int:asset_pk>/archive/", register.asset_archive, name="asset_archive"),
    path("assets/<int:asset_pk>/filings/new/", register.filing_create, name="filing_create"),
    path("filings/<int:filing_pk>/edit/", register.filing_edit, name="filing_edit"),
    path("filings/<int:filing_pk>/archive/", register.filing_archive, name="filing_archive"),
    path("deadlines/<int:deadline_pk>/", deadlines.deadline_detail, name="deadline_detail"),
    path("deadlines/<int:deadline_pk>/status/", deadlines.deadline_status, name="deadline_status"),
    path("deadlines/<int:deadline_pk>/snooze/", deadlines.deadline_snooze, name="deadline_snooze"),
    path("import/", transfer.import_upload, name="import"),
    path("import/<int:job_pk>/", transfer.import_job, name="import_job"),
    path("import/<int:job_pk>/confirm/", transfer.import_confirm, name="import_confirm"),
    path("import/<int:job_pk>/progress/", transfer.import_job_progress, name="import_job_progress"),
    path("export/", transfer.export, name="export"),
    path("calendar/", calendar.calendar_list, name="calendar"),
    path("calendar/month/", calendar.calendar_month, name="calendar_month"),
    path("calendar/subscribe/", calendar.calendar_subscribe, name="calendar_subscribe"),
    path("feed/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
