"""Test helpers shared by the test modules: hand-built reports and golden-file comparison."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from policydiff.model import (
    Category,
    Change,
    ChangeKind,
    ChangeSide,
    Consent,
    Direction,
    Document,
    DocumentSummary,
    Edit,
    NoticeDecision,
    Op,
    Outline,
    Reason,
    Report,
    Severity,
    Side,
    Stats,
)
from policydiff.segment import segment
from policydiff.text import normalise

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
JOYPIX_OLD = FIXTURES / "joypix" / "privacy-v2.0.txt"
JOYPIX_NEW = FIXTURES / "joypix" / "privacy-v2.1.html"
JOYCLIP_OLD = FIXTURES / "joyclip" / "privacy-2026-01-03.txt"
JOYCLIP_NEW = FIXTURES / "joyclip" / "privacy-2026-04-01.md"
SHARED = ROOT.parent / "shared"
CORPUS = sorted((SHARED / "corpus" / "ota" / "pairs").glob("*/*.md"))


def corpus_pair_count() -> int:
    """How many pairs ``labels-dev.json`` lists: the corpus grows, so tests follow it, not a number."""
    labels = SHARED / "corpus" / "ota" / "labels-dev.json"
    return len(json.loads(labels.read_text(encoding="utf-8"))["pairs"])


# The seeds and the corpus live beside the checkout in the project's workspace, not in the
# repository: a clone elsewhere (a user's, GitHub's runner) skips the tests that read them.
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (seeds, corpus) is not beside this checkout"
)
HOSTILE = "<script>alert(1)</script> **bold** | pipe [red]boom[/red] \x1b[2J"

_update_golden = False


def set_update_golden(update: bool) -> None:
    """Called by conftest: whether ``assert_golden`` rewrites golden files instead of comparing."""
    global _update_golden
    _update_golden = update


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; show a unified diff on mismatch.

    With ``pytest --update-golden`` the file is (re)written instead.
    """
    path = GOLDEN / name
    if _update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(text)
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; run pytest --update-golden", pytrace=False)
    with path.open(encoding="utf-8", newline="") as file:
        expected = file.read()
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"golden/{name}",
            tofile="actual",
        )
        pytest.fail(
            f"{name} differs from its golden file (pytest --update-golden rewrites it):\n" + "".join(diff),
            pytrace=False,
        )


def side(path: str, heading: str | None, text: str, start: int = 0) -> ChangeSide:
    """A change side whose offsets span ``text`` from ``start``."""
    return ChangeSide(path=path, heading=heading, text=text, start=start, end=start + len(text))


def edits(*runs: tuple[str, str]) -> tuple[Edit, ...]:
    """Edits from ``(op, text)`` pairs, ``op`` one of "=", "+", "-"."""
    ops = {"=": Op.EQUAL, "+": Op.INSERT, "-": Op.DELETE}
    return tuple(Edit(ops[op], text) for op, text in runs)


def rebuild(change_edits: tuple[Edit, ...], which: Side) -> str:
    """The old or new text that a sequence of edits describes."""
    skip = Op.INSERT if which is Side.OLD else Op.DELETE
    return "".join(edit.text for edit in change_edits if edit.op is not skip)


COLLECT = "Information We Collect and How We Collect It"
USE = "How We Use Your Information"


def _ai_training() -> Change:
    change_edits = edits(
        ("=", "We "),
        ("-", "do not use"),
        ("+", "may use"),
        ("=", " your User Submissions"),
        ("+", ", including portraits and voice recordings,"),
        ("=", " to train "),
        ("+", "and improve "),
        ("=", "our AI models"),
        ("+", " and those of our partners"),
        ("=", ". Submissions are processed on secure cloud servers operated by our hosting provider."),
    )
    return Change(
        id="c3",
        kind=ChangeKind.MODIFIED,
        old=side("3.(2)", USE, rebuild(change_edits, Side.OLD), 2010),
        new=side("3.(2)", USE, rebuild(change_edits, Side.NEW), 2140),
        edits=change_edits,
        categories=(Category.AI, Category.SHARING),
        direction=Direction.EXPANDS,
        severity=Severity.MAJOR,
        reasons=(
            Reason("ai.training", "AI training on user content", "train and improve our AI models", Side.NEW),
            Reason("modal.promise_hedged", 'a promise is hedged: "do not" became "may"', "do not", Side.OLD),
            Reason("sharing.partners", "new recipients of personal data", "those of our partners", Side.NEW),
        ),
        consent=Consent(
            may_be_required=True,
            reasons=(
                "AI training on user content",
                "the widening applies to submissions already uploaded",
            ),
        ),
    )


