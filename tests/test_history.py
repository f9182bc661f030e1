"""policydiff.render.history and ``policydiff history``: a version history as text, md, html, atom, json."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from helpers import HOSTILE, ROOT, chromium, write_project
from lxml import etree
from lxml import html as lxml_html
from typer.testing import CliRunner

from policydiff.archive import PolicyArchive
from policydiff.cli import app
from policydiff.model import Severity, Version
from policydiff.render.history import HistoryPage, long_date, render_history
from policydiff.render.html import content_security_policy

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = json.loads((ROOT / "policydiff" / "schemas" / "history-1.json").read_text(encoding="utf-8"))


def version(label: str, date: str, severity: Severity, *summary: str, notice: bool = False) -> Version:
    return Version(
        label=label,
        date=date,
        sha256="0" * 64,
        source="privacy.md",
        file=f"versions/{date}--{label}.md",
        severity=severity,
        notice=notice,
        summary=summary,
        redline=f"redlines/{date}--{label}.md" if severity is not Severity.NONE else None,
    )


VERSIONS = (
    version("v1.0", "2025-01-28", Severity.NONE),
    version("v2.0", "2026-03-17", Severity.MAJOR, "major · ai expands · 4.b1: AI training", notice=True),
    version("2026-04-02", "2026-04-02", Severity.EDITORIAL),
    version("v2.1", "2026-04-20", Severity.MINOR, f"minor · contact neutral · 11.p3: {HOSTILE}"),
)
PAGE = HistoryPage(
    policy="joypix",
    title="JoyPix AI Privacy Policy",
    versions=VERSIONS,
    author="JoyPix LLC",
    url="https://joypix.ai/privacy",
    base="../policies/joypix/",
)


def test_long_date_is_english_whatever_the_locale() -> None:
    assert long_date("2026-03-17") == "March 17, 2026" and long_date("2025-01-02") == "January 2, 2025"


def test_markdown_is_a_version_history_to_paste_into_the_policy() -> None:
    assert render_history(PAGE, "md") == (
        "## Version History\n\n"
        "- Updated April 20, 2026: v2.1.\n"
        "- Updated April 2, 2026.\n"
        "- Updated March 17, 2026: v2.0.\n"
        "- Updated January 28, 2025: v1.0.\n"
    )


def test_text_is_a_table_newest_first_with_words_not_only_colour() -> None:
    text = render_history(PAGE, "text", width=120)
    rows = [line for line in text.splitlines() if re.match(r"│ \d{4}-", line)]
    assert [row.split("│")[1].strip() for row in rows] == [
        "2026-04-20",
        "2026-04-02",
        "2026-03-17",
        "2025-01-28",
    ]
    assert "▲ major" in rows[2] and "required" in rows[2] and "◆ minor" in rows[0] and "○ first" in rows[3]
    assert "editorial changes only" in rows[1] and "first recorded version" in rows[3]
    assert "\x1b" not in text and "[red]boom[/red]" in text  # policy words are never markup nor escapes
    coloured = render_history(PAGE, "text", color=True, width=120)
    assert "\x1b[1;31m▲ major" in coloured and "\x1b[2J" not in coloured


def test_an_empty_history_says_so() -> None:
    empty = HistoryPage("joypix", "JoyPix", ())
    assert "no versions recorded yet" in render_history(empty, "text")
    assert render_history(empty, "md") == "## Version History\n\n"
    assert "No versions recorded yet." in render_history(empty, "html")
    assert feedparser.parse(render_history(empty, "atom")).bozo is False


def test_html_is_a_self_contained_page_with_a_timeline() -> None:
    page = render_history(PAGE, "html")
    tree = lxml_html.fromstring(page)
    svg = tree.xpath("//svg")
    assert len(svg) == 1
    marks = svg[0].xpath("./a")
    assert [mark.get("href") for mark in marks] == [
        "#v-2025-01-28--v1.0", "#v-2026-03-17--v2.0", "#v-2026-04-02--2026-04-02", "#v-2026-04-20--v2.1",
    ]  # fmt: skip
    # each mark says its severity in words and by its shape, not by colour alone
    words = [mark.xpath("string(./text[last()])") for mark in marks]
    assert words == ["○ first", "▲ major", "● editorial", "◆ minor"]
    shapes = [mark[1].tag for mark in marks]
    assert shapes == ["circle", "polygon", "circle", "polygon"]
    assert [s.get("id") for s in tree.xpath("//section")] == [
        "v-2026-04-20--v2.1", "v-2026-04-02--2026-04-02", "v-2026-03-17--v2.0", "v-2025-01-28--v1.0",
    ]  # fmt: skip
    links = tree.xpath("//section[@id='v-2026-03-17--v2.0']//a/@href")
    assert links == [
        "../policies/joypix/versions/2026-03-17--v2.0.md",
        "../policies/joypix/redlines/2026-03-17--v2.0.md",
    ]
    assert "Advance notice required" in tree.xpath("string(//section[@id='v-2026-03-17--v2.0'])")
    # hostile policy words stay text; nothing is loaded from elsewhere
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not tree.xpath("//script | //link | //img | //*[@src]")


def test_atom_is_a_valid_feed_with_stable_ids() -> None:
    feed_text = render_history(PAGE, "atom")
    feed = feedparser.parse(feed_text)
    assert feed.bozo is False and feed.version == "atom10"
    assert feed.feed.id == "urn:policydiff:joypix" and feed.feed.updated == "2026-04-20T00:00:00Z"
    assert feed.feed.author == "JoyPix LLC"
    assert [entry.id for entry in feed.entries] == [
        "urn:policydiff:joypix:2026-04-20--v2.1", "urn:policydiff:joypix:2026-04-02--2026-04-02",
        "urn:policydiff:joypix:2026-03-17--v2.0", "urn:policydiff:joypix:2025-01-28--v1.0",
    ]  # fmt: skip
    assert feed.entries[2].title == "v2.0 (March 17, 2026): major, advance notice required"
    assert "AI training" in feed.entries[2].content[0].value
    # RFC 4287: a feed and each entry have exactly one id, title and updated; the feed an author
    root = etree.fromstring(feed_text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    # a version recorded later adds an entry and changes none of the others
    later = HistoryPage(
        **{**{f: getattr(PAGE, f) for f in PAGE.__slots__}, "versions": (*VERSIONS, VERSIONS[0])}
    )
    ids = [entry.id for entry in feedparser.parse(render_history(later, "atom")).entries]
    assert ids[1:] == [entry.id for entry in feed.entries]


def test_atom_entries_link_to_their_redline_text_and_policy_as_absolute_urls() -> None:
    published = HistoryPage(
        **{
            **{f: getattr(PAGE, f) for f in PAGE.__slots__},
            "history_url": "https://joypix.ai/legal/history/index.html",
            "redline_url": "https://joypix.ai/legal/changes-2026-04",
        }
    )
    feed_text = render_history(published, "atom")
    feed = feedparser.parse(feed_text)
    assert feed.bozo is False
    links = {(link.rel, link.href) for link in feed.feed.links}
    assert links == {
        ("alternate", "https://joypix.ai/legal/history/index.html"),
        ("related", "https://joypix.ai/privacy"),
    }
    alternates = [[link.href for link in entry.links if link.rel == "alternate"] for entry in feed.entries]
    assert alternates == [
        ["https://joypix.ai/legal/changes-2026-04"],  # the latest: the redline the notice links to
        ["https://joypix.ai/legal/policies/joypix/redlines/2026-04-02--2026-04-02.md"],
        ["https://joypix.ai/legal/policies/joypix/redlines/2026-03-17--v2.0.md"],
        ["https://joypix.ai/legal/history/index.html#v-2025-01-28--v1.0"],  # the first has no redline
    ]
    related = [link.href for link in feed.entries[2].links if link.rel == "related"]
    assert related == [
        "https://joypix.ai/legal/policies/joypix/versions/2026-03-17--v2.0.md",
        "https://joypix.ai/privacy",
    ]
    # RFC 4287 4.1.1/4.2.7: one alternate per type in an entry; every href absolute, nothing but http(s)
    root = etree.fromstring(feed_text.encode("utf-8"))
    for entry in root.findall(f"{ATOM}entry"):
        assert len(entry.findall(f"{ATOM}link[@rel='alternate']")) == 1
    assert all(link.get("href", "").startswith("https://") for link in root.iter(f"{ATOM}link"))


def test_atom_links_are_left_out_rather_than_relative_or_unsafe() -> None:
    unsafe = HistoryPage(
        **{
            **{f: getattr(PAGE, f) for f in PAGE.__slots__},
            "url": "javascript:alert(1)",
            "history_url": "ftp://x/",
        }
    )
    root = etree.fromstring(render_history(unsafe, "atom").encode("utf-8"))
    assert root.findall(f".//{ATOM}link") == []  # relative redline paths resolve on nothing: no link


# ---------------------------------------------------------------------- a version pending review

PENDING = version("v2.2", "2026-05-04", Severity.REVIEW, "review · sharing neutral · 5.b2: no rule reads it")
REVIEWED = HistoryPage("joypix", "JoyPix AI Privacy Policy", (*VERSIONS, PENDING))


def test_a_version_pending_review_reads_as_such_in_text_md_and_atom() -> None:
    text = render_history(REVIEWED, "text", width=140)
    (row,) = [line for line in text.splitlines() if line.startswith("│ 2026-05-04")]
    assert "■ review" in row and "undecided" in row and "5.b2: no rule reads it" in row
    assert "\x1b[1;95m■ review" in render_history(REVIEWED, "text", color=True, width=140)
    assert render_history(REVIEWED, "md").startswith("## Version History\n\n- Updated May 4, 2026: v2.2.\n")
    feed = feedparser.parse(render_history(REVIEWED, "atom"))
    assert feed.bozo is False
    assert feed.entries[0].title == "v2.2 (May 4, 2026): review, advance notice undecided"
    assert feed.entries[0].summary == "1 change of substance"
    assert "■ review · advance notice undecided" in feed.entries[0].content[0].value


def test_a_version_pending_review_has_its_own_mark_on_the_timeline() -> None:
    tree = lxml_html.fromstring(render_history(REVIEWED, "html"))
    mark = tree.xpath("//svg/a")[-1]
    assert mark.xpath("string(./text[last()])") == "■ review" and mark[1].tag == "rect"
    assert "advance notice undecided" in mark.xpath("string(./title)")
    legend = [" ".join(item.text_content().split()) for item in tree.xpath("//ul[@class='legend']/li")]
    assert legend == ["▲ major", "■ review", "◆ minor", "● editorial", "○ first version"]
    section = tree.xpath("string(//section[@id='v-2026-05-04--v2.2'])")
    assert "Advance notice undecided: a change waited for a lawyer's decision" in section


# ---------------------------------------------------------------------- the command


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PolicyArchive:
    monkeypatch.chdir(tmp_path)
    write_project(
        tmp_path, '[[policy]]\nid = "joypix"\ntitle = "JoyPix AI Privacy Policy"\n\n[[policy]]\nid = "new"\n'
    )
    archive = PolicyArchive(tmp_path / "policies", "joypix")
    with archive.locked():
        archive.add(label="v1.0", date="2025-01-28", text="one\n", source="a.md", severity=Severity.NONE)
        archive.add(
            label="v2.0", date="2026-03-17", text="two\n", source="https://joypix.ai/privacy",
            severity=Severity.MAJOR, notice=True, summary=["major · ai expands · 4.b1: AI training"],
            redline=("md", "# redline"), snapshot=("20260317T093000Z.html", b"<html>"),
        )  # fmt: skip
    return archive


def test_history_json_is_the_file_and_follows_its_schema(project: PolicyArchive) -> None:
    result = CliRunner().invoke(app, ["history", "joypix", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == project.history_path.read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(json.loads(result.stdout))) == []
    broken = json.loads(result.stdout)
    broken["versions"][0]["severity"] = "huge"
    assert list(validator.iter_errors(broken))
    pending = json.loads(result.stdout)
    pending["versions"][1]["severity"] = "review"
    assert list(validator.iter_errors(pending)) == []


def test_a_version_recorded_pending_review_is_read_back(project: PolicyArchive) -> None:
    with project.locked():
        project.add(
            label="v2.1", date="2026-04-20", text="three\n", source="a.md", severity=Severity.REVIEW,
            summary=["review · sharing neutral · 5.b2: no rule reads it"],
        )  # fmt: skip
    assert project.versions()[-1].severity is Severity.REVIEW
    result = CliRunner().invoke(app, ["history", "joypix"], terminal_width=140)
    assert result.exit_code == 0 and "■ review" in result.stdout and "undecided" in result.stdout


def test_history_formats_from_the_command(project: PolicyArchive, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["history", "joypix", "-f", "md"])
    assert (
        result.stdout
        == "## Version History\n\n- Updated March 17, 2026: v2.0.\n- Updated January 28, 2025: v1.0.\n"
    )
    result = runner.invoke(app, ["history", "joypix"])
    assert result.exit_code == 0 and "JoyPix AI Privacy Policy: version history" in result.stdout
    (tmp_path / "site").mkdir()
    result = runner.invoke(app, ["history", "joypix", "-f", "html", "-o", "site/history.html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "history.html").read_text(encoding="utf-8")
    assert 'href="../policies/joypix/redlines/2026-03-17--v2.0.md"' in page
    assert (tmp_path / "site" / "../policies/joypix/redlines/2026-03-17--v2.0.md").is_file()
    result = runner.invoke(app, ["history", "joypix", "-f", "atom"])
    assert feedparser.parse(result.stdout).bozo is False and len(feedparser.parse(result.stdout).entries) == 2


def test_history_of_a_configured_policy_without_versions_and_of_an_unknown_one(
    project: PolicyArchive,
) -> None:
    result = CliRunner().invoke(app, ["history", "new"])
    assert result.exit_code == 0 and "no versions recorded yet" in result.stdout
    result = CliRunner().invoke(app, ["history", "jopyix"])
    assert result.exit_code == 2
    assert result.stderr.startswith("policydiff: jopyix: no such policy in ")
    assert result.stderr.endswith("(known: joypix, new)\n")


# ---------------------------------------------------------------------- the page defends itself

HOSTILE_PAGE = HistoryPage(
    policy="joypix",
    title="<script>window.pwned = 1</script>JoyPix",
    versions=(
        version("v1.0", "2025-01-28", Severity.NONE),
        Version(
            label='<img src=x onerror="window.pwned = 2">',
            date="2026-03-17",
            sha256="0" * 64,
            source="privacy.md",
            file="javascript:window.pwned=3",
            severity=Severity.MAJOR,
            notice=True,
            summary=(
                "major · sharing expands · 5.b1: [click here](javascript:alert(1))",
                '<a href="javascript:alert(2)">go</a> <iframe src="https://evil.example/"></iframe>',
            ),
            redline="JaVaScRiPt:alert(4)",
        ),
    ),
    url="javascript:alert(5)",
    base="",
)


def _policy(tree: lxml_html.HtmlElement) -> dict[str, str]:
    (meta,) = tree.xpath("/html/head/meta[@http-equiv='Content-Security-Policy']")
    return dict(part.strip().split(" ", 1) for part in meta.get("content").split(";"))


def test_the_html_page_carries_the_redlines_strict_policy() -> None:
    tree = lxml_html.fromstring(render_history(PAGE, "html"))
    directives = _policy(tree)
    (style,) = tree.xpath("/html/head/style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode("utf-8")).digest()).decode("ascii")
    assert directives == {
        "default-src": "'none'",
        "style-src": f"'sha256-{digest}'",
        "script-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    # the same policy as the redline's, with no script to allow
    redline = content_security_policy("x", "y")
    assert [part.split()[0] for part in redline.split("; ")] == list(directives)
    # the meta comes first in <head>, before anything it should govern
    assert [element.tag for element in tree.xpath("/html/head/*")][:2] == ["meta", "meta"]
    assert tree.xpath("/html/head/meta[2]/@http-equiv") == ["Content-Security-Policy"]
    # a style attribute would need 'unsafe-inline': colours are classes
    assert not tree.xpath("//*[@style]")
    assert "url(" not in style.text and "@import" not in style.text


def test_hostile_policy_words_on_the_html_page_are_inert() -> None:
    page = render_history(HOSTILE_PAGE, "html")
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //img | //iframe | //object | //embed | //link | //form | //*[@src]")
    assert not [name for element in tree.iter() for name in element.attrib if name.lower().startswith("on")]
    hrefs = tree.xpath("//a/@href")
    assert hrefs == [
        "#v-2025-01-28--v1.0",
        '#v-2026-03-17--<img src=x onerror="window.pwned = 2">',  # an attribute value, escaped
        "versions/2025-01-28--v1.0.md",
    ]  # javascript: never becomes a link
    text = tree.text_content()
    assert "<script>window.pwned = 1</script>JoyPix" in text
    assert '<img src=x onerror="window.pwned = 2">' in text
    assert "[click here](javascript:alert(1))" in text and '<a href="javascript:alert(2)">go</a>' in text
    assert "javascript:alert(5)" in text  # the configured URL, shown but not linked
    assert "&lt;script&gt;" in page and "<script>" not in page


def test_the_html_page_in_a_browser_loads_and_runs_nothing_but_its_style(tmp_path: Path) -> None:
    path = tmp_path / "history.html"
    path.write_text(render_history(HOSTILE_PAGE, "html"), encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        requests: list[str] = []
        blocked: list[str] = []
        messages: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda request: blocked.append(f"{request.url} {request.failure}"))
        page.on("console", lambda message: messages.append(message.text))
        page.goto(path.as_uri(), wait_until="load")
        assert requests == [path.as_uri()] and messages == []
        assert page.evaluate("() => window.pwned") is None
        # its own style applies (the hash is right): a major badge is red
        badge = page.eval_on_selector(".badge.sev-major", "b => getComputedStyle(b).color")
        assert badge == "rgb(198, 40, 40)"
        # anything slipped in is blocked by the policy, not merely absent
        assert page.evaluate(PROBE) == ["img-src", "script-src-elem"]
        assert page.evaluate("() => window.pwned") is None
        assert blocked == ["http://127.0.0.1:9/pixel.png csp"]  # stopped by the policy, never sent
        page.close()


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
  script.textContent = "window.pwned = 6";
  document.body.append(script);
  setTimeout(() => resolve(blocked.sort()), 3000);
})"""
