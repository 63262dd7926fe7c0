"""Every text colour on its background meets WCAG 2.1 AA for normal text: 4.5:1 (SC 1.4.3).

The pairs are read from the style sheets themselves, so a new colour is checked when it is added:
- our CSS (static/css/*.css): every rule that sets a background gets the text drawn on it (the
  rule's own `color`, else Bootstrap's badge colour on a badge, the dark navbar's link colour on
  the navbar, or Bootstrap's body and muted text colours);
- Bootstrap's `text-bg-*` classes that the templates use;
- the print styles of the report and the evidence certificate: each `color` on the rule's own
  background, else on the white page;
- the emails' inline styles: each `color` on the element's own background, else on the white
  card every email body sits in (templates/emails/_layout.html).
Colours with transparency are blended over the background they sit on, as a browser does.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUR_CSS = sorted((ROOT / "static" / "css").glob("*.css"))
BOOTSTRAP = ROOT / "static" / "vendor" / "bootstrap" / "bootstrap.min.css"
PRINT_TEMPLATES = [
    ROOT / "templates" / "reports" / "report.html",
    ROOT / "templates" / "evidence" / "certificate.html",
]
EMAILS = ROOT / "templates" / "emails"
AA_NORMAL_TEXT = 4.5
WHITE = (255, 255, 255)


# --- colours ------------------------------------------------------------------------------------


def parse_colour(value: str, variables: dict[str, str] | None = None):
    """(r, g, b) or (r, g, b, alpha) from #rgb, #rrggbb, rgb()/rgba() or var(--name)."""
    value = value.replace("!important", "").strip()
    variable = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if variable:
        return parse_colour((variables or {})[variable[1]], variables)
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    if value.lower() == "white":
        return WHITE
    match = re.fullmatch(r"rgba?\(([^)]*)\)", value, re.IGNORECASE)
    if match:
        parts = [p.strip() for p in match[1].split(",")]
        rgb = tuple(int(p) for p in parts[:3])
        return rgb + (float(parts[3]),) if len(parts) == 4 else rgb
    raise ValueError(f"not a colour: {value!r}")


def blend(colour, background):
    """A colour with transparency as seen over an opaque background."""
    if len(colour) == 3:
        return colour
    *rgb, alpha = colour
    return tuple(round(alpha * c + (1 - alpha) * b) for c, b in zip(rgb, background, strict=True))


def relative_luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background) -> float:
    background = blend(background, WHITE)
    lighter, darker = sorted(
        (relative_luminance(blend(foreground, background)), relative_luminance(background)),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


# --- style sheets -------------------------------------------------------------------------------


def css_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every innermost rule; @media wrappers are looked through."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"@(charset|import)[^;]*;", "", text)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = {}
        for declaration in body.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                declarations[name.strip().lower()] = value.strip()
        rules.append((" ".join(selector.split()), declarations))
    return rules


def _background(declarations):
    return declarations.get("background-color") or declarations.get("background")


def _bootstrap():
    rules = css_rules(BOOTSTRAP.read_text(encoding="utf-8"))
    variables = {}
    for selector, declarations in rules:
        if selector.startswith(":root"):
            variables.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return rules, variables


def _bootstrap_value(rules, selector, name):
    return next(d[name] for s, d in rules if s == selector and name in d)


def declared_pairs():
    """(where, foreground, background) for every text colour the style sheets declare."""
    bootstrap, bs_vars = _bootstrap()
    body_text = parse_colour(bs_vars["--bs-body-color"])
    muted_text = parse_colour(bs_vars["--bs-secondary-color"])
    badge_text = parse_colour(_bootstrap_value(bootstrap, ".badge", "--bs-badge-color"))
    navbar_dark = ".navbar-dark,.navbar[data-bs-theme=dark]"
    navbar_text = parse_colour(_bootstrap_value(bootstrap, navbar_dark, "--bs-navbar-color"))

    pairs = []
    for path in OUR_CSS:
        rules = css_rules(path.read_text(encoding="utf-8"))
        variables = {k: v for s, d in rules if s == ":root" for k, v in d.items()}
        for selector, declarations in rules:
            where = f"{path.name} {selector}"
            background = _background(declarations)
            if background is None:
                continue
            background = parse_colour(background, variables)
            if "color" in declarations:
                pairs.append((where, parse_colour(declarations["color"], variables), background))
            elif "badge" in selector:
                pairs.append((where + " (badge text)", badge_text, background))
            elif selector == ".bg-ipguard":
                pairs.append((where + " (dark navbar links)", navbar_text, background))
            else:
                pairs.append((where + " (body text)", body_text, background))
                pairs.append((where + " (muted text)", muted_text, background))

    used = set(re.findall(r"text-bg-(\w+)", _all_templates()))
    for name in sorted(used):
        declarations = next(d for s, d in bootstrap if s == f".text-bg-{name}")
        rgb = bs_vars[f"--bs-{name}-rgb"]
        pairs.append(
            (
                f"bootstrap .text-bg-{name}",
                parse_colour(declarations["color"]),
                parse_colour(f"rgb({rgb})"),
            )
        )

    for template in PRINT_TEMPLATES:
        style = re.search(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), re.S)[1]
        pairs.extend(_text_on_background(f"{template.name} {s}", d) for s, d in css_rules(style))
    for template in sorted(EMAILS.glob("*.html")):
        for number, style in enumerate(re.findall(r'style="([^"]*)"', template.read_text("utf-8"))):
            declarations = css_rules(f"x{{{style}}}")[0][1]
            pairs.append(_text_on_background(f"{template.name} style #{number + 1}", declarations))
    return [pair for pair in pairs if pair is not None]


def _text_on_background(where, declarations):
    """The rule's text colour on its own background, else on white paper; None without one."""
    if "color" not in declarations:
        return None
    background = _background(declarations)
    foreground = parse_colour(declarations["color"])
    return where, foreground, parse_colour(background) if background else WHITE


def _all_templates() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "templates").rglob("*.html")
    )


# --- tests --------------------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values():
    # WCAG's own extremes, and #777 on white: the classic grey that just fails AA (4.48:1).
    assert contrast_ratio((0, 0, 0), WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast_ratio(parse_colour("#777"), WHITE) == pytest.approx(4.48, abs=0.01)
    assert blend((0, 0, 0, 0.5), WHITE) == (128, 128, 128)


def test_the_pairs_include_every_badge_and_the_report():
    names = [where for where, _fg, _bg in declared_pairs()]
    assert any("status-lapsed" in name for name in names)
    assert any("status-pending" in name for name in names)
    assert any(".text-bg-secondary" in name for name in names)
    assert any(name.startswith("report.html .muted") for name in names)
    assert any(name.startswith("certificate.html .footer") for name in names)
    assert any(name.startswith("_reminder_footer.html") for name in names)


def test_every_declared_text_colour_meets_aa():
    failing = [
        f"{where}: {contrast_ratio(fg, bg):.2f}:1"
        for where, fg, bg in declared_pairs()
        if contrast_ratio(fg, bg) < AA_NORMAL_TEXT
    ]
    assert not failing, "below 4.5:1 (WCAG 2.1 AA, SC 1.4.3):\n" + "\n".join(failing)
