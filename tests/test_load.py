"""policydiff.load: real files in tmp_path, every format, encoding and error a user can hit."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS, corpus_pair_count, needs_shared
from hypothesis import given
from hypothesis import strategies as st

from policydiff.errors import InputError
from policydiff.load import KINDS_BY_SUFFIX, LOADERS, describe, load
from policydiff.load.describe import _VERSION, _VERSION_WORD
from policydiff.model import ClauseKind
from policydiff.segment import segment

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

POLICY_TEXT = "Acme Privacy Policy\nLast updated: March 17, 2026\n\nWe collect your email address.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_error(source: str | Path, **options: object) -> str:
    with pytest.raises(InputError) as caught:
        load(str(source), **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert caught.value.exit_code == 2
    return message


def page(body: str, head: str = "<title>Acme</title>") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def html_text(tmp_path: Path, body: str, **options: object) -> str:
    path = write(tmp_path, "page.html", page(body))
    return load(str(path), **options).original  # type: ignore[arg-type]


# --- formats -------------------------------------------------------------------------------


def test_plain_text_document(tmp_path: Path) -> None:
    path = write(tmp_path, "policy.txt", "Acme  Privacy Policy\r\nLast updated: March 17, 2026\r\n")
    document = load(str(path))
    assert document.source == str(path)
    assert document.format == "text"
    assert document.original == "Acme  Privacy Policy\r\nLast updated: March 17, 2026\r\n"
    assert document.text == "Acme Privacy Policy\nLast updated: March 17, 2026"
    assert document.sha256 == hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    assert (document.title, document.version, document.date) == ("Acme Privacy Policy", None, "2026-03-17")


@pytest.mark.parametrize(("name", "kind"), [("policy.md", "markdown"), ("policy.markdown", "markdown")])
def test_markdown_is_loaded_as_is(tmp_path: Path, name: str, kind: str) -> None:
    source = "# Acme Policy\n\nVersion 2.0\n\n- **email** [terms](https://acme.com/terms)\n"
    document = load(str(write(tmp_path, name, source)))
    assert document.format == kind
    assert document.original == source
    assert (document.title, document.version) == ("Acme Policy", "v2.0")


@pytest.mark.parametrize("name", ["policy.html", "policy.htm", "POLICY.HTML"])
def test_html_suffixes(tmp_path: Path, name: str) -> None:
    document = load(str(write(tmp_path, name, page("<main><h1>Acme</h1><p>We collect data.</p></main>"))))
    assert document.format == "html"
    assert document.text == "# Acme\n\nWe collect data."


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("policy", page("<p>We collect data.</p>"), "html"),
        ("policy.php", "<!-- saved -->\n<html><body><p>We collect data.</p></body></html>", "html"),
        ("policy.xyz", "<div><p>We collect data.</p></div>", "html"),
        ("policy.xyz", "We collect data.\n<p> is a tag we mention.", "text"),
        ("policy.rst", "Privacy\n=======\n\nWe collect data.", "text"),
    ],
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, name: str, content: str, kind: str) -> None:
    document = load(str(write(tmp_path, name, content)))
    assert document.format == kind
    assert "We collect data." in document.text


def test_every_suffix_has_a_loader() -> None:
    assert set(KINDS_BY_SUFFIX.values()) <= set(LOADERS)


def test_stdin_text() -> None:
    document = load("-", stdin=io.BytesIO(POLICY_TEXT.encode()))
    assert document.source == "-"
    assert document.format == "text"
    assert document.date == "2026-03-17"


def test_stdin_html_is_sniffed() -> None:
    stream = io.BytesIO(page("<nav>Menu</nav><h1>Acme</h1><p>Text.</p>").encode())
    document = load("-", stdin=stream)
    assert (document.format, document.text) == ("html", "# Acme\n\nText.")


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POLICY_TEXT.encode())))
    assert load("-").title == "Acme Privacy Policy"


def test_stdin_is_not_read_for_a_file(tmp_path: Path) -> None:
    stream = io.BytesIO(b"not this")
    load(str(write(tmp_path, "policy.txt", POLICY_TEXT)), stdin=stream)
    assert stream.tell() == 0


def test_empty_stdin_is_named() -> None:
    assert load_error("-", stdin=io.BytesIO(b"")) == "<stdin>: empty file"


# --- encodings -----------------------------------------------------------------------------

NAIVE = "Acme “naïve” policy — it’s “ours”.\nWe collect data.\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = write(tmp_path, "policy.txt", bom + NAIVE.encode(encoding))
    document = load(str(path))
    assert document.original == NAIVE
    assert document.text == 'Acme "naïve" policy — it\'s "ours".\nWe collect data.'


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    assert load(str(write(tmp_path, "policy.txt", NAIVE.encode(encoding)))).original == NAIVE


def test_cp1252_curly_quotes_and_naive(tmp_path: Path) -> None:
    document = load(str(write(tmp_path, "policy.txt", NAIVE.encode("cp1252"))))
    assert document.original == NAIVE  # not cp1250's "naďve"
    assert "naïve" in document.text


def test_short_cp1252_text(tmp_path: Path) -> None:
    assert load(str(write(tmp_path, "policy.txt", "naïve café".encode("cp1252")))).text == "naïve café"


def test_html_declared_charset(tmp_path: Path) -> None:
    html = "<html><head><meta charset='windows-1252'></head><body><p>Caf\xe9 “naïve”</p></body></html>"
    document = load(str(write(tmp_path, "page.html", html.encode("cp1252"))))
    assert document.original == "Caf\xe9 “naïve”"


def test_html_declared_latin1_reads_as_windows_1252(tmp_path: Path) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    html = f"<html><head>{head}</head><body><p>it’s naïve</p></body></html>"
    assert load(str(write(tmp_path, "page.html", html.encode("cp1252")))).original == "it’s naïve"


def test_html_wrong_declared_charset_falls_back(tmp_path: Path) -> None:
    html = "<html><head><meta charset='utf-8'></head><body><p>“naïve” policy text</p></body></html>"
    assert load(str(write(tmp_path, "page.html", html.encode("cp1252")))).original == "“naïve” policy text"


# --- errors --------------------------------------------------------------------------------


def test_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    assert load_error(path) == f"{path}: file not found"


def test_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path).startswith(f"{tmp_path}: is a directory")


def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", POLICY_TEXT)
    path.chmod(0)
    message = _error_as_nobody(path) if os.geteuid() == 0 else load_error(path)
    assert message == f"{path}: permission denied"


def _error_as_nobody(path: Path) -> str:
    """root reads any file: look at it as the unprivileged user "nobody" instead."""
    os.seteuid(65534)
    try:
        with pytest.raises(InputError) as caught:
            load(str(path))
    finally:
        os.seteuid(0)
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        ("  \n \u3000\n".encode("utf-16"), "empty file (only white space)"),
        ("\u200b\u200b\n".encode(), "no visible text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 9)) * 50 + b"some text", "binary file (mostly control characters), not text"),
        (random.Random(0).randbytes(4096).replace(b"\0", b"a"), "cannot decode the text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", "not valid UTF-16 text"),
    ],
)
def test_bad_content(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path, "policy.txt", content)
    assert load_error(path).startswith(f"{path}: {problem}")


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", page("<nav><a href='/'>Home</a></nav><script>x()</script>"))
    assert load_error(path).startswith(f"{path}: no text left in the page")


def test_select_matching_nothing_names_the_selector(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", page("<main><p>Text.</p></main>"))
    message = load_error(path, select="div.policy")
    assert message == f"{path}: the CSS selector 'div.policy' matches nothing"


@pytest.mark.parametrize("options", [{"select": "div["}, {"remove": ("p[",)}])
def test_invalid_selector(tmp_path: Path, options: dict[str, object]) -> None:
    path = write(tmp_path, "page.html", page("<main><p>Text.</p></main>"))
    assert load_error(path, **options).startswith(f"{path}: invalid CSS selector")


def test_deep_html(tmp_path: Path) -> None:
    nested = "<div><span>" * 100 + "deep text" + "</span></div>" * 100
    assert load(str(write(tmp_path, "deep.html", page(nested)))).text == "deep text"


def test_absurdly_deep_html_keeps_its_text(tmp_path: Path) -> None:
    # elements deeper than MAX_DEPTH are not built; their text stays, a block apart
    body = "<div>" * 5000 + "<p>deep text</p><p>deeper text</p>" + "</div>" * 5000
    assert load(str(write(tmp_path, "deep.html", page(body)))).text == "deep text\ndeeper text"


# --- HTML ----------------------------------------------------------------------------------

FULL_PAGE = """
<header><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><div class="logo">Acme Inc</div></header>
<div id="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<script>document.write("tracking")</script><style>p { color: red }</style>
<noscript>Enable JavaScript</noscript>
<main>
  <h1>Acme Privacy Policy</h1>
  <p>Last updated: March 17, 2026</p>
  <h2>1. Data we collect</h2>
  <p>We   collect
     the following:</p>
  <ul><li>Email address</li>
      <li>Device data<ul><li>IP address<ol><li>IPv4</li><li>IPv6</li></ol></li></ul></li></ul>
  <h2>2. Sharing</h2>
  <table>
    <thead><tr><th>Recipient</th><th>Purpose</th></tr></thead>
    <tbody><tr><td>Cloud | hosting</td><td>Storage<br>and backup</td></tr></tbody>
  </table>
  <h3>2.1 Sale</h3>
  <p>We <strong>do not</strong> sell data.
     Read <a href="https://acme.com/terms">our terms</a>.<br>Thank you.</p>
  <aside>Related articles</aside>
  <form><label>Email</label><input name="e"><button>Subscribe</button></form>
