import xml.etree.ElementTree as ET

from ipguard.lib.charts import score_bars_svg, score_trend_svg

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


def _trend_parts(svg):
    root = ET.fromstring(svg)
    circles = list(root.iter(f"{SVG}circle"))
    lines = list(root.iter(f"{SVG}polyline"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    return root, circles, lines, texts


def test_trend_puts_higher_scores_higher_and_labels_every_quarter():
    svg = score_trend_svg([("2026-Q1", 40), ("2026-Q2", 55), ("2026-Q3", 70), ("2026-Q4", 90)])
    _root, circles, lines, texts = _trend_parts(svg)
    ys = [float(c.get("cy")) for c in circles]
    assert ys == sorted(ys, reverse=True)  # SVG y grows downwards
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 4
    for label in ("2026-Q1", "2026-Q4", "40", "90"):
        assert label in texts


def test_trend_leaves_a_gap_for_a_quarter_without_a_score():
    svg = score_trend_svg([("Q1", 40), ("Q2", None), ("Q3", 60), ("Q4", 65)])
    _root, circles, lines, texts = _trend_parts(svg)
    assert len(circles) == 3
    # Q1 stands alone; Q3-Q4 are joined. Nothing is drawn at zero for Q2.
    assert [len(line.get("points").split()) for line in lines] == [2]
    assert "–" in texts


def test_trend_escapes_labels_and_handles_one_point():
    svg = score_trend_svg([("<Q4>", 120)])
    _root, circles, _lines, texts = _trend_parts(svg)
    assert "<Q4>" in texts and "100" in texts
    assert len(circles) == 1
