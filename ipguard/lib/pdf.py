"""HTML to PDF with WeasyPrint: one small generic helper.

Fonts are whatever the HTML's CSS names; name a CJK font explicitly (see the report stylesheet),
otherwise fontconfig may fall back to a much slower collection.
"""

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render a complete HTML document (with its own <style>) to PDF bytes.

    `base_url` resolves relative links and images; without it only absolute and data: URLs load.
    """
    fonts = FontConfiguration()
    return HTML(string=html, base_url=base_url).write_pdf(font_config=fonts)
