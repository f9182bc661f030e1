"""The notice email in a real browser: Debian's headless Chromium driven by Playwright.

It must fetch nothing, link only absolutely, and show every material change of the report.
Skipped only when Chromium or Playwright is missing and ``POLICYDIFF_REQUIRE_BROWSER`` is unset.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, chromium
from typer.testing import CliRunner

from policydiff.cli import app


@pytest.fixture(scope="module")
def notice() -> Iterator[Path]:
    """The JoyPix notice, written once for the module by the command itself."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(FIXTURES, project)
        previous = Path.cwd()
        os.chdir(project)
        try:
            result = CliRunner().invoke(
                app,
                [
                    "notice",
                    "joypix/privacy-v2.0.txt",
                    "joypix/privacy-v2.1.html",
                    "--config",
                    "policydiff.toml",
                    "--publish-date",
                    "2026-04-20",
                ],
            )
        finally:
            os.chdir(previous)
        assert result.exit_code == 0, result.stderr
        yield project / "notice"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _open(browser: Any, page_file: Path, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri(), wait_until="load")
    return page, requests


def test_the_email_fetches_nothing_and_links_absolutely(browser: Any, notice: Path) -> None:
    page, requests = _open(browser, notice / "email.html", 800)
    assert requests == [(notice / "email.html").as_uri()]
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(href and href.startswith(("https://", "mailto:")) for href in hrefs)
    assert page.eval_on_selector_all("script, img, link, iframe, object, embed", "found => found.length") == 0
    page.close()


def test_the_email_shows_every_material_change(browser: Any, notice: Path) -> None:
    document = json.loads((notice / "notice.json").read_text(encoding="utf-8"))
    page, _ = _open(browser, notice / "email.html", 800)
    text = page.inner_text("body")
    assert "May 20, 2026" in page.inner_text("strong >> nth=0")
    assert len(document["changes"]) == 6
    for change in document["changes"]:
        block = page.locator(f"#change-{change['id']}")
        assert block.is_visible()
        assert change["summary"] in block.inner_text()
        for quote in (change["old"], change["new"]):
            if quote is not None:
                assert " ".join(quote.split()) in " ".join(block.inner_text().split())
    consent = [c for c in document["changes"] if c["consent"]["may_be_required"]]
    assert text.count("Yes, I agree to this change") == len(consent) == 3
    page.close()


def test_the_email_is_styled_inline_and_fits_a_phone(browser: Any, notice: Path) -> None:
    page, _ = _open(browser, notice / "email.html", 375)
    # the styles sit on the elements themselves (css-inline): mail clients drop <style> blocks
    assert page.eval_on_selector(".button", "b => b.getAttribute('style')").count("background-color") == 1
    colour = page.eval_on_selector(".button", "b => getComputedStyle(b).backgroundColor")
    assert colour == "rgb(29, 78, 216)"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the email is {overflow}px wider than a 375px phone screen"
    page.close()
