"""policydiff.segment: paths, headings and kinds on the seeds; the no-character-lost invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    CORPUS,
    JOYCLIP_NEW,
    JOYCLIP_OLD,
    JOYPIX_NEW,
    JOYPIX_OLD,
    corpus_pair_count,
    needs_shared,
    outline_of,
    outline_problems,
    policy_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.load import load
from policydiff.model import Clause, ClauseKind, Outline
from policydiff.segment import segment


def by_path(outline: Outline) -> dict[str, Clause]:
    return {clause.path: clause for clause in outline.walk()}


def leaf_paths(outline: Outline) -> list[str]:
    return [leaf.path for leaf in outline.leaves()]


def top_paths(outline: Outline) -> list[str]:
    return [clause.path for clause in outline.clauses]


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def joypix() -> Outline:
    return segment(load(str(JOYPIX_OLD)))


def test_joypix_sections_are_numbered_as_written(joypix: Outline) -> None:
    sections = [c.path for c in joypix.clauses if c.kind is ClauseKind.SECTION]
    assert sections == [str(n) for n in range(1, 12)]
    clauses = by_path(joypix)
    assert clauses["1"].label == "1."
    assert clauses["1.h"].text == "1. Core Definitions"
    assert clauses["1.h"].kind is ClauseKind.HEADING
    assert clauses["2.(1)"].kind is ClauseKind.SECTION
    assert clauses["2.(1).h"].text == "(1) Account Registration and Identity Information"
    assert clauses["2.(1).h"].heading == (
        "2. Information We Collect and How We Collect It",
        "(1) Account Registration and Identity Information",
    )


def test_joypix_retention_bullet_is_5_1_b2(joypix: Outline) -> None:
    bullet = by_path(joypix)["5.(1).b2"]
    assert bullet.text.startswith(
        "- Usage Data/Device Data:Retained for 6 months after the end of service usage"
    )
    assert bullet.kind is ClauseKind.DEFINITION
    assert bullet.label == "-"
    assert bullet.heading == ("5. Retention and Deletion of Personal Information", "(1) Retention Period")
    assert bullet.heading_text == "5. Retention and Deletion of Personal Information › (1) Retention Period"


def test_joypix_preamble_stays_at_the_top(joypix: Outline) -> None:
    assert top_paths(joypix)[:4] == ["p1", "d1", "p2", "p3"]
    assert by_path(joypix)["d1"].text == "Last Modified: [March 17, 2026]"


def test_joypix_lead_in_is_the_context_of_its_list(joypix: Outline) -> None:
    clauses = by_path(joypix)
    assert clauses["2.(3).b1"].context == "We use Cookies, beacons, tags, and other tracking technologies to:"
    assert clauses["2.(3).b3"].context == clauses["2.(3).b1"].context
    assert clauses["2.(3).p2"].context is None


def test_joypix_html_version_has_the_same_paths(joypix: Outline) -> None:
    html = segment(load(str(JOYPIX_NEW)))
    assert top_paths(html)[0] == "title"  # "# JoyPix AI Privacy Policy" does not nest the policy
    assert {"1", "2.(1)", "2.(2).b3", "5.(1).b2", "11"} <= set(by_path(html))
    assert by_path(html)["5.(1).b2"].text.startswith("- Usage Data/Device Data:Retained for 24 months")


def test_joyclip_label_text_paragraphs_are_definitions() -> None:
    clauses = by_path(segment(load(str(JOYCLIP_OLD))))
    assert clauses["d1"].text == "Last Updated: January 3, 2026"
    assert clauses["d5"].text.startswith("No Third-Party AI: We do not use third-party AI APIs.")
    assert clauses["d14"].text == "Camera: To enable shooting functions for photo/video editing."
    assert all(clauses[f"d{n}"].kind is ClauseKind.DEFINITION for n in range(1, 31))
    assert clauses["p1"].kind is ClauseKind.PARAGRAPH


def test_joyclip_markdown_nests_level_three_under_level_two() -> None:
    outline = segment(load(str(JOYCLIP_NEW)))
    clauses = by_path(outline)
    assert top_paths(outline)[:4] == ["title", "d1", "p1", "p2"]
    assert clauses["s1.h"].text == "## Information We Collect"
    assert clauses["s1.s1.h"].heading == ("Information We Collect", "Media You Upload for AI Processing")
    assert clauses["s1.s1.b4"].text.startswith("- Third-Party AI: We use third-party AI providers")
    assert clauses["s1.s1.b4"].kind is ClauseKind.DEFINITION


@pytest.mark.parametrize("path", [JOYPIX_OLD, JOYPIX_NEW, JOYCLIP_OLD, JOYCLIP_NEW], ids=lambda p: p.name)
def test_fixtures_keep_every_character(path: Path) -> None:
    assert outline_problems(segment(load(str(path)))) == []


# --- headings ----------------------------------------------------------------------------------


def test_atx_headings_nest_by_level() -> None:
    outline = outline_of(
        "# One\n\nIntro.\n\n## Two\n\nBody.\n\n### Three\n\nDeep.\n\n## Four\n\nMore.\n\n# Five\n"
    )
    assert leaf_paths(outline) == [
        "s1.h", "s1.p1", "s1.s1.h", "s1.s1.p1", "s1.s1.s1.h", "s1.s1.s1.p1", "s1.s2.h", "s1.s2.p1", "s2.h",
    ]  # fmt: skip
    assert by_path(outline)["s1.s1.s1.p1"].heading == ("One", "Two", "Three")


def test_setext_headings() -> None:
    outline = outline_of(
        "Policy\n======\n\nIntro.\n\nSharing\n-------\n\nWe share.\n\nRights\n---\n\nYou may.\n"
    )
    clauses = by_path(outline)
    assert top_paths(outline) == ["title", "p1", "s1", "s2"]
    assert clauses["title"].text == "Policy\n======"
    assert clauses["s1.h"].text == "Sharing\n-------"
    assert clauses["s2.p1"].heading == ("Rights",)


def test_a_lone_title_does_not_nest_everything() -> None:
    outline = outline_of(
        "# Acme Privacy Policy\n\nIntro.\n\n## 1. Data\n\nWe collect.\n\n## 2. Sharing\n\nWe share.\n"
    )
    assert top_paths(outline) == ["title", "p1", "1", "2"]
    assert by_path(outline)["2.p1"].heading == ("2. Sharing",)


def test_two_level_one_headings_are_both_sections() -> None:
    outline = outline_of("# Privacy\n\nA.\n\n# Cookies\n\nB.\n")
    assert top_paths(outline) == ["s1", "s2"]


def test_numbered_headings_in_plain_text() -> None:
    text = (
        "1. Introduction\nWe explain.\n1.1 Scope\nScope text.\n1.2 Terms\nTerms text.\n"
        "2. Data\n(1) Providers\n(a) Cloud\nCloud text.\n(b) Email\nEmail text.\n(2) Others\nOther text.\n"
    )
    outline = outline_of(text, "text")
    clauses = by_path(outline)
    assert top_paths(outline) == ["1", "2"]
    assert clauses["1.1"].label == "1.1"
    assert clauses["1.2.p1"].text == "Terms text."
    assert clauses["1.2.p1"].heading == ("1. Introduction", "1.2 Terms")
    assert clauses["2.(1).(a).p1"].text == "Cloud text."
    assert clauses["2.(1).(b).h"].text == "(b) Email"
    assert clauses["2.(2).p1"].heading == ("2. Data", "(2) Others")


def test_section_and_roman_headings() -> None:
    text = "Section 1 General\nThe rules.\nSection 2 Data\nI. Collection\nWe collect.\nII. Use\nWe use.\n"
    outline = outline_of(text, "text")
    clauses = by_path(outline)
    assert top_paths(outline) == ["1", "2"]
    assert clauses["1"].label == "Section 1"
    assert clauses["2.I.p1"].text == "We collect."
    assert clauses["2.II.p1"].heading == ("Section 2 Data", "II. Use")


def test_numbered_markdown_headings_take_their_number() -> None:
    outline = outline_of("## 3. Sharing\n\nWe share.\n\n### 3.1 Partners\n\nWith partners.\n")
    assert leaf_paths(outline) == ["3.h", "3.p1", "3.1.h", "3.1.p1"]


def test_bold_line_is_a_heading() -> None:
    outline = outline_of("**Cookies**\n\nWe use cookies.\n")
    assert leaf_paths(outline) == ["s1.h", "s1.p1"]


def test_a_numbered_list_is_not_a_run_of_headings() -> None:
    outline = outline_of("We share with:\n\n1. Cloud providers\n2. Payment processors\n3. Auditors\n")
    assert leaf_paths(outline) == ["p1", "b1", "b2", "b3"]
    assert by_path(outline)["b2"].label == "2."


@pytest.mark.parametrize("line", ["0.99810722", "2.14", "705.11", "123.45.67.89 - 25/Mar/2003 10:15:32 -"])
def test_decimal_numbers_are_not_headings(line: str) -> None:
    outline = outline_of(f"{line}\n\nWe collect data.\n")
    assert all(clause.kind is not ClauseKind.SECTION for clause in outline.clauses)


# --- lists, definitions, tables ----------------------------------------------------------------


def test_list_items_keep_their_continuation_lines() -> None:
    text = (
        "We do not share:\n\n- your name;\n- your email,\n  which we keep.\n"
        "  - a nested item\n    continued\n- last\n"
    )
    outline = outline_of(text)
    items = [leaf for leaf in outline.leaves() if leaf.kind is ClauseKind.ITEM]
    assert [item.text for item in items] == [
        "- your name;",
        "- your email,\n  which we keep.",
        "- a nested item\n    continued",
        "- last",
    ]
    assert {item.context for item in items} == {"We do not share:"}


def test_plain_text_continuation_needs_indentation() -> None:
    outline = outline_of("- one item\n  goes on\nA new paragraph.\n", "text")
    assert [leaf.text for leaf in outline.leaves()] == ["- one item\n  goes on", "A new paragraph."]


def test_a_paragraph_without_a_colon_is_no_lead_in() -> None:
    outline = outline_of("We share data.\n\n- with partners\n")
    assert by_path(outline)["b1"].context is None


def test_label_text_definitions() -> None:
    outline = outline_of(
        "Email: support@acme.io\nUsage Data:Behavioral data.\nWe note: this is a sentence.\n", "text"
    )
    kinds = [(leaf.path, leaf.kind) for leaf in outline.leaves()]
    assert kinds == [
        ("d1", ClauseKind.DEFINITION),
        ("d2", ClauseKind.DEFINITION),
        ("d3", ClauseKind.DEFINITION),
    ]
    long_label = outline_of(
        "This sentence has far too many words before its colon to be a label: no.\n", "text"
    )
    assert long_label.leaves()[0].kind is ClauseKind.PARAGRAPH


def test_a_label_in_italics_is_a_definition_as_without_them() -> None:
    # a web page's reader drops italics: "_Effective: 1 May 2026_" reads as it does without them
    for text in ("_Effective: 1 May 2026_\n", "*Effective:* 1 May 2026\n", "Effective: 1 May 2026\n"):
        assert [leaf.kind for leaf in outline_of(text).leaves()] == [ClauseKind.DEFINITION]


def test_bullets_and_definitions_share_one_counter() -> None:
    outline = outline_of("- Plain item\n- Label: text\n- Another item\n")
    assert [(leaf.path, leaf.kind.value) for leaf in outline.leaves()] == [
        ("b1", "item"),
        ("b2", "definition"),
        ("b3", "item"),
    ]


def test_table_rows_carry_the_header() -> None:
    text = "## Sale\n\n| Category | Sold or shared |\n|---|:---:|\n| Identifiers | No |\n| Location | Yes |\n"
    outline = outline_of(text)
    rows = [leaf for leaf in outline.leaves() if leaf.kind is ClauseKind.ROW]
    assert [(row.path, row.text, row.context) for row in rows] == [
        ("s1.r0", "| Category | Sold or shared |\n|---|:---:|", None),
        ("s1.r1", "| Identifiers | No |", "Category | Sold or shared"),
        ("s1.r2", "| Location | Yes |", "Category | Sold or shared"),
    ]


def test_a_header_row_of_empty_cells_gives_way_to_the_row_of_labels_below_it() -> None:
    """ "| | |" over the separator, the labels in the first body row (as page converters write a
    table): the labels are the header, as a Word table or a PDF of the same page reads it."""
    text = "## Sale\n\n| | |\n|---|---|\n| **Category** | **Sold** |\n| Identifiers | No |\n"
    rows = [leaf for leaf in outline_of(text).leaves() if leaf.kind is ClauseKind.ROW]
    assert [(row.path, row.context) for row in rows] == [
        ("s1.r0", None),
        ("s1.r1", "**Category** | **Sold**"),
    ]


def test_table_without_a_separator_has_no_header() -> None:
    rows = outline_of("| a | b |\n| c | d |\n").leaves()
    assert [(row.path, row.context) for row in rows] == [("r1", None), ("r2", None)]


def test_repeated_labels_get_unique_paths() -> None:
    outline = outline_of("1. Data\nA.\n1. Data again\nB.\n(1) Sub\nC.\n(1) Sub again\nD.\n", "text")
    paths = [clause.path for clause in outline.walk()]
    assert len(paths) == len(set(paths))
    assert "1~2" in paths


def test_an_empty_document_has_no_clauses() -> None:
    assert outline_of("").clauses == ()


# --- invariants --------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text(), st.sampled_from(["markdown", "text", "html"]))
def test_generated_policies_keep_every_character(text: str, fmt: str) -> None:
    assert outline_problems(outline_of(text, fmt)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "#",
                    "##",
                    "-",
                    "*",
                    "1.",
                    "1.1",
                    "(1)",
                    "(a)",
                    "a)",
                    "IV.",
                    "Section 2",
                    "|",
                    "---",
                    "===",
                    "|---|",
                    ":",
                    "Label:",
                    "word",
                    "Word",
                    "**",
                    "  ",
                    "\t",
                    ".",
                    "e.g.",
                    "http://x.io",
                    "é",
                ]
            ),  # fmt: skip
            max_size=6,
        ).map(" ".join),
        max_size=15,
    ).map("\n".join),
    st.sampled_from(["markdown", "text"]),
)
def test_odd_line_soups_keep_every_character(text: str, fmt: str) -> None:
    assert outline_problems(outline_of(text, fmt)) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["markdown", "text"]))
def test_any_text_keeps_every_character(text: str, fmt: str) -> None:
    assert outline_problems(outline_of(text, fmt)) == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_keeps_every_character(path: Path) -> None:
    assert outline_problems(segment(load(str(path)))) == []


@needs_shared
def test_the_corpus_is_there() -> None:
    assert len(CORPUS) == 2 * corpus_pair_count()  # an old and a new file per pair


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("p.txt", "line\n" * 200_000),  # every line continues the last block: no copy of it per line
        ("p.md", " " * 200_000 + "x\n" + "| a |\n" * 10),  # a long indent before a table-like line
    ],
)
def test_long_inputs_segment_in_linear_time(name: str, text: str) -> None:
    import time

    from policydiff.load import load_bytes

    started = time.perf_counter()
    segment(load_bytes(text.encode("utf-8"), name))
    assert time.perf_counter() - started < 15  # quadratic, these took 40 s and more
