"""Read a rendered report back: its text (pypdf) and how much ink a page has (pdftoppm)."""

import io
import subprocess

from pypdf import PdfReader


def pdf_pages(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes)).pages


def pdf_text(pdf_bytes):
    """All text with whitespace collapsed, so a line break inside a phrase does not matter."""
    return " ".join(" ".join(page.extract_text() or "" for page in pdf_pages(pdf_bytes)).split())


def pdf_text_without_spaces(pdf_bytes):
    """For Chinese, where a line may break between any two characters."""
    return "".join(pdf_text(pdf_bytes).split())


def ink_fraction(pdf_bytes, page=1, resolution=40):
    """Share of a page's pixels that are not white, from a grey PGM made by pdftoppm."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(resolution), "-f", str(page), "-l", str(page), "-"],
        input=pdf_bytes,
        capture_output=True,
        check=True,
    ).stdout
    # P5 header: magic, width, height, maxval, each followed by whitespace, then the bytes.
    fields = pgm.split(maxsplit=4)
    assert fields[0] == b"P5", fields[0]
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][: width * height]
    assert len(pixels) == width * height
    return sum(1 for value in pixels if value < 200) / len(pixels)
