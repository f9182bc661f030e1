"""policydiff.review: decisions kept by fingerprint, applied to later reports, stale ones found."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import document

from policydiff.compare import compare
from policydiff.errors import InputError
from policydiff.model import Report, Severity
from policydiff.review import (
    REVIEW_RULE,
    Review,
    apply_reviews,
    base_id,
    make_review,
    read_reviews,
    reviewed_changes,
    stale_reviews,
    with_review,
    write_reviews,
)

OLD = """# Privacy Policy

## 1. Retention

We keep account data for 6 months after you close your account.

## 2. Contact

Write to privacy@example.com with any question.
"""
NEW = OLD.replace("6 months", "24 months")


def report_of(old: str, new: str) -> Report:
    return compare(document(old), document(new))


def review_of(report: Report, severity: Severity = Severity.EDITORIAL) -> Review:
    return make_review(
        report.changes[0], severity, "the backup window, not the account data", "A. Lawyer", "2026-11-23"
    )


def test_a_review_lowers_a_major_change_and_drops_the_notice() -> None:
    report = report_of(OLD, NEW)
    assert report.severity is Severity.MAJOR and report.notice.required
    reviewed = apply_reviews(report, [review_of(report)])
    (change,) = reviewed.changes
    assert change.severity is Severity.EDITORIAL
    assert change.reasons[0].rule == REVIEW_RULE
    assert change.reasons[0].says.startswith(
        "reviewed by A. Lawyer on 2026-11-23: editorial because the backup"
    )
    assert change.reasons[1:] == report.changes[0].reasons  # the rule's reason stays visible
    assert reviewed.severity is Severity.EDITORIAL and not reviewed.notice.required
    assert dict(reviewed.stats.by_severity) == {"editorial": 1}
    assert reviewed_changes(reviewed) == reviewed.changes


def test_a_review_can_raise_a_change_to_major() -> None:
    new = OLD.replace("with any question", "with any question you have")
    report = report_of(OLD, new)
    assert report.severity is not Severity.MAJOR
    reviewed = apply_reviews(report, [review_of(report, Severity.MAJOR)])
    assert reviewed.severity is Severity.MAJOR and reviewed.notice.required
    assert reviewed.notice.reasons[0].startswith("2.p1: reviewed by A. Lawyer")


def test_the_same_change_between_other_versions_gets_the_same_decision() -> None:
    review = review_of(report_of(OLD, NEW))
    moved_elsewhere = "# Privacy Policy\n\nIntro text that was added later on.\n\n" + OLD.split("\n", 2)[2]
    later = report_of(moved_elsewhere, moved_elsewhere.replace("6 months", "24 months"))
    assert apply_reviews(later, [review]).severity is Severity.EDITORIAL


def test_unreviewed_reports_are_returned_as_they_are() -> None:
    report = report_of(OLD, NEW)
    assert apply_reviews(report, []) is report
    other = make_review(report_of(OLD, OLD + "\nMore.\n").changes[0], Severity.MAJOR, "x", "B", "2026-01-01")
    assert apply_reviews(report, [other]) is report


def test_reviews_round_trip_and_replace_earlier_decisions(tmp_path: Path) -> None:
    path = tmp_path / "policies" / "acme" / "reviews.json"
    assert read_reviews(path) == ()
    first = review_of(report_of(OLD, NEW))
    second = Review(**{**{f: getattr(first, f) for f in first.__slots__}, "severity": Severity.MINOR})  # type: ignore[arg-type]
    write_reviews(path, with_review([], first))
    write_reviews(path, with_review(read_reviews(path), second))
    assert read_reviews(path) == (second,)
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "policydiff.reviews/1"
    assert [p.name for p in path.parent.iterdir()] == ["reviews.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not valid JSON"),
        ('{"reviews": []}', "not a reviews file"),
        ('{"schema": "policydiff.reviews/1", "reviews": [{"fingerprint": "xyz"}]}', "reviews[0].fingerprint"),
        (
            '{"schema": "policydiff.reviews/1", "reviews": [{"fingerprint": "0123abcd", "severity": "huge",'
            ' "date": "2026-01-01"}]}',
            "reviews[0].severity",
        ),
    ],
)
def test_a_damaged_reviews_file_is_named(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_reviews(path)
    assert str(path) in raised.value.message and problem in raised.value.message


def test_make_review_needs_a_reason_and_a_name() -> None:
    change = report_of(OLD, NEW).changes[0]
    with pytest.raises(InputError, match="--because"):
        make_review(change, Severity.MINOR, "  ", "A", "2026-01-01")
    with pytest.raises(InputError, match="--by"):
        make_review(change, Severity.MINOR, "ok", "", "2026-01-01")
    with pytest.raises(InputError, match="--as"):
        make_review(change, Severity.NONE, "ok", "A", "2026-01-01")


def test_stale_reviews() -> None:
    report = report_of(OLD, NEW)
    review = review_of(report)
    assert base_id(report.changes[0].id) == review.fingerprint
    assert stale_reviews([review], report, NEW) == ()  # the change is in the report
    nothing_new = report_of(NEW, NEW)
    assert stale_reviews([review], nothing_new, NEW) == ()  # its wording still stands
    rewritten = NEW.replace("24 months", "36 months")
    assert stale_reviews([review], report_of(NEW, rewritten), rewritten) == (review,)


PROMISING = OLD.replace(
    "## 2. Contact",
    "## 2. Changes to this policy\n\n"
    "We will notify you of material changes 45 days in advance.\n\n## 3. Contact",
)


def test_a_reviewed_report_keeps_the_clause_that_promised_the_notice_period() -> None:
    report = report_of(PROMISING, PROMISING.replace("6 months", "24 months").replace("Write", "Please write"))
    assert report.notice.promised_days == 45 and report.notice.promised_path is not None
    contact = next(c for c in report.changes if c.severity is not Severity.MAJOR)
    reviewed = apply_reviews(report, [review_of(replace(report, changes=(contact,)), Severity.MINOR)])
    assert reviewed.notice.required  # the retention change still needs notice
    assert reviewed.notice.promised_days == 45
    assert reviewed.notice.promised_path == report.notice.promised_path
    assert reviewed.notice.period_days == report.notice.period_days
