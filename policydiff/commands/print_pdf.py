"""``diff --format pdf``: the HTML report printed to PDF by a headless Chromium, for circulation.

The page is the same self-contained HTML report (nothing loads from anywhere); its print style
drops the controls and numbers the pages (CSS page margin boxes). Chromium is found on the PATH
(``chromium``, ``chromium-browser``, ``google-chrome``) or named by ``POLICYDIFF_CHROMIUM``; it
runs with a throwaway profile in a temporary folder, and no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from policydiff.errors import InputError, PolicydiffError

__all__ = ["PRINT_SECONDS", "find_chromium", "print_pdf"]

PRINT_SECONDS = 120  # a 10 MB policy's report prints in well under a minute
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",  # the page numbers are the report's own (@page margin boxes)
    "--run-all-compositor-stages-before-draw",
)


def find_chromium(environ: Mapping[str, str]) -> str:
    """The Chromium to print with: ``POLICYDIFF_CHROMIUM``, else the first of its usual names on the PATH."""
    named = environ.get("POLICYDIFF_CHROMIUM", "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise InputError(f"POLICYDIFF_CHROMIUM: {named}: no such program")
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise InputError(
        "--format pdf: prints with Chromium, and none is installed (apt-get install chromium, "
        "or set POLICYDIFF_CHROMIUM to a Chrome or Chromium program)"
    )


def print_pdf(html: str, chromium: str, *, seconds: int = PRINT_SECONDS) -> bytes:
    """``html`` (a self-contained page) as PDF bytes, printed by ``chromium``.

    Raises ``PolicydiffError`` (exit 3) when the browser fails or takes longer than ``seconds``.
    """
    with tempfile.TemporaryDirectory(prefix="policydiff-pdf-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            *_FLAGS,
            # as root Chromium's sandbox cannot start (a container, CI): the page is our own, offline
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=seconds, check=False, cwd=folder)
        except subprocess.TimeoutExpired:
            raise PolicydiffError(f"{chromium}: did not print the report within {seconds} s", 3) from None
        except OSError as error:
            raise PolicydiffError(f"{chromium}: could not start it ({error.strerror or error})", 3) from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = _last_line(done.stderr.decode("utf-8", "replace"))
            raise PolicydiffError(
                f"{chromium}: printed no PDF (exit {done.returncode}{': ' + said if said else ''})", 3
            )
        return pdf.read_bytes()


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and "dbus" not in line.lower()]
    return lines[-1][:200] if lines else ""
