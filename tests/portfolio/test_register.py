from datetime import date

import pytest
from django.urls import reverse

from ipguard.portfolio.models import Asset, Filing
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db


def _filing_post(**values):
    data = {"office": "CN", "number": "", "route": "", "status": "pending"}
    data.update({k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()})
    return data


def test_editor_adds_a_mark_and_a_filing_and_sees_its_deadlines(personas, editor_client):
    response = editor_client.post(
        reverse("portfolio:asset_create"),
        {"right": "trademark", "name": "SUNBEAM", "mark_type": "word", "nice_classes": "11, 9"},
    )
    asset = Asset.objects.get(company=personas.company, name="SUNBEAM")
    assert response.status_code == 302 and asset.nice_classes == [9, 11]
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]),
        _filing_post(
            number="40123456",
            status="registered",
            filing_date=date(2014, 5, 6),
            registration_date=date(2016, 3, 14),
        ),
    )
    assert response.status_code == 302
    page = editor_client.get(asset.get_absolute_url()).content.decode()
    # CN renewal (S1, S2): the term ends Fri 2026-03-13, the day before the anniversary; window
    # from 2025-03-13; grace 2026-09-13 is a Sunday -> 2026-09-14.
    assert "Trademark renewal" in page
    assert "2025-03-13" in page and "2026-03-13" in page and "2026-09-14" in page


def test_unknown_nice_class_is_a_message_on_the_field(personas, editor_client):
    response = editor_client.post(
        reverse("portfolio:asset_create"),
        {"right": "trademark", "name": "X", "mark_type": "word", "nice_classes": "9, 46"},
    )
    assert response.status_code == 400
    assert "Unknown Nice class: 46" in response.content.decode()
    assert not Asset.objects.exists()


def test_a_trademark_needs_a_class_and_a_mark_type(personas, editor_client):
    response = editor_client.post(
        reverse("portfolio:asset_create"), {"right": "trademark", "name": "X"}
    )
    page = response.content.decode()
    assert "at least one Nice class" in page and "word, a logo or both" in page


def test_registration_before_filing_is_refused_on_the_field(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]),
        _filing_post(filing_date=date(2020, 5, 6), registration_date=date(2020, 5, 5)),
    )
    assert response.status_code == 400
    assert "registration date cannot be before the filing date" in response.content.decode()
    assert not Filing.objects.exists()


def test_pct_without_priority_or_filing_date_is_refused(personas, editor_client):
    asset = AssetFactory(company=personas.company, right="patent", mark_type="", nice_classes=[])
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]), _filing_post(office="WO")
    )
    assert response.status_code == 400
    assert "PCT application needs a priority date" in response.content.decode()
    ok = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]),
        _filing_post(office="WO", priority_date=date(2025, 8, 31)),
    )
    assert ok.status_code == 302
    entry = Filing.objects.get().deadlines.get(key="pct_national_phase")
    assert entry.due_date == date(2028, 2, 29)  # 31 Aug + 30 months, leap year


def test_an_office_the_right_cannot_use_is_refused(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]), _filing_post(office="EP")
    )
    assert response.status_code == 400
    assert "cannot be filed at EP" in response.content.decode()


