import xml.etree.ElementTree as ET

from ipguard.lib.charts import score_bars_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_proportional_and_labels_escaped():
    svg = score_bars_svg([("Trademarks & brands", 80), ("Patents", 40)], width=640)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Trademarks & brands", "80", "Patents", "40"]
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#eef1f5"]
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] == 2 * widths[1]
    assert bars[0].get("fill") == "#2e8b57" and bars[1].get("fill") == "#c0392b"


def test_scores_are_clamped():
    root = ET.fromstring(score_bars_svg([("x", 140), ("y", -5)]))
    assert [t.text for t in root.iter(f"{SVG}text")][1::2] == ["100", "0"]
