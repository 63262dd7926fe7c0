"""Demo data for the evidence vault: two records, as a designer would file them (re-run safe)."""

import io
from datetime import timedelta

from django.utils import timezone

from ipguard.evidence.models import EvidenceRecord
from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.portfolio.models import Asset

LOGO_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">
<circle cx="60" cy="70" r="34" fill="#f2a33a"/><rect x="10" y="70" width="100" height="40"
fill="#15315b"/><text x="60" y="100" font-size="16" text-anchor="middle" fill="#fff">SUNRISE</text>
</svg>
"""
LAMP_SPEC = """L-200 LED desk lamp: design specification, revision A
Arm: two-section aluminium, 320 mm + 280 mm, hidden spring
Head: 180 mm round diffuser, 48 LEDs, 2700-6500 K
Base: 160 mm weighted disc, touch dimmer ring
L-200 LED 台灯外观设计说明（A 版）
""".encode()
LAMP_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
<line x1="100" y1="180" x2="70" y2="100" stroke="#333" stroke-width="6"/>
<line x1="70" y1="100" x2="130" y2="40" stroke="#333" stroke-width="6"/>
<ellipse cx="140" cy="40" rx="30" ry="10" fill="#f2a33a"/>
<rect x="60" y="180" width="80" height="12" rx="6" fill="#15315b"/></svg>
"""


def _file(name, content):
    return IncomingFile(name=name, stream=io.BytesIO(content), size=len(content))


def seed_demo(company, owner):
    if EvidenceRecord.objects.filter(company=company).exists():
        return
    today = timezone.localdate()
    logo_asset = Asset.objects.filter(company=company, right="trademark").first()
    evidence_record_create(
        company=company,
        user=owner,
        title="Sunrise logo, final artwork",
        description="The logo as approved by the board, before the first trademark filing.",
        author="Li Wei",
        created_on=today - timedelta(days=40),
        asset=logo_asset,
        files=[_file("sunrise-logo.svg", LOGO_SVG)],
    )
    design_asset = Asset.objects.filter(company=company, right="design").first()
    evidence_record_create(
        company=company,
        user=owner,
        title="L-200 desk lamp drawings 台灯设计图",
        description="Final drawings and specification, recorded before samples go to buyers.",
        author="Zhang Min",
        created_on=today - timedelta(days=3),
        asset=design_asset,
        files=[_file("L-200-side-view.svg", LAMP_SVG), _file("L-200-specification.txt", LAMP_SPEC)],
    )
