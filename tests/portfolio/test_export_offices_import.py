"""The spreadsheet import accepts the export-market offices and computes their deadlines."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipguard.portfolio import imports
from ipguard.portfolio.models import Filing, ImportJob

pytestmark = pytest.mark.django_db

SHEET = """\
asset,right,mark_type,nice_classes,office,number,status,filing_date,registration_date
SUNBEAM,trademark,word,9,sg,40201600001X,registered,2016-08-09,2017-01-05
SUNBEAM,trademark,word,9,PH,4-2023-000001,pending,2023-04-03,
SUNBEAM,trademark,word,9,ZZ,1,pending,2023-04-03,
"""


def test_import_takes_sg_and_ph_rows_and_refuses_an_unknown_office(personas, editor_client):
    page = editor_client.post(
        reverse("portfolio:import"),
        {"file": SimpleUploadedFile("marks.csv", SHEET.encode())},
    ).content.decode()
    assert "3 rows: 2 ready to import, 1 with problems." in page
    assert "Unknown office ZZ" in page
    job = ImportJob.objects.latest("pk")
    editor_client.post(reverse("portfolio:import_confirm", args=[job.pk]))
    imports.import_job_run(job_id=job.pk)  # the worker's part, called directly
    sg = Filing.objects.get(office="SG")
    # ⚠ SG TMA s.18: expiry Sun 2026-08-09; Mon 10 Aug observed National Day -> Tue 11 Aug.
    assert sg.deadlines.get(key="tm_renewal:1").due_date == date(2026, 8, 11)
    ph = Filing.objects.get(office="PH")
    # §7: declaration of actual use 3 y from filing, Good Friday 2026-04-03 -> Mon 6 Apr.
    assert ph.deadlines.get(kind="ph_declaration_of_use").due_date == date(2026, 4, 6)