</main>
<footer><p>© 2026 Acme</p><a href="/imprint">Imprint</a></footer>
"""

FULL_PAGE_TEXT = """# Acme Privacy Policy

Last updated: March 17, 2026

## 1. Data we collect

We collect the following:

- Email address
- Device data
  - IP address
    1. IPv4
    2. IPv6

## 2. Sharing

| Recipient | Purpose |
| --- | --- |
| Cloud \\| hosting | Storage<br>and backup |

### 2.1 Sale

We **do not** sell data. Read [our terms](https://acme.com/terms).
Thank you."""


def test_full_page(tmp_path: Path) -> None:
    document = load(str(write(tmp_path, "policy.html", page(FULL_PAGE))))
    assert document.original == FULL_PAGE_TEXT
    assert (document.title, document.date) == ("Acme Privacy Policy", "2026-03-17")
    noise = ("Home", "cookies", "Accept", "tracking", "color", "JavaScript", "Related", "Subscribe", "©")
    assert not [word for word in noise if word in document.text]


def test_body_is_used_without_main(tmp_path: Path) -> None:
    body = "<nav>Menu</nav><div><p>One.</p><div>Two <em>words</em>.</div></div><footer>F</footer>"
    assert html_text(tmp_path, body) == "One.\n\nTwo words."


def test_article_header_is_kept(tmp_path: Path) -> None:
    body = """<header>Site</header><article><header><h1>Policy</h1><p>Effective 1 May 2025</p></header>
      <p>Text.</p><footer>Page 1</footer></article>"""
    assert html_text(tmp_path, body) == ("# Policy\n\nEffective 1 May 2025\n\nText.\n\nPage 1")


def test_nested_list_indentation(tmp_path: Path) -> None:
    body = """<ol start="3"><li>Third<ul><li>a<ul><li>deep</li></ul></li><li>b</li></ul></li>
              <li><p>Fourth</p><p>continued</p></li></ol>"""
    # an item's second paragraph is a paragraph of its own, as the same list written in Markdown
    assert html_text(tmp_path, body) == "3. Third\n  - a\n    - deep\n  - b\n4. Fourth\n\n  continued"


def test_list_directly_inside_list(tmp_path: Path) -> None:
    assert html_text(tmp_path, "<ul><li>a</li><ul><li>b</li></ul></ul>") == "- a\n  - b"


def test_two_breaks_in_a_row_in_a_cell_part_its_paragraphs(tmp_path: Path) -> None:
    body = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>x<br><br>y<br>z</td></tr></table>"
    # as Markdown writes the same cell: the empty line a browser shows is a paragraph's gap
    assert html_text(tmp_path, body) == "| A | B |\n| --- | --- |\n| 1 | x<br><br>y<br>z |"


def test_an_empty_header_row_stays_above_the_labels_row(tmp_path: Path) -> None:
    body = (
        "<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td><b>Data</b></td><td><b>Shared with"
        "</b></td></tr><tr><td>Email</td><td>Our host</td></tr><tr><td></td><td></td></tr></tbody></table>"
    )
    # as Markdown and Word write it, so the labels row is the header the segmenter gives each row
    text = html_text(tmp_path, body)
    assert text == "|  |  |\n| --- | --- |\n| **Data** | **Shared with** |\n| Email | Our host |"
    leaves = segment(load(str(write(tmp_path, "page.html", page(body))))).leaves()
    assert [row.context for row in leaves if row.kind is ClauseKind.ROW] == [
        None,
        "**Data** | **Shared with**",
    ]


def test_table_header_from_first_row_of_th(tmp_path: Path) -> None:
    body = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><p>x</p><p>y</p></td></tr></table>"
    # a cell's paragraphs kept as Markdown tables part them, so both read the same
    assert html_text(tmp_path, body) == "| A | B |\n| --- | --- |\n| 1 | x<br><br>y |"


def test_table_without_header_has_no_separator(tmp_path: Path) -> None:
    body = "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>"
    assert html_text(tmp_path, body) == "| A | B |\n| 1 | 2 |"


def test_definition_list(tmp_path: Path) -> None:
    body = """<dl><dt>Personal Data:</dt><dd>Any information about a person.</dd>
      <div><dt>Cookies</dt><dt>Tags</dt><dd>Small files.</dd></div></dl>"""
    expected = "Personal Data: Any information about a person.\n\nCookies, Tags: Small files."
    assert html_text(tmp_path, body) == expected


def test_title_from_title_element_without_h1(tmp_path: Path) -> None:
    html = page("<h2>Scope</h2><p>Text.</p>", head="<title> Acme  Privacy </title>")
    path = write(tmp_path, "page.html", html)
    assert load(str(path)).title == "Acme Privacy"


def test_select_and_remove(tmp_path: Path) -> None:
    body = """<main><div class="intro">Welcome to our site.</div>
      <div class="policy"><h1>Policy</h1><p>We collect data.</p><p class="ad">Buy now!</p></div></main>"""
    assert html_text(tmp_path, body, select="div.policy", remove=(".ad",)) == "# Policy\n\nWe collect data."
    assert html_text(tmp_path, body, remove=(".intro", "p.ad")) == "# Policy\n\nWe collect data."


def test_select_takes_every_match_once(tmp_path: Path) -> None:
    body = """<section class='s'><p>One.</p><section class='s'><p>Two.</p></section></section>
      <p>Out.</p><div class='s'>Three.</div>"""
    assert html_text(tmp_path, body, select=".s") == "One.\n\nTwo.\n\nThree."


def test_cookie_section_of_the_policy_is_kept(tmp_path: Path) -> None:
    body = """<main><section id="cookies"><h2>Cookies</h2><p class="cookie-intro">We use cookies.</p>
      <table class="cookie-table"><tr><th>Name</th></tr><tr><td>_ga</td></tr></table></section>
      <div class="consent-bar">Do you consent?</div>
      <div id="onetrust-pc-sdk"><h2>Preferences</h2></div></main>"""
    assert html_text(tmp_path, body) == "## Cookies\n\nWe use cookies.\n\n| Name |\n| --- |\n| _ga |"


def test_hidden_elements(tmp_path: Path) -> None:
    body = """<p>Shown.</p><p hidden>Hidden.</p><span aria-hidden="true">Icon</span>
      <div hidden="until-found">Collapsed.</div>"""
    assert html_text(tmp_path, body) == "Shown.\n\nCollapsed."


def test_hostile_page_yields_no_script(tmp_path: Path) -> None:
    body = """<main><p>Policy text.</p><script>alert(1)</script><img src=x onerror="alert(2)">
      <a href="javascript:alert(3)">click</a><svg onload="alert(4)"><text>alert(5)</text></svg>
      <iframe src="https://evil.example"></iframe><p onclick="alert(6)">More text.</p>
      <template><p>alert(7)</p></template><!-- alert(8) --></main>"""
    text = html_text(tmp_path, body)
    assert text == "Policy text.\n\nclick\n\nMore text."
    assert "alert" not in text and "javascript" not in text and "evil" not in text


def test_links_and_bold(tmp_path: Path) -> None:
    body = """<p><b>Contact:</b> <a href="mailto:privacy@acme.com">privacy@acme.com</a> or
      <a href="/privacy request">the form</a>, <a href="#top"><img src="up.png"></a> <a href="#s3">see 3</a>
      <strong><b>twice</b></strong></p>"""
    assert html_text(tmp_path, body) == (
        "**Contact:** privacy@acme.com or [the form](/privacy%20request), see 3 **twice**"
    )


def test_xhtml_prolog_parses_without_warning(tmp_path: Path) -> None:
    xhtml = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Text.</p></body></html>"""
    assert load(str(write(tmp_path, "page.xhtml", xhtml))).text == "Text."


def test_loading_does_not_import_bs4_until_html() -> None:
    code = "import sys, policydiff.load; print(sorted({'bs4', 'lxml'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- describe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Privacy Policy\n\nLast updated: March 17, 2026", ("Privacy Policy", None, "2026-03-17")),
        (
            "**Acme Policy**\nEffective Date: [March 17, 2026]\nVersion 2.0",
            ("Acme Policy", "v2.0", "2026-03-17"),
        ),
        ("Acme Policy\n=====\n\nUpdated on 17 March 2026 (v3.1)", ("Acme Policy", "v3.1", "2026-03-17")),
        ("## **Terms** ##\nLast revised 2026-03-17", ("Terms", None, "2026-03-17")),
        ("Acme\nEffective as of 12th April 2023", ("Acme", None, "2023-04-12")),
        ("Acme\nLast Modified: January 3, 2026", ("Acme", None, "2026-01-03")),
        ("Acme\n_Last Updated: March 23, 2026_", ("Acme", None, "2026-03-23")),
        ("Acme\nDate Modified: \\[27 March 2024\\]", ("Acme", None, "2024-03-27")),
        ("Acme\nLast updated:\n\nJanuary 3, 2026", ("Acme", None, "2026-01-03")),
        ("Acme\nLast Modified: 09/22/2022", ("Acme", None, "2022-09-22")),
        ("Acme\nLast Modified: 03/04/2022", ("Acme", None, None)),
        ("Acme\nLast updated: February 30, 2026", ("Acme", None, None)),
        ("Politique\nDernière mise à jour : 6 août 2024", ("Politique", None, "2024-08-06")),
        ("Acme\nVersion: June 2026", ("Acme", None, None)),
        (
            "Last updated: May 1, 2025\n# 1\\. About [Acme](https://acme.com)",
            ("1. About Acme", None, "2025-05-01"),
        ),
        (
            "We collect the operating system version 14 of your device and many other details.",
            (None, None, None),
        ),
        ("- a list item first\nThe types of data we collect include:", (None, None, None)),
        # a version history far down names the current version beside the date the top shows
        (
            "# Acme\n\nLast updated: May 1, 2025\n\n"
            + "We keep it safe.\n\n" * 40
            + "Version history:\n\n- Version 1.0: March 3, 2024\n- Version 2.1: May 1, 2025\n",
            ("Acme", "v2.1", "2025-05-01"),
        ),
        ("", (None, None, None)),
    ],
)
def test_describe(text: str, expected: tuple[str | None, str | None, str | None]) -> None:
    assert describe(text) == expected


