"""Test helpers shared by the test modules: hand-built reports and golden-file comparison."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from policydiff.model import (
    Category,
    Change,
    ChangeKind,
    ChangeSide,
    Consent,
    Direction,
    DocumentSummary,
    Edit,
    NoticeDecision,
    Op,
    Reason,
    Report,
    Severity,
    Side,
    Stats,
)

GOLDEN = Path(__file__).parent / "golden"
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
