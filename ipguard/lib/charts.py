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
