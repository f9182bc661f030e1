"""The HTML report in a real browser: Debian's chromium, headless, driven by Playwright.

Skipped only when chromium is missing and ``POLICYDIFF_REQUIRE_BROWSER`` is unset; CI sets it,
so a missing browser fails there. One browser per module keeps the file fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import HOSTILE_HTML, JOYPIX_NEW, JOYPIX_OLD, ROOT, chromium, hostile_report

from policydiff.compare import compare
from policydiff.load import load
from policydiff.render.common import clean
from policydiff.render.html import render_html
from policydiff.render.json_report import render_json

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def joypix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    old, new = (
        replace(load(str(path)), source=path.relative_to(ROOT).as_posix())
        for path in (JOYPIX_OLD, JOYPIX_NEW)
    )
    report = compare(old, new)
    path = tmp_path_factory.mktemp("html") / "joypix.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path, json.loads(render_json(report))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "hostile.html"
    path.write_text(render_html(hostile_report()), encoding="utf-8")
    return path


@dataclass
class Opened:
    """A page and what it did while it was open: requests, console messages, dialogs, errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Any]:
    pages: list[Page] = []

    def open_(path: Path) -> Opened:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        opened = Opened(page)

        def on_dialog(dialog: Dialog) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_console(message: ConsoleMessage) -> None:
            opened.console.append(f"{message.type}: {message.text}")

        def on_request(request: Request) -> None:
            opened.requests.append(request.url)

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("request", on_request)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.goto(path.as_uri(), wait_until="load")
        return opened

    yield open_
    for page in pages:
        page.close()


def visible(page: Page, selector: str) -> int:
    count: int = page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length", selector
    )
    return count


def settle(page: Page) -> None:
    # a click's layout and paint land on the next frame: let two pass before a screenshot
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def test_one_entry_per_change_of_the_json_report(open_page: Any, joypix: tuple[Path, dict[str, Any]]) -> None:
    path, data = joypix
    opened = open_page(path)
    count = len(data["changes"])
    assert count > 10
    assert opened.page.locator(".change-list tbody tr").count() == count
    assert opened.page.locator("#redline-entries article.entry:not(.stub)").count() == count
    assert opened.page.locator("#filter-status").inner_text() == f"{count} of {count} changes shown"
    assert opened.requests == [path.as_uri()]
    assert opened.console == [] and opened.errors == [] and opened.dialogs == []


def test_filters_hide_and_show(open_page: Any, joypix: tuple[Path, dict[str, Any]]) -> None:
    path, data = joypix
    page = open_page(path).page
    total = len(data["changes"])
    substance = [c for c in data["changes"] if c["severity"] != "editorial"]
    page.get_by_role("checkbox", name="● editorial").uncheck()
    assert visible(page, "#change-list tbody tr") == len(substance)
    assert visible(page, "#redline-entries article.entry:not(.stub)") == len(substance)
    assert page.locator("#filter-status").inner_text() == f"{len(substance)} of {total} changes shown"
    for box in page.locator("input[name=category]").all():
        if box.get_attribute("value") != "ai":
            box.uncheck()
    with_ai = [c for c in substance if "ai" in c["categories"]]
    assert with_ai and visible(page, "#change-list tbody tr") == len(with_ai)
    page.get_by_role("checkbox", name="● editorial").check()
    for box in page.locator("input[name=category]").all():
        box.check()
    assert page.locator(".change-list tbody tr:not([hidden])").count() == total
    assert page.locator("#filter-status").inner_text() == f"{total} of {total} changes shown"


