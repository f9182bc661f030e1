"""policydiff.commands.print_pdf and ``diff --format pdf``: the report printed by Debian's chromium.

The PDF is read back as text (pdfminer) and its first page rendered to an image (pypdfium2), as a
reader would see it. Skipped only when chromium is missing and ``POLICYDIFF_REQUIRE_BROWSER`` is
unset; CI sets it.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zlib
from pathlib import Path

import pytest
from helpers import CHROMIUM, JOYPIX_NEW, JOYPIX_OLD
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.commands.print_pdf import find_chromium, print_pdf
from policydiff.compare import compare
from policydiff.errors import PolicydiffError
from policydiff.load import load
from policydiff.model import Severity
from policydiff.notice import plain_summaries


@pytest.fixture(scope="module")
def chromium() -> str:
    if not Path(CHROMIUM).is_file():
        if os.environ.get("POLICYDIFF_REQUIRE_BROWSER"):
            pytest.fail(f"POLICYDIFF_REQUIRE_BROWSER is set but {CHROMIUM} is not installed", pytrace=False)
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def printed(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "joypix.pdf"
    result = CliRunner().invoke(
        app,
        ["diff", str(JOYPIX_OLD), str(JOYPIX_NEW), "--format", "pdf", "-o", str(out), "--fail-on", "major"],
        env={"POLICYDIFF_CHROMIUM": chromium},
    )
    assert result.exit_code == 1, result.stderr  # a major change, as for every other format
    return out


def test_the_pdf_holds_the_change_list_first_then_the_redline_with_page_numbers(printed: Path) -> None:
    from pdfminer.high_level import extract_text

    assert printed.read_bytes().startswith(b"%PDF-")
    text = " ".join(extract_text(str(printed)).split())
    report = compare(load(str(JOYPIX_OLD)), load(str(JOYPIX_NEW)))
    # every change of substance in plain words, in the change list, before the redline
    listed, redline = text.index("Changes of substance"), text.index("Redline")
    assert listed < redline
    for sentence in plain_summaries(report).values():
        assert " ".join(sentence.split()) in text[listed:], sentence
    # the changed words are there: the new retention period in the redline
    assert "24 months" in text[redline:]
    numbers = [int(n) for n in re.findall(r"Page (\d+) of (\d+)", text) for n in n]
    pages = max(numbers)
    assert pages >= 2 and [f"Page {n} of {pages}" in text for n in range(1, pages + 1)] == [True] * pages
    assert "**" not in text and "](" not in text  # the document's Markdown is read, not printed
    assert sum(c.severity is Severity.MAJOR for c in report.changes) == 6


def _png(width: int, height: int, stride: int, bgr: bytes) -> bytes:
    """An RGB PNG of a BGR bitmap (pdfium's), without an imaging library."""
    rows = b"".join(
        b"\x00"
        + bytes(
            value
            for pixel in range(width)
            for value in bgr[y * stride + 3 * pixel : y * stride + 3 * pixel + 3][::-1]
        )
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_the_first_page_renders_as_a_page_a_person_can_read(printed: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(printed))
    try:
        width, height = pdf[0].get_size()
        assert abs(width / height - 210 / 297) < 0.01  # A4, portrait
        bitmap = pdf[0].render(scale=1)
        pixels = bytes(bitmap.buffer)
        png = printed.with_suffix(".page1.png")  # for a person to look at
        png.write_bytes(_png(bitmap.width, bitmap.height, bitmap.stride, pixels))
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
        assert min(pixels) < 60 and max(pixels) > 240  # ink on paper, not a blank page
        assert sum(value < 128 for value in pixels[::97]) > 100  # and lines of it, not a speck
    finally:
        pdf.close()


def test_print_pdf_prints_any_page(chromium: str) -> None:
    data = print_pdf("<!DOCTYPE html><title>t</title><p>Invoices are kept for ten years.</p>", chromium)
    assert data.startswith(b"%PDF-")


def test_without_chromium_the_pdf_format_says_what_to_install(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["diff", str(JOYPIX_OLD), str(JOYPIX_NEW), "--format", "pdf", "-o", str(tmp_path / "r.pdf")],
        env={"POLICYDIFF_CHROMIUM": str(tmp_path / "no-such-browser")},
    )
    assert result.exit_code == 2
    assert (
        result.stderr == f"policydiff: POLICYDIFF_CHROMIUM: {tmp_path / 'no-such-browser'}: no such program\n"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_no_browser_on_the_path_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PolicydiffError, match=r"--format pdf: prints with Chromium, and none is installed"):
        find_chromium({})


def _script(folder: Path, body: str) -> str:
    path = folder / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_browser_that_prints_nothing_or_hangs_is_exit_3(tmp_path: Path) -> None:
    failing = _script(tmp_path, 'echo "could not open display" >&2; exit 5')
    with pytest.raises(PolicydiffError, match=r"printed no PDF \(exit 5: could not open display\)") as caught:
        print_pdf("<p>x</p>", failing)
    assert caught.value.exit_code == 3
    hanging = _script(tmp_path, "sleep 30")
    with pytest.raises(PolicydiffError, match=r"did not print the report within 1 s") as caught:
        print_pdf("<p>x</p>", hanging, seconds=1)
    assert caught.value.exit_code == 3
