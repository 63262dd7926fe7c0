"""Small server-side SVG charts: no JavaScript, and WeasyPrint draws them natively."""

from html import escape


def score_colour(score: int) -> str:
    if score >= 75:
        return "#2e8b57"
    if score >= 50:
        return "#d68910"
    return "#c0392b"


def score_bars_svg(rows, *, width=640, bar_height=22, gap=10, label_width=290) -> str:
    """Horizontal bars for (label, score 0-100) rows, each with its value at the end."""
    rows = list(rows)
    plot_width = width - label_width - 48
    height = max(len(rows), 1) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="score-bars">'
    ]
    for index, (label, score) in enumerate(rows):
        score = max(0, min(100, int(score)))
        y = gap + index * (bar_height + gap)
        bar = round(plot_width * score / 100, 1)
        text_y = y + bar_height * 0.72
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y}" text-anchor="end" font-size="13" '
            f'fill="#1d2733">{escape(str(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{plot_width}" height="{bar_height}" '
            f'fill="#eef1f5" rx="3"/>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" '
            f'fill="{score_colour(score)}" rx="3"/>'
            f'<text x="{label_width + bar + 6}" y="{text_y}" font-size="13" '
            f'font-weight="bold" fill="#1d2733">{score}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def score_bars_stacked_svg(rows, *, width=360, bar_height=14, gap=12, font_size=14) -> str:
    """The bars with each label above its bar: narrow enough for a phone (360 px) at full size,
    so the labels stay readable where the side-by-side chart would shrink them to ~7 px."""
    rows = list(rows)
    value_width = 34
    plot_width = width - value_width
    row_height = font_size + 6 + bar_height + gap
    height = max(len(rows), 1) * row_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="score-bars score-bars-stacked">'
    ]
    for index, (label, score) in enumerate(rows):
        score = max(0, min(100, int(score)))
        top = index * row_height
        bar_y = top + font_size + 6
        bar = round(plot_width * score / 100, 1)
        parts.append(
            f'<text x="0" y="{top + font_size}" font-size="{font_size}" '
            f'fill="#1d2733">{escape(str(label))}</text>'
            f'<rect x="0" y="{bar_y}" width="{plot_width}" height="{bar_height}" '
            f'fill="#eef1f5" rx="3"/>'
            f'<rect x="0" y="{bar_y}" width="{bar}" height="{bar_height}" '
            f'fill="{score_colour(score)}" rx="3"/>'
            f'<text x="{width}" y="{bar_y + bar_height - 2}" text-anchor="end" '
            f'font-size="{font_size}" font-weight="bold" fill="#1d2733">{score}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def score_trend_svg(
    points, *, width=640, height=200, pad_left=40, pad_right=20, pad_top=24, pad_bottom=36
) -> str:
    """A line of overall scores over time: `points` are (label, score 0-100 or None) in order.

    A period without a score leaves a gap in the line and shows "–" under its label, so a missing
    quarter is never drawn as a zero.
    """
    points = list(points)
    plot_width = width - pad_left - pad_right
    plot_height = height - pad_top - pad_bottom
    # Points sit in the middle of equal slots, so the first and last labels are never cut off.
    slot = plot_width / max(len(points), 1)

    def x_at(index):
        return round(pad_left + slot * (index + 0.5), 1)

    def y_at(score):
        return round(pad_top + plot_height * (1 - score / 100), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="score-trend">'
    ]
    for level in (0, 50, 100):
        y = y_at(level)
        parts.append(
            f'<line x1="{pad_left}" y1="{y}" x2="{width - pad_right}" y2="{y}" '
            f'stroke="#dde2e8" stroke-width="1"/>'
            f'<text x="{pad_left - 6}" y="{y + 4}" text-anchor="end" font-size="11" '
            f'fill="#6b7785">{level}</text>'
        )
    segment = []
    segments = []
    for index, (_label, score) in enumerate(points):
        if score is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append((x_at(index), y_at(max(0, min(100, int(score))))))
    if segment:
        segments.append(segment)
    for run in segments:
        if len(run) > 1:
            coordinates = " ".join(f"{x},{y}" for x, y in run)
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="#15315b" '
                'stroke-width="2.5"/>'
            )
    for index, (label, score) in enumerate(points):
        x = x_at(index)
        parts.append(
            f'<text x="{x}" y="{height - 12}" text-anchor="middle" font-size="12" '
            f'fill="#1d2733">{escape(str(label))}</text>'
        )
        if score is None:
            parts.append(
                f'<text x="{x}" y="{y_at(0) - 6}" text-anchor="middle" font-size="12" '
                f'fill="#6b7785">–</text>'
            )
            continue
        score = max(0, min(100, int(score)))
        y = y_at(score)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="4.5" fill="{score_colour(score)}"/>'
            f'<text x="{x}" y="{y - 9}" text-anchor="middle" font-size="12" font-weight="bold" '
            f'fill="#1d2733">{score}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