def _biometric() -> Change:
    text = (
        "- Biometric Data: facial geometry derived from the portraits you upload, "
        "used to animate your avatar."
    )
    return Change(
        id="c1",
        kind=ChangeKind.ADDED,
        old=None,
        new=side("2.(5)", f"{COLLECT} › (5) Biometric Data", text, 1500),
        edits=edits(("+", text)),
        categories=(Category.COLLECTION,),
        direction=Direction.EXPANDS,
        severity=Severity.MAJOR,
        reasons=(
            Reason("collection.biometric", "new sensitive or biometric data", "facial geometry", Side.NEW),
        ),
        consent=Consent(may_be_required=True, reasons=("new sensitive or biometric data",)),
    )


def _cookies_moved() -> Change:
    text = (
        "You can refuse Cookies through browser/device settings, "
        "but this may cause some service functions to work improperly."
    )
    return Change(
        id="c2",
        kind=ChangeKind.MOVED,
        old=side("2.(3).p2", f"{COLLECT} › (3) Cookies and Tracking Technologies", text, 900),
        new=side("4.p2", "Cookies and Tracking Technologies", text, 2600),
        edits=edits(("=", text)),
    )


def _retention() -> Change:
    change_edits = edits(
        ("=", "We retain your Usage Data for "),
        ("-", "3 years"),
        ("+", "12 months"),
        ("=", " after your last login, then delete or anonymise it."),
    )
    return Change(
        id="c4",
        kind=ChangeKind.MODIFIED,
        old=side("5.(1)", "Data Retention", rebuild(change_edits, Side.OLD), 3100),
        new=side("5.(1)", "Data Retention", rebuild(change_edits, Side.NEW), 3250),
        edits=change_edits,
        categories=(Category.RETENTION,),
        direction=Direction.NARROWS,
        severity=Severity.MINOR,
        reasons=(Reason("retention.shorter", "personal data is kept for less time", "12 months", Side.NEW),),
    )


def _portability_removed() -> Change:
    text = "- You may request a copy of your personal data in a structured, machine-readable format."
    return Change(
        id="c5",
        kind=ChangeKind.REMOVED,
        old=side("6.(3)", "Your Rights", text, 3600),
        new=None,
        edits=edits(("-", text)),
        categories=(Category.RIGHTS,),
        direction=Direction.EXPANDS,
        severity=Severity.MAJOR,
        reasons=(Reason("rights.removed", "a right of the user is removed", "request a copy", Side.OLD),),
    )


def _security_split() -> Change:
    change_edits = edits(
        ("=", "We protect your data with encryption in transit and at rest"),
        ("-", " and review access every quarter"),
        ("=", "."),
    )
    return Change(
        id="c6",
        kind=ChangeKind.SPLIT,
        old=side("7", "Security", rebuild(change_edits, Side.OLD), 3900),
        new=side("7.p1", "Security", rebuild(change_edits, Side.NEW), 4010),
        edits=change_edits,
        categories=(Category.SECURITY,),
        direction=Direction.NEUTRAL,
        severity=Severity.MINOR,
        reasons=(
            Reason(
                "security.reworded",
                "the security measures are described differently",
                "review access",
                Side.OLD,
            ),
        ),
    )


def _typo() -> Change:
    change_edits = edits(
        ("=", "You will "),
        ("-", "recieve"),
        ("+", "receive"),
        ("=", " our reply within 15 business days."),
    )
    return Change(
        id="c7",
        kind=ChangeKind.MODIFIED,
        old=side("8.p1", "Contact Us", rebuild(change_edits, Side.OLD), 4200),
        new=side("8.p1", "Contact Us", rebuild(change_edits, Side.NEW), 4300),
        edits=change_edits,
    )


def _hostile_merged() -> Change:
    change_edits = edits(
        ("=", "Contact: "),
        ("+", HOSTILE + " "),
        ("=", "support@joypix.ai"),
        ("-", "\nPhone: +1 555 0100"),
    )
    return Change(
        id="c8",
        kind=ChangeKind.MERGED,
        old=side("8.p2", "Contact Us", rebuild(change_edits, Side.OLD), 4400),
        new=side("8.p2", "Contact Us | <b>Team</b>", rebuild(change_edits, Side.NEW), 4500),
        edits=change_edits,
        categories=(Category.CONTACT,),
        direction=Direction.NEUTRAL,
        severity=Severity.MINOR,
        reasons=(
            Reason("contact.changed", "the contact details change", "<script>alert(1)</script>", Side.NEW),
        ),
    )


