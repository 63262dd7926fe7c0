"""A designer drops drawings on the evidence form in a real browser and gets them recorded."""

import hashlib

import pytest

from ipguard.evidence.models import EvidenceEntry
from tests.factories import TEST_PASSWORD, CompanyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DROP = """([files]) => {
  const transfer = new DataTransfer();
  for (const [name, text] of files) transfer.items.add(new File([text], name));
  const zone = document.getElementById("dropzone");
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
}"""


def test_dropped_files_are_checked_then_recorded(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    company = CompanyFactory(name="Sunrise Lighting Co.")
    member(company, "editor", email="zhang.min@sunrise.test")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "zhang.min@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")

    page.goto(f"{live_server.url}/evidence/new/")
    page.evaluate(DROP, [[["setup.exe", "MZ"]]])
    assert "this type of file is not accepted" in page.locator("#file-list").inner_text()
    assert page.locator("#upload-submit").is_disabled()

    page.reload()
    page.evaluate(DROP, [[["front.dwg", "AC1032 front"], ["side.dwg", "AC1032 side"]]])
    assert page.locator("#file-list li").count() == 2
    assert page.locator("#upload-submit").is_enabled()
    page.fill("input[name=title]", "L-200 lamp drawings")
    page.click("#upload-submit")
    page.wait_for_url("**/evidence/records/*/")

    assert "Recorded 2 file(s)" in page.locator(".alert").inner_text()
    recorded = {entry.file_name: entry.file_sha256 for entry in EvidenceEntry.objects.all()}
    assert recorded == {
        "front.dwg": hashlib.sha256(b"AC1032 front").hexdigest(),
        "side.dwg": hashlib.sha256(b"AC1032 side").hexdigest(),
    }
