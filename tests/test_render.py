"""Tests of policydiff.render: the JSON contract, Markdown escaping, the terminal report, goldens."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import HOSTILE, UNREAD, as_review, assert_golden, edits, sample_report, side
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from policydiff.model import (
    Change,
    ChangeKind,
    Clause,
    ClauseKind,
    Document,
    Op,
    Outline,
    Severity,
)
from policydiff.render import RENDERERS, RenderOptions, is_binary, render, render_text
from policydiff.render.common import change_edits, clean, elide
from policydiff.render.json_report import outline_to_dict, render_json, render_segment_json, report_to_dict
from policydiff.render.markdown import code_span, md_escape, render_markdown, word_diff
from policydiff.render.templates import jinja_env, template_dirs
from policydiff.render.terminal import render_terminal

SCHEMAS = Path(__file__).resolve().parent.parent / "policydiff" / "schemas"
ANSI = re.compile(r"\x1b\[")


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())


def gfm() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --- the package -----------------------------------------------------------------------------


def test_renderers_are_the_formats_of_the_cli() -> None:
    assert sorted(RENDERERS) == ["docx", "html", "json", "md", "text"]
    assert [fmt for fmt in sorted(RENDERERS) if is_binary(fmt)] == ["docx"]


def test_importing_render_loads_neither_rich_nor_jinja2_nor_python_docx() -> None:
    heavy = "('rich', 'jinja2', 'docx', 'lxml')"
    code = f"import sys, policydiff.render; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_render_and_renderers_agree(fmt: str) -> None:
    report = sample_report()
    assert render(report, fmt) == RENDERERS[fmt](report, RenderOptions()) == render_text(report, fmt)


def test_render_options_shape_the_text_report_only() -> None:
    report, options = sample_report(), RenderOptions(color=True, width=60)
    assert render(report, "text", options) == render_terminal(report, color=True, width=60)
    assert render(report, "text") == render_terminal(report, color=False, width=100)
    assert render(report, "json", options) == render(report, "json")


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(sample_report(), "pdf")
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        is_binary("pdf")


def test_render_text_refuses_a_binary_format() -> None:
    with pytest.raises(TypeError, match="'docx' gives bytes"):
        render_text(sample_report(), "docx")


# --- JSON: the policydiff.diff/1 contract ------------------------------------------------------


def test_schemas_are_valid_draft_2020_12() -> None:
    for name in ("diff-1.json", "segment-1.json"):
        jsonschema.Draft202012Validator.check_schema(schema(name))


def test_json_report_validates_against_the_schema() -> None:
    validator("diff-1.json").validate(json.loads(render_json(sample_report())))


def test_json_report_is_deterministic_and_round_trips() -> None:
    first = render_json(sample_report())
    assert first == render_json(sample_report())
    assert first.endswith("}\n")
    assert json.dumps(json.loads(first), ensure_ascii=False, indent=2) + "\n" == first


def test_json_keys_follow_the_spec_order() -> None:
    data = json.loads(render_json(sample_report()))
    assert list(data) == ["schema", "old", "new", "severity", "notice", "changes", "stats"]
    assert list(data["old"]) == ["source", "sha256", "title", "version", "date", "clauses"]
    assert list(data["notice"]) == ["required", "pending_review", "period_days", "promised_days", "reasons"]
    change_keys = [
        "id",
        "kind",
        "old",
        "new",
        "categories",
        "direction",
        "severity",
        "reasons",
        "consent",
        "edits",
    ]
    assert all(list(change) == change_keys for change in data["changes"])
    assert list(data["changes"][2]["old"]) == ["path", "heading", "text"]
    assert list(data["changes"][2]["reasons"][0]) == ["rule", "says", "trigger", "side"]
    assert list(data["changes"][2]["consent"]) == ["may_be_required", "reasons"]
    assert list(data["stats"]) == [
        "old_clauses", "new_clauses", "unchanged", "words_inserted", "words_deleted",
        "by_kind", "by_severity", "by_category",
    ]  # fmt: skip


def test_json_values_come_from_the_report() -> None:
    report = sample_report()
    data = report_to_dict(report)
    assert data["schema"] == "policydiff.diff/1"
    assert data["severity"] == "major"
    assert [change["id"] for change in data["changes"]] == [change.id for change in report.changes]
    assert {change["kind"] for change in data["changes"]} == {kind.value for kind in ChangeKind}
    added = data["changes"][0]
    assert added["kind"] == "added" and added["old"] is None and added["new"]["path"] == "2.(5)"
    training = data["changes"][2]
    assert training["edits"][:2] == [["equal", "We "], ["delete", "do not use"]]
    assert training["reasons"][0] == {
        "rule": "ai.training",
        "says": "AI training on user content",
        "trigger": "train and improve our AI models",
        "side": "new",
    }
    assert training["consent"]["may_be_required"] is True
    assert data["stats"]["by_severity"] == {"major": 3, "minor": 3, "editorial": 2}


def test_json_keeps_policy_text_as_is() -> None:
    text = render_json(sample_report())
    assert "<script>alert(1)</script> **bold** | pipe" in text
    assert "\\u001b[2J" in text  # a control character is escaped by JSON itself, never written raw
    assert "\x1b" not in text


def test_a_report_without_changes_validates() -> None:
    report = replace(sample_report(), changes=(), severity=Severity.NONE)
    validator("diff-1.json").validate(report_to_dict(report))


@pytest.mark.parametrize(
    "path, value",
    [
        ((), {"extra": 1}),
        (("severity",), "huge"),
        (("changes", 0, "kind"), "rewritten"),
        (("changes", 0, "old"), {"path": "1", "heading": None, "text": "x"}),
        (("changes", 4, "new"), {"path": "1", "heading": None, "text": "x"}),
        (("changes", 2, "categories"), ["ai", "ai"]),
        (("changes", 2, "edits", 0), ["replace", "x"]),
        (("changes", 2, "edits", 0), ["equal", "x", "y"]),
        (("changes", 2, "reasons", 0, "span"), [0, 3]),
        (("changes", 2, "severity"), "none"),
        (("stats", "by_category", "biometrics"), 1),
        (("notice", "promised_days"), "30"),
    ],
)
def test_schema_rejects_what_the_spec_does_not_allow(path: tuple[str | int, ...], value: Any) -> None:
    data = report_to_dict(sample_report())
    if path:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    else:
        data.update(value)
    with pytest.raises(jsonschema.ValidationError):
        validator("diff-1.json").validate(data)


# --- review: a change of substance no rule could read ----------------------------------------------


def test_a_report_with_review_changes_validates_and_counts_them() -> None:
    data = report_to_dict(as_review(sample_report(), "c4", "c8"))
    validator("diff-1.json").validate(data)
    assert data["severity"] == "major"  # a major change still outranks them
    assert data["notice"]["pending_review"] == 2 and data["notice"]["required"] is True
    assert [c["severity"] for c in data["changes"] if c["id"] in ("c4", "c8")] == ["review", "review"]
    assert data["stats"]["by_severity"] == {"editorial": 2, "minor": 1, "review": 2, "major": 3}


def test_review_ranks_below_major_and_above_minor_at_the_top() -> None:
    data = report_to_dict(as_review(sample_report(), "c1", "c3", "c5"))
    validator("diff-1.json").validate(data)
    assert data["severity"] == "review" and data["notice"] == {
        "required": False,
        "pending_review": 3,
        "period_days": 30,
        "promised_days": None,
        "reasons": [],
    }


def test_the_schema_wants_pending_review_as_a_count() -> None:
    data = report_to_dict(sample_report())
    assert data["notice"]["pending_review"] == 0
    for value in (-1, "0", None):
        data["notice"]["pending_review"] = value
        with pytest.raises(jsonschema.ValidationError):
            validator("diff-1.json").validate(data)
    del data["notice"]["pending_review"]
    with pytest.raises(jsonschema.ValidationError):
        validator("diff-1.json").validate(data)


def test_terminal_shows_a_review_change_and_leaves_the_notice_undecided() -> None:
    output = render_terminal(as_review(sample_report(), "c1", "c3", "c5"), width=200)
    assert "Severity: REVIEW — 8 changes: editorial 2, minor 3, review 3" in output
    assert (
        "Notice: UNDECIDED — 3 changes need a lawyer's decision (policydiff review) before anyone can say"
        " no notice is needed" in output
    )
    assert "not required" not in output
    assert "REVIEW · ai, sharing · neutral" in output
    assert f"why: review.unread — {UNREAD}" in output
    assert "a lawyer must decide: policydiff review POLICY c3 --as editorial|minor|major" in output
    assert "Editorial changes (2)" in output  # review is listed in full, never folded with editorial


def test_terminal_with_majors_requires_notice_and_still_lists_the_pending_changes() -> None:
    output = render_terminal(as_review(sample_report(), "c4"), width=200)
    assert "Notice: REQUIRED — at least 30 days" in output
    pending = "1 change needs a lawyer's decision (policydiff review): the notice may have to tell of more"
    assert f"• {pending}" in output
    assert "a lawyer must decide: policydiff review POLICY c4" in output


def test_terminal_colours_review_in_its_own_style(monkeypatch: pytest.MonkeyPatch) -> None:
    from policydiff.render.terminal import SEVERITY_STYLE

    assert len({SEVERITY_STYLE[s] for s in Severity}) == len(Severity)
    output = render_terminal(as_review(sample_report(), "c4"), color=True)
    assert ANSI.search(output) and "REVIEW" in output


def test_markdown_lists_a_review_change_with_the_decision_it_needs() -> None:
    markdown = render_markdown(as_review(sample_report(), "c1", "c3", "c5"))
    assert "- **Overall severity:** REVIEW" in markdown
    assert (
        "- **Advance notice required:** undecided — 3 changes need a lawyer's decision (policydiff review)"
        " before anyone can say no notice is needed" in markdown
    )
    assert "### c3 · modified · REVIEW" in markdown
    assert "| REVIEW |" in markdown
    command = "policydiff review POLICY c3 --as editorial\\|minor\\|major"
    assert f"- **Undecided:** a lawyer must decide: {command}" in markdown
    rendered = gfm().render(markdown)
    assert "a lawyer must decide: policydiff review POLICY c3 --as editorial|minor|major" in rendered
    assert "<details>" in markdown and "c3" not in markdown.split("<details>", 1)[1]  # not folded


def test_markdown_with_majors_and_a_pending_review() -> None:
    markdown = render_markdown(as_review(sample_report(), "c4"))
    assert "- **Advance notice required:** yes" in markdown
    pending = "1 change needs a lawyer's decision (policydiff review): the notice may have to tell of more"
    assert f"  - {pending}" in markdown


def sample_outline() -> Outline:
    text = "1. Scope\nThis policy applies to JoyPix.\n- Email: your address."
    trail = ("1. Scope",)

    def leaf(path: str, kind: ClauseKind, part: str) -> Clause:
        start = text.index(part)
        return Clause(path, kind, start, start + len(part), part, heading=trail)

    children = (
        leaf("1.h", ClauseKind.HEADING, "1. Scope"),
        leaf("1.p1", ClauseKind.PARAGRAPH, "This policy applies to JoyPix."),
        leaf("1.i1", ClauseKind.DEFINITION, "- Email: your address."),
    )
    section = Clause("1", ClauseKind.SECTION, 0, len(text), text, children=children)
    document = Document(source="policy.txt", text=text, original=text, sha256="0" * 64)
    return Outline(document=document, clauses=(section,))


def test_segment_json_validates_and_nests() -> None:
    output = render_segment_json(sample_outline())
    data = json.loads(output)
    validator("segment-1.json").validate(data)
    assert list(data) == ["schema", "source", "sha256", "text", "clauses"]
    section = data["clauses"][0]
    assert section["heading"] is None and section["kind"] == "section"
    assert [child["path"] for child in section["children"]] == ["1.h", "1.p1", "1.i1"]
    assert section["children"][1]["text"] == "This policy applies to JoyPix."
    assert all(data["text"][child["start"] : child["end"]] == child["text"] for child in section["children"])
    assert section["children"][1]["heading"] == "1. Scope"


def test_segment_schema_rejects_an_unknown_clause_kind() -> None:
    data = outline_to_dict(sample_outline())
    data["clauses"][0]["children"][0]["kind"] = "footnote"
    with pytest.raises(jsonschema.ValidationError):
        validator("segment-1.json").validate(data)


# --- shared helpers ----------------------------------------------------------------------------


def test_clean_removes_control_characters_and_folds_space() -> None:
    assert clean("a\x1b[2J\tb\n\n c\x07") == "a[2J b c"


def test_change_edits_show_a_whole_added_or_removed_clause() -> None:
    added = Change("x", ChangeKind.ADDED, None, side("1", None, "New text."), edits=())
    assert change_edits(added) == [(Op.INSERT, "New text.")]
    removed = Change("y", ChangeKind.REMOVED, side("1", None, "Old text."), None, edits=())
    assert change_edits(removed) == [(Op.DELETE, "Old text.")]


def test_change_edits_never_mark_white_space_alone() -> None:
    change = Change(
        "z", ChangeKind.MODIFIED, side("1", None, "a\nb"), side("1", None, "a b"),
        edits=edits(("=", "a"), ("-", "\n"), ("+", " "), ("=", "b")),
    )  # fmt: skip
    assert change_edits(change) == [(Op.EQUAL, "a b")]


def test_elide_keeps_words_at_both_ends() -> None:
    words = " ".join(f"w{number}" for number in range(30)) + " "
    assert elide(words, keep_start=2, keep_end=2) == "w0 w1 … w28 w29 "
    assert elide(words, keep_start=0, keep_end=2) == "… w28 w29 "
    assert elide(words, keep_start=2, keep_end=0) == "w0 w1 … "
    assert elide("a b c d e f g h", keep_start=2, keep_end=2) == "a b c d e f g h"  # within the slack


# --- Markdown ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "**bold** and __bold__",
        "| pipe | table |",
        "# not a heading",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "---",
        "> not a quote",
        "[a link](https://example.com) ![an image](x.png)",
        "`code` and ``more``",
        "~~struck~~",
        "a_b_c *d*",
        "&copy; &amp; &#169;",
        "back\\slash\\",
        "<!-- a comment -->",
        "    not code",
        "line\n\n# two",
    ],
)
def test_md_escape_renders_back_to_the_literal_text(text: str) -> None:
    rendered = gfm().render(md_escape(text))
    assert rendered == f"<p>{html_text(clean(text).strip())}</p>\n"


@given(st.text(alphabet=" abc1.-+*_`#<>&|[]()!~\\=:;\"'\n\t{}", max_size=40))
def test_md_escape_never_leaves_markup(text: str) -> None:
    literal = clean(text).strip()
    rendered = gfm().render(md_escape(text))
    assert rendered == (f"<p>{html_text(literal)}</p>\n" if literal else "")


def test_code_span_fence_is_longer_than_any_backtick_run() -> None:
    assert code_span("ai.training") == "`ai.training`"
    assert code_span("a``b") == "```a``b```"
    assert gfm().renderInline(code_span("`x`")) == "<code>`x`</code>"


def test_word_diff_marks_deletions_and_insertions() -> None:
    change = sample_report().changes[3]
    assert word_diff(change) == (
        "We retain your Usage Data for ~~3 years~~ **12 months** after your last login, "
        "then delete or anonymise it."
    )


def test_word_diff_moves_a_glued_word_into_the_replacement() -> None:
    change = Change(
        "g", ChangeKind.MODIFIED, side("1", None, "User Submissions to train"),
        side("1", None, "User Submissions, including voice, to train"),
        edits=edits(("=", "User Submissions"), ("+", ", including voice,"), ("=", " to train")),
    )  # fmt: skip
    html = gfm().renderInline(word_diff(change))
    assert html == "User <s>Submissions</s> <strong>Submissions, including voice,</strong> to train"


def test_word_diff_moves_a_glued_word_after_the_replacement() -> None:
    change = Change(
        "h", ChangeKind.MODIFIED, side("1", None, "e-mail"), side("1", None, "(mail"),
        edits=edits(("-", "e-"), ("+", "("), ("=", "mail")),
    )  # fmt: skip
    assert gfm().renderInline(word_diff(change)) == "<s>e-mail</s> <strong>(mail</strong>"


def test_markdown_escapes_hostile_policy_text() -> None:
    output = render_markdown(sample_report())
    assert "<script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\| pipe \\[red\\]boom\\[/red\\]" in output
    assert "\x1b" not in output
    html = gfm().render(output)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** | pipe [red]boom[/red]" in html


def test_markdown_layout_survives_hostile_text() -> None:
    tokens = gfm().parse(render_markdown(sample_report()))
    raw_html = [token.content.strip() for token in tokens if token.type in ("html_block", "html_inline")]
    assert raw_html == ["<details>\n<summary>2 editorial changes</summary>", "</details>"]
    rows = [token for token in tokens if token.type == "tr_open"]
    cells = [token for token in tokens if token.type in ("td_open", "th_open")]
    assert len(rows) == 1 + 6  # the header and one row per change of substance
    assert len(cells) == 8 * len(rows)
    headings = [tokens[index + 1].content for index, token in enumerate(tokens) if token.tag == "h3"]
    assert [heading.split(" · ")[0] for heading in headings[::2]] == ["c1", "c3", "c4", "c5", "c6", "c8"]


def test_markdown_summary_and_sections() -> None:
    output = render_markdown(sample_report())
    assert output.startswith(
        "# Policy changes: policies/joypix/versions/2025-09-01--v1.0.md → "
        "policies/joypix/versions/2026-03-17--v2.0.md\n"
    )
    assert "- **Overall severity:** MAJOR\n" in output
    assert (
        "- **Advance notice required:** yes — at least 30 days before the new version takes effect "
        "(the old version promises 30 days)\n"
    ) in output
    assert "- **Changes by severity:** major 3, minor 3, editorial 2\n" in output
    assert (
        "- `ai.training` — AI training on user content — "
        "trigger: «train and improve our AI models» (new side)" in output
    )
    assert "**Consent may be required**" in output
    assert "### c2" not in output and "### c7" not in output  # editorial: only in the details list
    assert "- c7 · modified · 8.p1 · Contact Us: ~~recieve~~ **receive**\n" in output
    assert output.endswith("</details>\n")


def test_markdown_without_changes_of_substance() -> None:
    report = sample_report()
    editorial_only = replace(report, changes=report.changes[1:2], severity=Severity.EDITORIAL)
    output = render_markdown(
        replace(editorial_only, notice=replace(report.notice, required=False, reasons=()))
    )
    assert "No changes of substance." in output
    assert "- **Advance notice required:** no\n" in output
    assert "<summary>1 editorial change</summary>" in output
    assert "|---|" not in output


def test_markdown_table_links_each_change_to_its_section_and_bolds_its_triggers() -> None:
    from policydiff.render.markdown import github_anchor

    tokens = gfm().parse(render_markdown(sample_report()))
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    anchors = {github_anchor(gfm().renderInline(heading)) for heading in headings}
    inline = [child for token in tokens for child in token.children or []]
    links = [token.attrGet("href") for token in inline if token.type == "link_open"]
    assert links == [
        "#c1--added--major", "#c3--modified--major", "#c4--modified--minor",
        "#c5--removed--major", "#c6--split--minor", "#c8--merged--minor",
    ]  # fmt: skip
    assert {link.removeprefix("#") for link in links} <= anchors
    html = gfm().render(render_markdown(sample_report()))
    assert "«<strong>train and improve our AI models</strong>», «<strong>do not</strong>»" in html
    assert "«<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>»" in html


# --- templates ---------------------------------------------------------------------------------


def test_template_dirs_find_the_report_template(tmp_path: Path) -> None:
    dirs = template_dirs()
    assert any((folder / "report" / "diff.md.j2").is_file() for folder in dirs)
    assert template_dirs([tmp_path])[0] == tmp_path


def test_a_project_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "diff.md.j2").write_text("{{ severity }}\n", encoding="utf-8")
    environment = jinja_env(autoescape=False, overrides=[tmp_path])
    assert environment.get_template("report/diff.md.j2").render(severity="major") == "major\n"


def test_jinja_env_is_strict_and_escapes_when_asked() -> None:
    import jinja2

    environment = jinja_env(autoescape=True)
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{{ missing }}").render()
    assert environment.from_string("{{ text }}").render(text="<b>") == "&lt;b&gt;"


# --- terminal ----------------------------------------------------------------------------------


def test_terminal_shows_every_change_severity_and_reason() -> None:
    report = sample_report()
    output = render_terminal(report)
    for change in report.changes:
        assert re.search(rf"^\s*{change.id}  {change.kind.value}  ", output, re.MULTILINE)
    assert "Severity: MAJOR — 8 changes: major 3, minor 3, editorial 2" in output
    assert "Notice: REQUIRED — at least 30 days" in output
    assert "MINOR · retention · narrows" in output
    assert (
        "why: ai.training — AI training on user content — trigger «train and improve our AI models» (new)"
        in output
    )
    assert "consent may be required: AI training on user content;" in output
    assert "[-do not use-]{+may use+}" in output


def test_terminal_without_color_has_no_escape_codes() -> None:
    output = render_terminal(sample_report(), color=False)
    assert "\x1b" not in output
    assert "[red]boom[/red]" in output  # rich markup in policy text stays text


def test_terminal_with_color_styles_and_still_writes_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    output = render_terminal(sample_report(), color=True)
    assert ANSI.search(output)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "MAJOR" in plain and "MINOR" in plain
    assert "\x1b[2J" not in output  # the escape sequence hidden in the policy text never arrives


def test_terminal_respects_the_width() -> None:
    output = render_terminal(sample_report(), width=60)
    assert max(len(line) for line in output.splitlines()) <= 60


def test_terminal_cuts_long_unchanged_runs() -> None:
    before = " ".join(f"before{number}" for number in range(40))
    after = " ".join(f"after{number}" for number in range(40))
    change = Change(
        "long", ChangeKind.MODIFIED,
        side("1", None, f"{before} old {after}"), side("1", None, f"{before} new {after}"),
        edits=edits(("=", before + " "), ("-", "old"), ("+", "new"), ("=", " " + after)),
        severity=Severity.MINOR,
    )  # fmt: skip
    output = render_terminal(replace(sample_report(), changes=(change,)), width=200)
    assert (
        "… before32 before33 before34 before35 before36 before37 before38 before39 [-old-]{+new+} " in output
    )
    assert "after0 after1 after2 after3 after4 after5 after6 after7 …" in output
    assert "before31" not in output and "after8" not in output


def test_terminal_lists_editorial_changes_compactly() -> None:
    output = render_terminal(sample_report())
    tail = output[output.index("Editorial changes (2)") :]
    assert "c2  moved  2.(3).p2 → 4.p2  Cookies and Tracking Technologies — wording unchanged" in tail
    assert "c7  modified  8.p1  Contact Us — [-recieve-] {+receive+}" in tail


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "report.txt"), ("json", "report.json"), ("md", "report.md")]
)
def test_golden_reports(fmt: str, name: str) -> None:
    assert_golden(name, render_text(sample_report(), fmt))


def test_hostile_text_is_in_the_sample() -> None:
    assert any(HOSTILE in (change.new.text if change.new else "") for change in sample_report().changes)