def sample_changes() -> tuple[Change, ...]:
    """One change of every kind, in the order of the new document."""
    return (
        _biometric(),
        _cookies_moved(),
        _ai_training(),
        _retention(),
        _portability_removed(),
        _security_split(),
        _typo(),
        _hostile_merged(),
    )


def sample_report() -> Report:
    """A report built by hand: every kind, major changes with consent hints, an editorial move,
    a typo fix, and hostile text (HTML, Markdown, rich markup, an escape sequence) in one change."""
    changes = sample_changes()
    return Report(
        old=DocumentSummary(
            source="policies/joypix/versions/2025-09-01--v1.0.md",
            sha256="3f5a1c9e0b7d2f4a6c8e1b3d5f7a9c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a",
            title="JoyPix AI Privacy Policy",
            version="v1.0",
            date="2025-09-01",
            clauses=41,
        ),
        new=DocumentSummary(
            source="policies/joypix/versions/2026-03-17--v2.0.md",
            sha256="9b1d3f5a7c9e0b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d",
            title="JoyPix AI Privacy Policy",
            version="v2.0",
            date="2026-03-17",
            clauses=42,
        ),
        severity=Severity.MAJOR,
        notice=NoticeDecision(
            required=True,
            period_days=30,
            promised_days=30,
            reasons=(
                "c1: collection expands (new sensitive or biometric data)",
                "c3: ai expands (AI training on user content)",
                "c5: rights expands (a right of the user is removed)",
            ),
        ),
        changes=changes,
        stats=Stats(
            old_clauses=41,
            new_clauses=42,
            unchanged=34,
            words_inserted=40,
            words_deleted=32,
            by_kind=(
                ("added", 1),
                ("removed", 1),
                ("modified", 3),
                ("moved", 1),
                ("split", 1),
                ("merged", 1),
            ),
            by_severity=(("major", 3), ("minor", 3), ("editorial", 2)),
            by_category=(
                ("collection", 1),
                ("sharing", 1),
                ("retention", 1),
                ("rights", 1),
                ("security", 1),
                ("ai", 1),
                ("contact", 1),
            ),
        ),
    )


UNREAD = "no rule reads this change with confidence"


def as_review(report: Report, *ids: str) -> Report:
    """``report`` with the changes ``ids`` turned into ``review`` changes (substance no rule could
    read), its severity, notice decision and counts decided again the way ``compare`` decides them."""
    from dataclasses import replace

    from policydiff.classify import decide

    def unread(change: Change) -> Change:
        side = change.new or change.old
        trigger = side.text.split(".")[0] if side else ""
        reason = Reason("review.unread", UNREAD, trigger, Side.NEW if change.new else Side.OLD)
        neutral = replace(change, direction=Direction.NEUTRAL, consent=Consent())
        return replace(neutral, severity=Severity.REVIEW, reasons=(reason,))

    changes = tuple(unread(change) if change.id in ids else change for change in report.changes)
    severity, notice = decide(
        changes, period_days=report.notice.period_days, promise=report.notice.promise, texts_differ=True
    )
    counts = Counter(change.severity for change in changes)
    stats = replace(report.stats, by_severity=tuple((s.value, counts[s]) for s in Severity if counts[s]))
    return replace(report, severity=severity, notice=notice, changes=changes, stats=stats)


HOSTILE_HTML = (
    "<script>window.pwned = 1; alert('script')</script>"
    "<img src=x onerror=\"window.pwned = 2; alert('img')\">"
    "<a href=\"javascript:alert('link')\">click me</a>"
    "</style><style>body { display: none }</style>"
    '<svg onload="alert(\'svg\')"></svg><iframe src="https://example.com/"></iframe>'
    '<link rel="stylesheet" href="https://example.com/x.css">'
    "\"'><b onmouseover=alert(1)>"
)


