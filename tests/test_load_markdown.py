"""policydiff.load.markdown: Markdown's inline markup read as a browser shows it."""

from __future__ import annotations

import pytest

from policydiff.load.markdown import read_markdown


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("a hashed\\* address", "a hashed* address"),  # an escape is the character
        ("\\*Means any authority", "*Means any authority"),  # no bullet without a space after it
        ("12\\. BETA PROGRAMS", "12\\. BETA PROGRAMS"),  # the escape keeps the line from being an item
        ("\\# not a heading", "\\# not a heading"),
        ("\\- not an item", "\\- not an item"),
        ("| a \\| b | c |", "| a \\| b | c |"),  # a pipe inside a cell stays escaped
        ("one<br>two", "one\ntwo"),
        ("| Identity data <br/>Billing data | x |", "| Identity data<br>Billing data | x |"),
        ('<img src="pixel.gif" alt="Quantcast"/>.', "."),
        ("We <span class='x'>share</span> it <b>never</b>.", "We share it **never**."),
        ("See [Data retention](#11-data-retention) or [the law](https://example.com).",
         "See Data retention or [the law](https://example.com)."),
        ("`a\\*b` and a\\*b", "`a\\*b` and a*b"),  # code shows its text as written
        ("Nothing to read here.", "Nothing to read here."),
        # a page link's words may hold escaped brackets; a link's title is a tooltip; an image and a
        # link left with no words show none; a wrapper tag holds no words of its own
        ("use [Products\\[1\\]](#note-1) here", "use Products[1] here"),
        ('- [Help](https://example.org/help "Help centre")', "- [Help](https://example.org/help)"),
        ("[![Logo](/logo.png?w=384)](https://example.org/) ![Chart](c.png)Text", " Text"),
        ('<div style="display:none"></img></div>', ""),
        # raw links read as links; a paragraph tag parts the line, and stays inside a list item
        ("See <a href='https://example.org/d'>our terms</a>.", "See [our terms](https://example.org/d)."),
        ("- Sharing<p>Sharing means giving data.</p>", "- Sharing\n\n  Sharing means giving data."),
        # a link labelled with its own address shows its words, as the web page reader writes it
        ("Write to [help@example.org](mailto:help@example.org).", "Write to help@example.org."),
        ("At [https://example.org/a](https://example.org/a) or [example.org](https://example.org).",
         "At https://example.org/a or [example.org](https://example.org)."),
    ],
)  # fmt: skip
def test_inline_markup_reads_as_a_page_shows_it(written: str, read: str) -> None:
    assert read_markdown(written) == read


def test_block_structure_is_left_as_written() -> None:
    text = "# Title\n\n- item one\n- item two\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n"
    assert read_markdown(text) == text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("* Your e-mail address", "- Your e-mail address"),
        ("  + a nested item", "  - a nested item"),
        ("2. * an item inside a numbered one", "2. - an item inside a numbered one"),
        ("- already a dash", "- already a dash"),
        ("[* Contact us](#contact-us)", "- Contact us"),  # a page link's words start the item
    ],
)
def test_every_bullet_reads_as_a_dash_as_the_web_page_reader_writes_it(written: str, read: str) -> None:
    assert read_markdown(written) == read


@pytest.mark.parametrize("line", ["* * *", "**Bold lead.** Text", "*emphasis* here", "+ "])
def test_no_bullet_is_left_alone(line: str) -> None:
    assert read_markdown(line) == line


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # one list across a blank line: a browser numbers on from the first item
        ("9. Ninth\n10. Tenth\n\n1. Eleventh", "9. Ninth\n10. Tenth\n\n11. Eleventh"),
        ("1. One\n1. Two\n1. Three", "1. One\n2. Two\n3. Three"),
        # an item's indented and lazy lines stay in it
        ("1. One\n   more of one\n\n   still one\n1. Two", "1. One\n   more of one\n\n   still one\n2. Two"),
        ("1. One\nlazily one\n1. Two", "1. One\nlazily one\n2. Two"),
    ],
)
def test_an_ordered_list_numbers_on_as_a_browser_shows_it(written: str, read: str) -> None:
    assert read_markdown(written) == read


@pytest.mark.parametrize(
    "written",
    [
        "1. One\n\nA paragraph at the margin.\n\n1. A new list",  # a paragraph ends the list
        "1. One\n- a bullet\n1. A new list",  # so does an item of another kind
        "1. One\n## A heading\n1. A new list",  # and a heading, even with no blank line
        "1. One\n\n1) Another kind of number",  # another delimiter starts another list
    ],
)
def test_a_list_ended_starts_its_numbers_again(written: str) -> None:
    assert read_markdown(written).endswith(written.rsplit("\n", 1)[1])