@needs_shared
def test_describe_seed_joypix() -> None:
    document = load(str(SEEDS / "joypix-privacy-policy-v2.0.txt"))
    assert (document.title, document.date) == ("JoyPix AI Privacy Policy", "2026-03-17")
    assert document.version == "v2.0"  # its "Version History" entry dated like the top of the policy


@needs_shared
def test_describe_seed_joyclip() -> None:
    document = load(str(SEEDS / "joyclip-privacy-policy-2026-01-03.txt"))
    assert document.date == "2026-01-03"
    assert document.title is None  # its first lines are a date and long sentences


@needs_shared
def test_describe_never_crashes_on_the_corpus() -> None:
    assert len(CORPUS) == 2 * corpus_pair_count()  # an old and a new file per pair
    for path in CORPUS:
        title, version, date = describe(path.read_text(encoding="utf-8"))
        assert title is None or (title and "\n" not in title)
        assert date is None or len(date) == 10


def test_an_item_that_is_only_a_list_keeps_its_number(tmp_path: Path) -> None:
    # a browser shows "1." and then the inner bullet: the number is the reader's text
    body = "<ol><li><ul><li>contact details</li></ul></li><li><ul><li>account details</li></ul></li></ol>"
    assert html_text(tmp_path, body) == "1. - contact details\n2. - account details"


@given(st.text(alphabet="VvEeRrSsIiOoNnſKİı .:-_/2019\n", max_size=24))
def test_every_version_holds_the_words_its_line_is_checked_for_first(line: str) -> None:
    # the history scan skips a line without them: that must never skip a version
    assert _VERSION.search(line) is None or _VERSION_WORD.search(line) is not None


def test_a_version_history_far_below_the_top_is_read() -> None:
    filler = "\n\n".join(f"Paragraph {n} says nothing of versions." for n in range(200))
    text = (
        f"# Acme\n\nLast updated: June 3, 2026\n\n{filler}\n\n- Ver. 4.2, June 3, 2026\n- v4.1, May 1, 2025\n"
    )
    assert describe(text) == ("Acme", "v4.2", "2026-06-03")
