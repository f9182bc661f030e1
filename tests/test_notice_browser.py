"""The notice email and the announcement page in a real browser: Debian's headless Chromium via Playwright.

The email must fetch nothing, link only absolutely, and show every material change of the report;
it cannot rely on a Content-Security-Policy (mail clients ignore one), so it holds no script and
loads nothing. The announcement page carries the redline's strict policy and is checked to enforce
it. The browser tests are skipped only when Chromium or Playwright is missing and
``POLICYDIFF_REQUIRE_BROWSER`` is unset; the checks of the files themselves always run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, chromium
from lxml import html as lxml_html
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.render.html import content_security_policy


@pytest.fixture(scope="module")
def notice() -> Iterator[Path]:
    """The JoyPix notice, written once for the module by the command itself."""
    with _drafted("joypix/privacy-v2.1.html") as folder:
        yield folder


# policy text written to attack the pages it is quoted in
HOSTILE_CLAUSES = (
    "<script>window.pwned = 1</script> We share your email address with advertising partners.",
    '<img src="http://127.0.0.1:9/x.png" onerror="window.pwned = 2"> We collect your precise location.'
    ' [click here](javascript:alert(1)) <a href="javascript:window.pwned = 3">go</a>'
    ' <link rel="stylesheet" href="http://127.0.0.1:9/x.css"> <iframe src="http://127.0.0.1:9/"></iframe>',
)


@pytest.fixture(scope="module")
def hostile() -> Iterator[Path]:
    """The JoyPix notice for a new version with hostile clauses among the material changes."""
    with _drafted("hostile.txt", hostile=True) as folder:
        yield folder


@contextlib.contextmanager
def _drafted(new: str, *, hostile: bool = False) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(FIXTURES, project)
        if hostile:
            old = (project / "joypix" / "privacy-v2.0.txt").read_text(encoding="utf-8")
            anchor = "- Statutory Mandatory Requirements:"
            assert anchor in old
            clauses = "".join(f"- {clause}\n" for clause in HOSTILE_CLAUSES)
            (project / new).write_text(old.replace(anchor, clauses + anchor, 1), encoding="utf-8")
        previous = Path.cwd()
        os.chdir(project)
        try:
            result = CliRunner().invoke(
                app,
                [
                    "notice",
                    "joypix/privacy-v2.0.txt",
                    new,
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


# ---------------------------------------------------------------------- pages that defend themselves

ANNOUNCEMENT_POLICY = (
    "default-src 'none'; style-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"
)
LOADING = "//script | //img | //link | //iframe | //frame | //object | //embed | //audio | //video | //source"


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def _tree(path: Path) -> Any:
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def test_the_announcement_page_carries_the_redlines_strict_policy(notice: Path, hostile: Path) -> None:
    for folder in (notice, hostile):
        tree = _tree(folder / "announcement.html")
        (meta,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
        assert meta.getparent().tag == "head" and tree.xpath("/html/head/*[2]") == [meta]
        assert meta.get("content") == ANNOUNCEMENT_POLICY
        # the redline's directives; with no style or script of its own, nothing is allowed
        redline = _directives(content_security_policy("style", "script"))
        directives = _directives(meta.get("content"))
        assert list(directives) == list(redline)
        assert all(value == "'none'" for value in directives.values())
        assert not tree.xpath("//style | //*[@style]")


def _config_links(folder: Path) -> set[str]:
    """Every URL the config gave the notice, as notice.json records them."""
    document = json.loads((folder / "notice.json").read_text(encoding="utf-8"))
    organization, policy = document["organization"], document["policy"]
    links = {organization["contact_url"], organization.get("website"), document["consent"]["url"]}
    links |= {policy["url"], policy.get("redline_url"), policy.get("history_url")}
    links |= {action["url"] for action in document["actions"]}
    links |= {change["consent"]["url"] for change in document["changes"]}  # each change's own opt-in
    return {link for link in links if link}


@pytest.mark.parametrize("name", ["email.html", "announcement.html"])
def test_the_notice_pages_load_nothing_and_link_only_to_the_config(
    notice: Path, hostile: Path, name: str
) -> None:
    for folder in (notice, hostile):
        tree = _tree(folder / name)
        assert not tree.xpath(LOADING), name
        assert not tree.xpath("//*[@src or @srcset or @background or @poster or @data or @formaction]"), name
        styles = " ".join([*tree.xpath("//style/text()"), *tree.xpath("//@style")])
        assert "url(" not in styles and "@import" not in styles, name
        hrefs = set(tree.xpath("//a/@href"))
        assert hrefs and hrefs <= _config_links(folder), hrefs - _config_links(folder)
        assert not [n for element in tree.iter() for n in element.attrib if n.lower().startswith("on")], name


@pytest.mark.parametrize("name", ["email.html", "announcement.html"])
def test_hostile_policy_text_in_the_notice_pages_is_only_text(hostile: Path, name: str) -> None:
    text = _tree(hostile / name).text_content()
    raw = (hostile / name).read_text(encoding="utf-8")
    assert "<script>window.pwned = 1</script>" in text and "&lt;script&gt;window.pwned = 1" in raw
    assert 'onerror="window.pwned = 2"' in text and '<a href="javascript:window.pwned = 3">go</a>' in text
    assert "[click here](javascript:alert(1))" in text
    assert (
        "<script" not in raw
        and "<img" not in raw
        and "<iframe" not in raw
        and "javascript:" not in "".join(_tree(hostile / name).xpath("//@href"))
    )


# injects an image and a script into the page; returns the directives that blocked them
PROBE = """() => new Promise(resolve => {
  const blocked = [];
  document.addEventListener("securitypolicyviolation", event => {
    blocked.push(event.effectiveDirective);
    if (blocked.length === 2) resolve(blocked.sort());
  });
  const image = document.createElement("img");
  image.src = "http://127.0.0.1:9/pixel.png";
  document.body.append(image);
  const script = document.createElement("script");
  script.textContent = "window.pwned = 4";
  document.body.append(script);
  setTimeout(() => resolve(blocked.sort()), 3000);
})"""


def test_the_announcement_page_enforces_its_policy_in_a_browser(browser: Any, hostile: Path) -> None:
    path = hostile / "announcement.html"
    page = browser.new_page()
    requests: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: blocked.append(f"{request.url} {request.failure}"))
    page.goto(path.as_uri(), wait_until="load")
    assert requests == [path.as_uri()]
    assert page.evaluate("() => window.pwned") is None
    assert "<script>window.pwned = 1</script>" in page.inner_text("body")
    assert page.evaluate(PROBE) == ["img-src", "script-src-elem"]
    assert page.evaluate("() => window.pwned") is None
    assert blocked == ["http://127.0.0.1:9/pixel.png csp"]  # stopped by the policy, never sent
    page.close()


def test_the_hostile_email_fetches_and_runs_nothing_in_a_browser(browser: Any, hostile: Path) -> None:
    page, requests = _open(browser, hostile / "email.html", 800)
    assert requests == [(hostile / "email.html").as_uri()]
    assert page.evaluate("() => window.pwned") is None
    assert page.eval_on_selector_all("script, img, link, iframe, object, embed", "found => found.length") == 0
    page.close()