def hostile_report() -> Report:
    """The sample report with HTML attacks wherever policy text reaches a page: clause texts,
    headings, paths, reasons, consent, notice reasons, titles, sources and a change id."""
    from dataclasses import replace

    attack_edits = edits(
        ("-", "Old words "), ("+", "New words "), ("=", HOSTILE_HTML), ("+", " " + HOSTILE_HTML)
    )
    attack = Change(
        id="c9\"><script>alert('id')</script>",
        kind=ChangeKind.MODIFIED,
        old=side(f"9.{HOSTILE_HTML}", HOSTILE_HTML, rebuild(attack_edits, Side.OLD), 5000),
        new=side(f"9.{HOSTILE_HTML}", HOSTILE_HTML, rebuild(attack_edits, Side.NEW), 5100),
        edits=attack_edits,
        categories=(Category.SHARING,),
        direction=Direction.EXPANDS,
        severity=Severity.MAJOR,
        reasons=(Reason("sharing.added", HOSTILE_HTML, HOSTILE_HTML, Side.NEW),),
        consent=Consent(may_be_required=True, reasons=(HOSTILE_HTML,)),
    )
    report = sample_report()
    return replace(
        report,
        old=replace(report.old, title=HOSTILE_HTML, source=HOSTILE_HTML),
        new=replace(report.new, version=HOSTILE_HTML, date=HOSTILE_HTML),
        notice=replace(report.notice, reasons=(*report.notice.reasons, HOSTILE_HTML)),
        changes=(*report.changes, attack),
    )


# --- documents built in memory, and the clause-tree invariants -------------------------------------


def document(raw: str, fmt: str = "markdown", source: str = "<test>") -> Document:
    """A ``Document`` as ``load`` would make it from ``raw`` (normalised), without a file."""
    text = normalise(raw).text
    return Document(source, text, raw, hashlib.sha256(text.encode("utf-8")).hexdigest(), fmt)


def outline_of(raw: str, fmt: str = "markdown") -> Outline:
    return segment(document(raw, fmt))


def outline_problems(outline: Outline) -> list[str]:
    """Every broken invariant of a clause tree (SPEC "segment"); empty when the tree is sound.

    Every non-space character of the text lies in exactly one leaf; ``text[start:end]`` is the
    clause's text; a section spans exactly its children, in order; paths are unique.
    """
    text = outline.document.text
    problems: list[str] = []
    paths = Counter(clause.path for clause in outline.walk())
    problems += [f"path {path!r} used {count} times" for path, count in paths.items() if count > 1]
    for clause in outline.walk():
        if not 0 <= clause.start <= clause.end <= len(text) or text[clause.start : clause.end] != clause.text:
            problems.append(f"{clause.path}: offsets [{clause.start}:{clause.end}] do not give its text")
        if clause.children:
            first, last = clause.children[0], clause.children[-1]
            if (clause.start, clause.end) != (first.start, last.end):
                problems.append(f"{clause.path}: does not span its children")
            ends = [child.end for child in clause.children[:-1]]
            starts = [child.start for child in clause.children[1:]]
            if any(end > start for end, start in zip(ends, starts, strict=True)):
                problems.append(f"{clause.path}: children overlap or are out of order")
    owner: dict[int, str] = {}
    for leaf in outline.leaves():
        for index in range(leaf.start, leaf.end):
            if index in owner:
                problems.append(f"character {index} is in {owner[index]} and {leaf.path}")
                break
            owner[index] = leaf.path
    lost = [i for i, char in enumerate(text) if not char.isspace() and i not in owner]
    if lost:
        problems.append(
            f"{len(lost)} characters in no leaf, first at {lost[0]}: {text[lost[0] : lost[0] + 40]!r}"
        )
    return problems


# --- generated policies: a small grammar of the blocks real policies are made of -------------------

WORDS = [
    *("we", "collect", "use", "share", "retain", "delete", "your", "personal", "data", "email", "address"),
    *("device", "identifiers", "location", "cookies", "partners", "advertising", "providers", "months"),
    *("years", "consent", "rights", "access", "request", "security", "children", "transfer", "purposes"),
    *("service", "account", "information", "may", "will", "not", "only", "with", "for", "the", "to", "of"),
    "and",
]


def _words(draw: st.DrawFn, low: int, high: int) -> list[str]:
    # one draw per run of words (not one per word) keeps generation fast; it shrinks to "we we we"
    seed = draw(st.integers(0, 2**32))
    chooser = random.Random(seed)
    return [WORDS[chooser.randrange(len(WORDS))] for _ in range(low + seed % (high - low + 1))]