def test_the_view_toggle_switches_inline_and_side_by_side(
    open_page: Any, joypix: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    page = open_page(joypix[0]).page
    first = page.locator("#redline-entries article.sev-major").first
    first.scroll_into_view_if_needed()
    assert first.locator(".inline").is_visible() and not first.locator(".side").is_visible()
    settle(page)
    page.screenshot(path=tmp_path / "inline.png")
    page.get_by_role("button", name="Side by side").click()
    assert first.locator(".side .old").is_visible() and first.locator(".side .new").is_visible()
    assert not first.locator(".inline").is_visible()
    old_box, new_box = first.locator(".side .old").bounding_box(), first.locator(".side .new").bounding_box()
    assert old_box and new_box and old_box["x"] + old_box["width"] <= new_box["x"]  # old | new
    # the whole document side by side: unchanged text stands in both columns, level with each other
    unchanged = page.locator("#redline-entries .unchanged").first
    left, right = unchanged.locator(":scope > .old-copy"), unchanged.locator(":scope > div:not(.old-copy)")
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert left_box and right_box and left_box["x"] + left_box["width"] <= right_box["x"]
    assert left_box["y"] == right_box["y"] and left.inner_text() == right.inner_text()
    assert page.get_by_role("button", name="Side by side").get_attribute("aria-pressed") == "true"
    settle(page)
    page.screenshot(path=tmp_path / "side-by-side.png")
    page.keyboard.press("v")
    assert first.locator(".inline").is_visible()
    assert page.get_by_role("button", name="Inline").get_attribute("aria-pressed") == "true"
    assert (tmp_path / "inline.png").stat().st_size > 10_000
    assert (tmp_path / "side-by-side.png").stat().st_size > 10_000


def test_keyboard_moves_between_changes(open_page: Any, joypix: tuple[Path, dict[str, Any]]) -> None:
    path, data = joypix
    page = open_page(path).page
    ids = [f"change-{change['id']}" for change in data["changes"]]
    focused = "() => document.activeElement.id"
    page.keyboard.press("j")
    assert page.evaluate(focused) == ids[0]
    page.keyboard.press("n")
    page.keyboard.press("j")
    assert page.evaluate(focused) == ids[2]
    page.keyboard.press("k")
    assert page.evaluate(focused) == ids[1]
    editorial = next(i for i, c in enumerate(data["changes"]) if i > 2 and c["severity"] == "editorial")
    details = page.locator(f"#{ids[editorial]} > details")
    assert details.get_attribute("open") is None
    for _ in range(editorial - 1):
        page.keyboard.press("j")
    assert page.evaluate(focused) == ids[editorial] and details.get_attribute("open") is not None
    page.get_by_role("checkbox", name="● editorial").uncheck()
    page.locator("body").focus()
    page.evaluate("() => window.scrollTo(0, 0)")
    page.keyboard.press("j")
    first_major = next(change["id"] for change in data["changes"] if change["severity"] != "editorial")
    assert page.evaluate(focused) == f"change-{first_major}"


def test_a_change_list_link_opens_a_folded_editorial_change(
    open_page: Any, joypix: tuple[Path, dict[str, Any]]
) -> None:
    path, data = joypix
    page = open_page(path).page
    editorial = next(change["id"] for change in data["changes"] if change["severity"] == "editorial")
    details = page.locator(f"#change-{editorial} > details")
    assert details.get_attribute("open") is None
    assert not page.locator(f"#row-{editorial}").is_visible()  # the list folds editorial changes too
    page.locator("details.editorial-list > summary").click()
    page.locator(f"#row-{editorial} a").first.click()
    assert details.get_attribute("open") is not None
    assert page.evaluate("() => location.hash") == f"#change-{editorial}"


def test_meaning_is_not_carried_by_colour_alone(open_page: Any, joypix: tuple[Path, dict[str, Any]]) -> None:
    page = open_page(joypix[0]).page
    style = "([s, p]) => getComputedStyle(document.querySelector(s))[p]"
    assert "underline" in page.evaluate(style, ["#redline-entries ins", "textDecorationLine"])
    assert "line-through" in page.evaluate(style, ["#redline-entries del", "textDecorationLine"])
    assert page.evaluate(style, ["#redline-entries .moved-to", "textDecorationStyle"]) == "double"
    assert page.evaluate(style, ["#redline-entries .moved-from", "textDecorationStyle"]) == "double"
    badges = [badge for badge in page.locator(".change-list .badge").all_inner_texts() if badge]  # unfolded
    assert set(badges) <= {"▲ major", "■ review", "◆ minor", "● editorial"} and "▲ major" in badges


# a word cut across two lines shows as two boxes: its range has more than one client rect
_BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('.hash, .source, code')) continue;  // a digest or a path may break
      for (const match of node.data.matchAll(/[A-Za-z]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const boxes = [...range.getClientRects()].filter(box => box.width > 0);
        if (boxes.length > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_no_word_breaks_and_nothing_overflows_at_desktop_and_phone_widths(
    browser: Browser,
    joypix: tuple[Path, dict[str, Any]],
    width: int,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path, data = joypix
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scroll
        assert page.evaluate(_BROKEN_WORDS, "body > header, #changes, #redline-entries") == []
        # the change list: major, review, minor first; editorial folded after them
        severities = page.locator("#change-list tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.severity)"
        )
        order = {"major": 0, "review": 1, "minor": 2}
        assert severities == sorted(severities, key=order.__getitem__) and severities[0] == "major"
        assert "editorial" not in severities
        folded = page.locator("details.editorial-list")
        assert folded.get_attribute("open") is None
        assert folded.locator("tbody tr").count() == sum(
            c["severity"] == "editorial" for c in data["changes"]
        )
        # the redline reads as the document: no Markdown marks in what it shows
        shown = page.locator("#redline-entries").inner_text()
        assert "**" not in shown and "](" not in shown and "\n- " not in shown and "\n## " not in shown
        # for a person to look at: the header, the change list, the first major change
        folder = tmp_path_factory.mktemp(f"screenshots-{width}")
        page.screenshot(path=folder / "header.png")
        page.locator("#changes").scroll_into_view_if_needed()
        page.screenshot(path=folder / "change-list.png")
        page.locator("#redline-entries article.sev-major").first.scroll_into_view_if_needed()
        page.screenshot(path=folder / "redline.png")
        assert all(
            (folder / name).stat().st_size > 5_000
            for name in ("header.png", "change-list.png", "redline.png")
        )
    finally:
        page.close()


def test_print_hides_the_controls(open_page: Any, joypix: tuple[Path, dict[str, Any]]) -> None:
    page = open_page(joypix[0]).page
    assert page.locator("#filters").is_visible() and page.locator(".toolbar").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible() and not page.locator(".toolbar").is_visible()
    assert page.locator("#redline-entries article.sev-major").first.is_visible()


def test_a_hostile_policy_runs_nothing_and_shows_as_text(open_page: Any, hostile: Path) -> None:
    opened = open_page(hostile)
    page = opened.page
    folded = page.locator("details.editorial-list > summary")
    if folded.count():
        folded.click()
    page.locator(".change-list a").last.click()  # a hostile change id links to its entry too
    page.mouse.move(300, 300)
    page.keyboard.press("j")
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.console == []  # a blocked inline script or style would log a CSP violation here
    assert opened.requests == [hostile.as_uri()]
    assert page.evaluate("() => typeof window.pwned") == "undefined"
    assert page.evaluate("() => document.querySelectorAll('script, img, svg, iframe, link, b').length") == 1
    entry = page.locator("#redline-entries article.entry").last
    assert clean(HOSTILE_HTML) in entry.locator(".inline .text").inner_text()
    assert page.locator("body").is_visible() and page.locator("h1").inner_text().startswith("JoyPix")


def test_the_history_page_opens_with_its_timeline_and_links(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``history --format html`` in chromium: a mark per version, no request out, links that land."""
    from typer.testing import CliRunner

    from policydiff.cli import app

    (tmp_path / "policydiff.toml").write_text(
        '[[policy]]\nid = "joypix"\ntitle = "JoyPix AI Privacy Policy"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for source, date in ((JOYPIX_OLD, "2026-03-17"), (JOYPIX_NEW, "2026-04-20")):
        assert runner.invoke(app, ["record", "joypix", str(source), "--date", date]).exit_code == 0
    page_path = tmp_path / "policies" / "joypix" / "history.html"
    done = runner.invoke(app, ["history", "joypix", "--format", "html", "--output", str(page_path)])
    assert done.exit_code == 0, done.stderr
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(page_path.as_uri())
    assert requests == [page_path.as_uri()] and errors == []
    assert page.locator("svg a").count() == 2  # one mark per version
    text = page.locator("body").inner_text()
    assert "v2.0" in text and "v2.1" in text
    links = [
        page_path.parent / href
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        if not href.startswith(("#", "http", "mailto"))
    ]
    assert links and all(link.is_file() for link in links), links
    page.screenshot(path=str(tmp_path / "history.png"), full_page=True)
    page.close()