def test_designated_countries_only_for_madrid_marks(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    url = reverse("portfolio:filing_create", args=[asset.pk])
    response = editor_client.post(url, _filing_post(office="CN", designated_countries="US"))
    assert "Only Madrid (WO) trademark registrations" in response.content.decode()
    editor_client.post(
        url,
        _filing_post(
            office="WO",
            designated_countries="us, eu jp",
            international_registration_date=date(2022, 7, 1),
        ),
    )
    filing = Filing.objects.get()
    assert filing.designated_countries == ["EU", "JP", "US"]
    assert filing.deadlines.filter(key="madrid_dependency_end", due_date=date(2027, 7, 1)).exists()


def test_register_lists_assets_with_next_deadline_and_hides_archived(personas, viewer_client):
    live = FilingFactory(asset=AssetFactory(company=personas.company, name="LIVE MARK"))
    gone = AssetFactory(company=personas.company, name="OLD MARK")
    gone.archived_at = gone.created_at
    gone.save()
    AssetFactory(company=personas.other_company, name="RIVAL MARK")
    page = viewer_client.get(reverse("portfolio:asset_list")).content.decode()
    assert "LIVE MARK" in page and "OLD MARK" not in page and "RIVAL MARK" not in page
    assert live.deadlines.filter(status="open").order_by("due_date")[0].due_date.isoformat() in page
    archived = viewer_client.get(reverse("portfolio:asset_list") + "?archived=1").content.decode()
    assert "OLD MARK" in archived and "LIVE MARK" not in archived


def test_archive_and_restore(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    editor_client.post(reverse("portfolio:asset_archive", args=[asset.pk]))
    asset.refresh_from_db()
    assert asset.archived_at is not None
    editor_client.post(reverse("portfolio:asset_archive", args=[asset.pk]), {"restore": "1"})
    asset.refresh_from_db()
    assert asset.archived_at is None


def test_viewer_sees_no_edit_buttons_and_cannot_post(personas, viewer_client):
    asset = AssetFactory(company=personas.company)
    page = viewer_client.get(asset.get_absolute_url()).content.decode()
    assert reverse("portfolio:asset_edit", args=[asset.pk]) not in page
    response = viewer_client.post(
        reverse("portfolio:asset_edit", args=[asset.pk]), {"name": "Hijacked"}
    )
    assert response.status_code == 403


def test_edit_keeps_the_right(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    editor_client.post(
        reverse("portfolio:asset_edit", args=[asset.pk]),
        {"right": "patent", "name": "RENAMED", "mark_type": "logo", "nice_classes": "3"},
    )
    asset.refresh_from_db()
    assert (asset.right, asset.name, asset.nice_classes) == ("trademark", "RENAMED", [3])


def test_viewers_get_403_on_form_pages_too(personas, viewer_client):
    filing = FilingFactory(asset=AssetFactory(company=personas.company))
    for url in (
        reverse("portfolio:asset_create"),
        reverse("portfolio:asset_edit", args=[filing.asset.pk]),
        reverse("portfolio:filing_create", args=[filing.asset.pk]),
        reverse("portfolio:filing_edit", args=[filing.pk]),
        reverse("portfolio:import"),
    ):
        assert viewer_client.get(url).status_code == 403, url


def test_register_and_deadlines_speak_chinese(personas, viewer_client):
    personas.viewer.language = "zh-hans"  # the profile's language, used on every browser
    personas.viewer.save(update_fields=["language"])
    filing = FilingFactory(asset=AssetFactory(company=personas.company))
    page = viewer_client.get(
        reverse("portfolio:asset_detail", args=[filing.asset.pk])
    ).content.decode()
    assert "知识产权台账" in page and "商标续展" in page and "中国（国家知识产权局）" in page


def test_editor_files_a_mark_in_the_philippines_and_a_hague_design(personas, editor_client):
    mark = AssetFactory(company=personas.company, right="trademark", name="SUNBEAM PH")
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[mark.pk]),
        _filing_post(office="PH", filing_date=date(2023, 4, 3)),
    )
    assert response.status_code == 302
    filing = Filing.objects.get(asset=mark)
    # §7, PH IP Code s.124.2: declaration of actual use 3 y from filing = Good Friday
    # 2026-04-03 -> Mon 2026-04-06 (PH calendar).
    assert filing.deadlines.get(kind="ph_declaration_of_use").due_date == date(2026, 4, 6)
    design = AssetFactory(company=personas.company, right="design", name="LAMP", mark_type="")
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[design.pk]),
        _filing_post(
            office="WO", filing_date=date(2022, 7, 1), international_registration_date="2022-07-15"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hague = Filing.objects.get(asset=design)
    # Hague Art 17, §7: first 5-year term ends Thu 2027-07-15.
    assert hague.deadlines.get(key="design_renewal:1").due_date == date(2027, 7, 15)
