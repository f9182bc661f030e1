"""Tests of policydiff.render.html without a browser: structure, escaping, CSP, links, goldens."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import (
    HOSTILE,
    HOSTILE_HTML,
    JOYCLIP_NEW,
    JOYCLIP_OLD,
    JOYPIX_NEW,
    JOYPIX_OLD,
    ROOT,
    as_review,
    assert_golden,
    hostile_report,
    sample_report,
)
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.compare import compare
from policydiff.load import load
from policydiff.model import Report, Severity
from policydiff.render import RENDERERS, RenderOptions, render
from policydiff.render.common import clean
from policydiff.render.html import _split, anchor, render_html


def parse(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def by_id(tree: BeautifulSoup, element_id: str) -> Tag:
    element = tree.find(id=element_id)
    assert isinstance(element, Tag), element_id
    return element


def text(element: Tag) -> str:
    return " ".join(element.get_text().split())


def fixture_report(old: Path, new: Path) -> Report:
    # sources as typed from the repository root, so the golden files do not depend on the checkout
    documents = [replace(load(str(path)), source=path.relative_to(ROOT).as_posix()) for path in (old, new)]
    return compare(*documents)


@pytest.fixture(scope="module")
def sample_page() -> str:
    return render_html(sample_report())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_report())


# --- the renderer ------------------------------------------------------------------------------


def test_html_is_a_renderer_and_is_deterministic(sample_page: str) -> None:
    assert render(sample_report(), "html") == sample_page
    assert RENDERERS["html"](sample_report(), RenderOptions()) == sample_page
    assert sample_page.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert sample_page.endswith("</html>\n")


def test_every_change_has_a_row_and_a_redline_entry_with_stable_ids(sample_page: str) -> None:
    tree = parse(sample_page)
    changes = sample_report().changes
    ids = [change.id for change in changes]
    # the list: major, review, minor, each in document order, then the editorial ones (folded)
    order = {"major": 0, "review": 1, "minor": 2, "editorial": 3}
    listed = [c.id for c in sorted(changes, key=lambda c: order[c.severity.value])]
    assert [row.get("id") for row in tree.select(".change-list tbody tr")] == [f"row-{i}" for i in listed]
    editorial = [f"row-{c.id}" for c in changes if c.severity is Severity.EDITORIAL]
    assert [row.get("id") for row in tree.select("details.editorial-list tbody tr")] == editorial
    assert tree.select("details.editorial-list")[0].get("open") is None
    entries = tree.select("#redline-entries article.entry:not(.stub)")
    assert [entry.get("id") for entry in entries] == [
        f"change-{i}" for i in ids
    ]  # the redline: document order
    assert [a.get("href") for a in tree.select(".change-list tbody tr td:first-child a")] == [
        f"#change-{i}" for i in listed
    ]


def test_ids_are_unique_and_every_link_lands_on_one(hostile_page: str) -> None:
    tree = parse(hostile_page)
    ids = [element.get("id") for element in tree.find_all(True) if element.get("id")]
    assert len(ids) == len(set(ids))
    targets = {a.get("href") for a in tree.find_all("a")}
    assert targets and all(target.startswith("#") and target[1:] in ids for target in targets)
    labelled = [
        element.get("aria-labelledby") for element in tree.find_all(True) if element.get("aria-labelledby")
    ]
    assert all(label in ids for label in labelled)


def test_unsafe_characters_of_a_change_id_never_reach_an_id() -> None:
    assert anchor('c9"><script>') == "change-c9---script-"
    assert anchor("1e0f202e", "row") == "row-1e0f202e"


def test_header_tells_versions_severity_notice_and_counts(sample_page: str) -> None:
    header = parse(sample_page).select("body > header")[0]
    words = " ".join(header.get_text(" ").split())
    report = sample_report()
    assert report.old.sha256 in words and report.new.sha256 in words
    # one line per field, the versions side by side: no word squeezed into a narrow column
    assert "Label v1.0 v2.0 Date 2025-09-01 2026-03-17 Clauses 41 42" in words
    assert "Overall severity ▲ major" in words
    assert "⚠ Required — at least 30 days before the new version takes effect" in words
    assert "send it by 2026-02-15 for the new version to take effect on its date" in words
    assert "▲ major 3 ■ review 0 ◆ minor 3 ● editorial 2" in words
    assert "collection 1 sharing 1 retention 1 rights 1 security 1 ai 1 contact 1" in words


def test_no_notice_and_no_changes() -> None:
    report = sample_report()
    quiet = replace(report, changes=(), severity=Severity.NONE, notice=replace(report.notice, required=False))
    tree = parse(render_html(quiet))
    assert "Not required." in tree.get_text()
    assert "No changes: the two versions have the same text" in tree.get_text()
    assert not tree.select("article.entry") and by_id(tree, "filter-status") is not None


def test_change_list_says_what_a_change_means_first(sample_page: str) -> None:
    row = by_id(parse(sample_page), "row-c3")
    cells = [text(cell) for cell in row.select("td")]
    assert cells[1:] == [
        "▲ major",
        "AI training on user content. ⚠ consent may be required",  # no plain words given: its first reason
        "3.(2) How We Use Your Information",
        "ai, sharing expands",
    ]
    assert not row.select("code.rule")  # rule ids are one click away, in the entry
    plain = {"c3": "We may use your photos to train our AI models."}
    tree = parse(render_html(sample_report(), plain=plain))
    assert text(by_id(tree, "row-c3").select("td")[2]).startswith(
        "We may use your photos to train our AI models."
    )
    entry = by_id(tree, "change-c3")
    assert text(entry.select("p.plain")[0]) == "We may use your photos to train our AI models."
    why = entry.select("details.why")[0]
    assert why.get("open") is None and "rules and the words they read" in text(why.select("summary")[0])
    lines = [text(li) for li in why.select("li")]
    assert lines[0].startswith(
        "AI training on user content: «train and improve our AI models» (new text) · ai.training"
    )
    assert len({line.split(" · ")[-1] for line in lines}) == len(lines)  # each rule once


def test_redline_marks_insertions_deletions_and_trigger_words(sample_page: str) -> None:
    entry = by_id(parse(sample_page), "change-c3")
    inline = entry.select(".inline .text")[0]
    assert [node.get_text() for node in inline.select("del")] == ["do not use"]
    assert [node.get_text() for node in inline.select("ins")][:2] == [
        "may use",
        ", including portraits and voice recordings,",
    ]
    marked = "".join(mark.get_text() for mark in inline.select("mark"))
    assert "train and improve our AI models" in marked and "do not" in marked
    old, new = (entry.select(f".side .{side} .text")[0] for side in ("old", "new"))
    assert not old.select("ins") and not new.select("del")
    assert old.get_text() == sample_report().changes[2].old.text  # type: ignore[union-attr]
    assert new.get_text() == sample_report().changes[2].new.text  # type: ignore[union-attr]


def test_added_and_removed_clauses_have_one_side(sample_page: str) -> None:
    tree = parse(sample_page)
    added, removed = by_id(tree, "change-c1"), by_id(tree, "change-c5")
    assert added.select(".side .old .absent")[0].text == "Not in the old version."
    assert removed.select(".side .new .absent")[0].text == "Not in the new version."
    assert added.select(".inline .text > ins") and removed.select(".inline .text > del")


def test_moved_text_is_linked_between_its_two_places(sample_page: str) -> None:
    tree = parse(sample_page)
    moved, stub = by_id(tree, "change-c2"), by_id(tree, "moved-from-c2")
    assert moved.select(".inline .text.moved-to") and stub.select(".inline .text.moved-from")
    assert [a.get("href") for a in moved.select(".move-link a")] == ["#moved-from-c2"]
    assert "#change-c2" in [a.get("href") for a in stub.select("h3 a")]
    places = [entry.get("id") for entry in tree.select("#redline-entries > article")]
    # the old place of c2 (offset 900) comes before c3, whose old text starts at 2010
    assert places.index("moved-from-c2") == places.index("change-c3") - 1


def test_editorial_changes_are_folded_and_the_rest_open(sample_page: str) -> None:
    tree = parse(sample_page)
    for change in sample_report().changes:
        details = by_id(tree, f"change-{change.id}").select(":scope > details")
        assert bool(details) is (change.severity is Severity.EDITORIAL)
        assert all(element.get("open") is None for element in details)


def test_a_review_change_has_its_own_badge_and_is_never_folded() -> None:
    tree = parse(render_html(as_review(sample_report(), "c4", "c7")))
    for change_id in ("c4", "c7"):  # c7 was editorial: as a review change it opens like the others
        entry = by_id(tree, f"change-{change_id}")
        assert "sev-review" in entry["class"] and not entry.select(":scope > details")
        assert text(entry.select("h3 .badge")[0]) == "■ review"
        command = f"policydiff review POLICY {change_id} --as editorial|minor|major"
        assert text(entry.select("p.pending")[0]) == f"■ Undecided: a lawyer must decide: {command}"
        row = by_id(tree, f"row-{change_id}")
        assert row["data-severity"] == "review" and "a lawyer must decide" in text(row)
    filters = [text(label) for label in tree.select("#filters fieldset")[0].select("label")]
    assert filters == ["▲ major (3)", "■ review (2)", "◆ minor (2)", "● editorial (1)"]
    assert not by_id(tree, "change-c3").select("p.pending")


def test_a_pending_review_leaves_the_notice_undecided() -> None:
    header = parse(render_html(as_review(sample_report(), "c1", "c3", "c5"))).select("body > header")[0]
    words = " ".join(header.get_text(" ").split())
    assert "Overall severity ■ review" in words
    assert (
        "Advance notice ■ Undecided — 3 changes need a lawyer's decision (policydiff review) before anyone"
        " can say no notice is needed." in words
    )
    assert "Not required" not in words
    with_majors = parse(render_html(as_review(sample_report(), "c4"))).select("body > header")[0]
    assert text(with_majors.select(".verdict li.pending")[0]).startswith("1 change needs a lawyer's decision")


def test_gaps_stand_where_unchanged_text_lies_between_changes(sample_page: str) -> None:
    tree = parse(sample_page)
    children = [
        "gap" if element.name == "p" else element.get("id")
        for element in by_id(tree, "redline-entries").find_all(recursive=False)
    ]
    assert children[:3] == ["gap", "change-c1", "gap"]  # c1 starts at offset 1500
    assert children[-1] == "gap" and "34 clauses are unchanged" in tree.get_text()


# --- untrusted text ----------------------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere(hostile_page: str) -> None:
    assert "<script>window.pwned" not in hostile_page and "<img" not in hostile_page
    assert "&lt;script&gt;window.pwned = 1; alert(&#39;script&#39;)&lt;/script&gt;" in hostile_page
    assert "\x1b" not in hostile_page
    tree = parse(hostile_page)
    tags = ["script", "style", "img", "svg", "iframe", "link", "b"]
    assert [element.name for element in tree.find_all(tags)] == ["style", "script"]
    assert not [name for element in tree.find_all(True) for name in element.attrs if name.startswith("on")]
    assert clean(HOSTILE_HTML) in by_id(tree, "change-c9---script-alert--id----script-").get_text()
    # Markdown in it is read ("**bold**" shows bold), the rest shows as the text it is
    assert clean(HOSTILE).replace("**bold**", "bold") in " ".join(tree.get_text().split())


def test_nothing_is_loaded_from_anywhere(hostile_page: str) -> None:
    tree = parse(hostile_page)
    assert not [
        element for element in tree.find_all(True) if {"src", "srcset", "action", "data"} & set(element.attrs)
    ]
    assert all(str(a.get("href")).startswith("#") for a in tree.find_all("a"))
    style = tree.select("style")[0].text
    assert "url(" not in style and "@import" not in style


def test_csp_allows_only_the_page_own_style_and_script(hostile_page: str) -> None:
    tree = parse(hostile_page)
    policy = tree.select('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for directive, element in (("style-src", "style"), ("script-src", "script")):
        text = tree.select(element)[0].text
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        assert directives[directive] == f"'sha256-{digest}'"
    assert tree.select("head > meta")[0].get("charset") == "utf-8"
    assert tree.select("head > meta")[1].get("http-equiv") == "Content-Security-Policy"


def test_a_template_that_would_break_out_of_its_element_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "_diff.js.j2").write_text("var s = '</script>';\n", encoding="utf-8")
    from policydiff.render.templates import jinja_env

    assert "</script>" in jinja_env(True, overrides=[tmp_path]).get_template("report/_diff.js.j2").render()
    with pytest.raises(ValueError, match="</script"):
        render_html(sample_report(), overrides=[tmp_path])


@given(
    st.text(alphabet="ab c", max_size=30),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=4),
)
def test_split_keeps_the_text_and_marks_exactly_the_ranges(text: str, ranges: list[tuple[int, int]]) -> None:
    pieces = _split(text, ranges)
    assert "".join(piece for piece, _ in pieces) == text
    assert all(piece for piece, _ in pieces) or text == ""
    position = 0
    for piece, marked in pieces:
        for offset in range(position, position + len(piece)):
            assert marked == any(start <= offset < end for start, end in ranges)
        position += len(piece)


# --- the command line and the golden files -------------------------------------------------------


def test_diff_format_html_writes_one_file(tmp_path: Path) -> None:
    output = tmp_path / "redline.html"
    result = CliRunner().invoke(
        app, ["diff", str(JOYCLIP_OLD), str(JOYCLIP_NEW), "--format", "html", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and len(re.findall(r"<article id=\"change-", page)) > 10


def test_golden_html_of_the_sample_report(sample_page: str) -> None:
    assert_golden("report.html", sample_page)


@pytest.mark.parametrize(
    ("name", "old", "new"), [("joypix", JOYPIX_OLD, JOYPIX_NEW), ("joyclip", JOYCLIP_OLD, JOYCLIP_NEW)]
)
def test_golden_html_of_the_fixtures(name: str, old: Path, new: Path) -> None:
    assert_golden(f"{name}.html", render_html(fixture_report(old, new)))


def test_the_redline_shows_the_unchanged_text_between_changes_escaped() -> None:
    from helpers import document

    old = (
        "# Policy\n\nWe keep logs for 6 months.\n\nThe <b>middle</b> clause & more stays.\n\n"
        "We share data.\n\nLast words.\n"
    )
    new = old.replace("6 months", "24 months").replace("We share data.", "We share data with partners.")
    soup = BeautifulSoup(render_html(compare(document(old), document(new))), "lxml")
    # the new version's copy (the other is the old column of the side-by-side view, the same words)
    unchanged = [div.get_text() for div in soup.select("#redline-entries .unchanged > div:not(.old-copy)")]
    assert "The <b>middle</b> clause & more stays." in unchanged  # text, not markup
    assert unchanged[-1] == "Last words."  # after the last change
    copies = [div.get_text() for div in soup.select("#redline-entries .unchanged > .old-copy")]
    assert copies == unchanged and all(div.get("aria-hidden") == "true" for div in soup.select(".old-copy"))
    assert soup.select_one("#redline-entries .unchanged b") is None