@st.composite
def sentence(draw: st.DrawFn, tag: str = "") -> str:
    words = _words(draw, 3, 12)
    if tag:
        words.insert(draw(st.integers(0, len(words))), tag)
    end = draw(st.sampled_from([".", ".", ";", "!", ""]))
    return words[0].capitalize() + " " + " ".join(words[1:]) + end


@st.composite
def title(draw: st.DrawFn, tag: str = "") -> str:
    words = _words(draw, 1, 5)
    return " ".join(w.capitalize() for w in words) + (f" {tag}" if tag else "")


_HEADING_STYLES = ("atx", "setext", "num", "num2", "section", "paren", "alpha", "roman", "bold")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@st.composite
def heading(draw: st.DrawFn, number: int = 1, tag: str = "") -> str:
    name = draw(title(tag))
    style = draw(st.sampled_from(_HEADING_STYLES))
    number = max(1, min(number, 10))
    if style == "atx":
        return "#" * draw(st.integers(1, 6)) + " " + name
    if style == "setext":
        return name + "\n" + draw(st.sampled_from(["===", "-----"]))
    if style == "bold":
        return f"**{name}**"
    label = {
        "num": f"{number}.",
        "num2": f"{number}.{draw(st.integers(1, 9))}",
        "section": f"Section {number}",
        "paren": f"({number})",
        "alpha": f"({'abcdefghij'[number - 1]})",
        "roman": f"{_ROMAN[number - 1]}.",
    }[style]
    return f"{label} {name}"


@st.composite
def paragraph(draw: st.DrawFn, tag: str = "") -> str:
    lines = draw(st.lists(sentence(), min_size=1, max_size=3))
    if tag:
        lines[0] = draw(sentence(tag))
    return "\n".join(lines)


@st.composite
def bullets(draw: st.DrawFn, tag: str = "") -> str:
    marker = draw(st.sampled_from(["-", "*", "+", "1.", "(a)", "•"]))
    lines = []
    if draw(st.booleans()):
        lines.append(draw(sentence()).rstrip(".;!") + ":")  # a lead-in, "We do not share:"
    for index in range(draw(st.integers(1, 4))):
        label = marker.replace("1", str(index + 1)).replace("a", "abcd"[index])
        body = draw(sentence(tag if index == 0 else ""))
        if draw(st.booleans()):
            body = draw(title()) + draw(st.sampled_from([": ", ":"])) + body  # "Label: text"
        lines.append(f"{label} {body}")
        if draw(st.booleans()):
            lines.append("  " + draw(sentence()).lower())  # a continuation line
        if draw(st.booleans()):
            lines.append(f"  - {draw(sentence())}")  # a nested item
    return "\n".join(lines)


@st.composite
def table(draw: st.DrawFn, tag: str = "") -> str:
    columns = draw(st.integers(1, 3))
    header = [draw(title()) for _ in range(columns)]
    rows = [
        [draw(title(tag if r == 0 and c == 0 else "")) for c in range(columns)]
        for r in range(draw(st.integers(1, 3)))
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * columns]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


@st.composite
def definition(draw: st.DrawFn, tag: str = "") -> str:
    return draw(title()) + draw(st.sampled_from([": ", ":"])) + draw(sentence(tag))


def body_block(tag: str = "") -> st.SearchStrategy[str]:
    return st.one_of(paragraph(tag), bullets(tag), table(tag), definition(tag))


@st.composite
def policy_text(draw: st.DrawFn) -> str:
    """A policy-like document: headings of every style, paragraphs, lists, tables, definitions."""
    blocks = []
    for number in range(1, draw(st.integers(0, 12)) + 1):
        block = draw(st.one_of(heading(number), body_block()))
        separator = draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n"]))
        blocks.append(block + separator)
    return "".join(blocks)


@st.composite
def policy_sections(draw: st.DrawFn) -> list[str]:
    """Top-level sections (each a ``##`` heading and its body) whose clauses are all distinct.

    Each clause carries a unique tag word ("tag3"), so that two clauses never read alike and a
    test can tell a move from a pairing with a look-alike.
    """
    counter = iter(range(10_000))
    sections = []
    for _ in range(draw(st.integers(2, 6))):
        lines = [f"## {draw(title(f'tag{next(counter)}'))}"]
        for _ in range(draw(st.integers(1, 4))):
            lines.append(draw(st.one_of(paragraph(f"tag{next(counter)}"), definition(f"tag{next(counter)}"))))
        sections.append("\n\n".join(lines) + "\n")
    return sections


# --- archive, fetch and history: a project folder, policy texts and pages ---------------------------


def write_project(folder: Path, policies: str = '[[policy]]\nid = "p"\ntitle = "P Privacy Policy"\n') -> Path:
    """A ``policydiff.toml`` in ``folder`` with the given ``[[policy]]`` tables; returns its path."""
    config = folder / "policydiff.toml"
    config.write_text(f'[organization]\nname = "JoyPix LLC"\n\n{policies}', encoding="utf-8")
    return config


def small_policy(number: int, extra: str = "") -> str:
    """A short policy (about 60 words) that differs from the others by ``number``; ``extra`` is appended."""
    return (
        f"# Example Privacy Policy\n\n## 1. Data We Collect\n\nWe collect your email address and your "
        f"display name when you register for the service number {number}.\n\n## 2. Retention\n\n"
        f"We keep your account data for {number} months after you close your account, then delete it. "
        "We keep server logs for thirty days to protect the service against abuse and fraud.\n\n"
        f"## 3. Contact\n\nWrite to privacy@example.com with any question about this policy.\n{extra}"
    )


def policy_page(text: str, title: str = "Privacy Policy") -> str:
    """An HTML page as a site would serve it: header, cookie banner, the policy in ``<main>``, footer."""
    import html

    body = []
    for line in text.splitlines():
        if not line.strip():
            continue
        words = html.escape(line.strip())
        if line.startswith("- "):
            body.append(f"<ul><li>{words[2:]}</li></ul>")
        elif line.startswith("#"):
            body.append(f"<h2>{words.lstrip('# ')}</h2>")
        else:
            body.append(f"<p>{words}</p>")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header><main>"
        "<div class='cookie-banner'>We use cookies. <button>OK</button></div>"
        + "\n".join(body)
        + "</main><footer>© 2026 JoyPix LLC</footer></body></html>"
    )


@contextlib.contextmanager
def threaded_server() -> Iterator[HTTPServer]:
    """A local pytest-httpserver that answers requests in parallel (its default serves one at a time)."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


# --- the browser: Debian's chromium, headless, through Playwright ---------------------------------

CHROMIUM = os.environ.get("POLICYDIFF_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# ecosystem-notes §4: root needs --no-sandbox; without the background-networking flags Chromium
# keeps calling Google's hosts. Playwright adds --headless and a throw-away profile itself.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A launched Playwright browser; skipped without chromium unless POLICYDIFF_REQUIRE_BROWSER is set."""
    import importlib.util

    missing = (
        None if Path(CHROMIUM).is_file() else f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    )
    if missing is None and importlib.util.find_spec("playwright") is None:
        missing = "playwright is not installed"
    if missing and os.environ.get("POLICYDIFF_REQUIRE_BROWSER"):
        pytest.fail(f"POLICYDIFF_REQUIRE_BROWSER is set but {missing}", pytrace=False)
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


# The project the command tests (record, init, fetch) share: JoyPix with its page selectors, and "p".
COMMANDS_TODAY = dt.date(2026, 3, 17)
COMMANDS_NOW = dt.datetime(2026, 3, 17, 9, 30, tzinfo=dt.UTC)
JOYPIX_POLICY = """[[policy]]
id = "joypix"
title = "JoyPix AI Privacy Policy"
select = "main"
remove = [".cookie-banner"]
"""


def command_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of JoyPix and "p" in ``tmp_path``, made the working directory, errors logged there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    return write_project(tmp_path, JOYPIX_POLICY + '\n[[policy]]\nid = "p"\n')


def files_of(folder: Path) -> list[str]:
    """Every file below ``folder``, relative and sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def run_policydiff(
    project: Path, *args: str, github: bool = False, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m policydiff ARGS`` as a process in ``project``, errors logged there, outside (or,
    with ``github``, inside) a GitHub Actions job."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "POLICYDIFF_ERROR_LOG": str(project / "error.log")}
    env.pop("GITHUB_ACTIONS", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "policydiff", *args],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def run_main(args: Sequence[str]) -> tuple[int, str, str]:
    """Call ``policydiff.cli.main`` (the console script) with stdout and stderr captured apart."""
    from typer.testing import CliRunner

    from policydiff.cli import main

    with CliRunner().isolation() as (stdout, stderr, _):
        with pytest.raises(SystemExit) as done:
            main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        return int(done.value.code or 0), stdout.getvalue().decode(), stderr.getvalue().decode()


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` imported as a module, registered under its name so that
    its dataclasses resolve their module."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
