"""The JSON report, schema ``policydiff.diff/1`` (SPEC "JSON report"), written field by field.

Each function maps one model object to its JSON object with the keys in the SPEC's order, so
the output is a contract a reader can diff byte for byte, never an ``asdict`` dump. The
segment output, schema ``policydiff.segment/1``, and a notice set's ``notice.json``, schema
``policydiff.notice/1``, live here too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from policydiff.model import (
    Change,
    ChangeSide,
    Clause,
    Consent,
    DocumentSummary,
    Edit,
    NoticeDecision,
    Outline,
    Reason,
    Report,
    Stats,
)

if TYPE_CHECKING:
    from policydiff.records import NoticeChange, NoticePlan

DIFF_SCHEMA = "policydiff.diff/1"
SEGMENT_SCHEMA = "policydiff.segment/1"
NOTICE_SCHEMA = "policydiff.notice/1"


def render_json(report: Report) -> str:
    """The report as ``policydiff.diff/1`` JSON text, indented, ending with a newline."""
    return dumps(report_to_dict(report))


def dumps(value: Any) -> str:
    """Our one JSON style: UTF-8 text as is, two-space indent, a final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def report_to_dict(report: Report) -> dict[str, Any]:
    """The ``policydiff.diff/1`` object of a report."""
    return {
        "schema": DIFF_SCHEMA,
        "old": document_to_dict(report.old),
        "new": document_to_dict(report.new),
        "severity": report.severity.value,
        "notice": notice_to_dict(report.notice),
        "changes": [change_to_dict(change) for change in report.changes],
        "stats": stats_to_dict(report.stats),
    }


def document_to_dict(summary: DocumentSummary) -> dict[str, Any]:
    """One compared document: where it came from and how many clauses it has."""
    return {
        "source": summary.source,
        "sha256": summary.sha256,
        "title": summary.title,
        "version": summary.version,
        "date": summary.date,
        "clauses": summary.clauses,
    }


def notice_to_dict(notice: NoticeDecision) -> dict[str, Any]:
    """Whether advance notice is required, for how long, and why."""
    return {
        "required": notice.required,
        "pending_review": notice.pending_review,
        "period_days": notice.period_days,
        "promised_days": notice.promised_days,
        "reasons": list(notice.reasons),
    }


def change_to_dict(change: Change) -> dict[str, Any]:
    """One change with its sides, classification, reasons, consent hint and word edits."""
    return {
        "id": change.id,
        "kind": change.kind.value,
        "old": side_to_dict(change.old),
        "new": side_to_dict(change.new),
        "categories": [category.value for category in change.categories],
        "direction": change.direction.value,
        "severity": change.severity.value,
        "reasons": [reason_to_dict(reason) for reason in change.reasons],
        "consent": consent_to_dict(change.consent),
        "edits": [edit_to_list(edit) for edit in change.edits],
    }


def side_to_dict(side: ChangeSide | None) -> dict[str, Any] | None:
    """One side of a change (``None`` for the missing side of an added or removed clause)."""
    if side is None:
        return None
    return {"path": side.path, "heading": side.heading, "text": side.text}


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    """A reason without its span: the rule, what it says, the trigger words and their side."""
    return {"rule": reason.rule, "says": reason.says, "trigger": reason.trigger, "side": reason.side.value}


def consent_to_dict(consent: Consent) -> dict[str, Any]:
    """Whether opt-in consent may be required, and why."""
    return {"may_be_required": consent.may_be_required, "reasons": list(consent.reasons)}


def edit_to_list(edit: Edit) -> list[str]:
    """An edit as the pair ``[op, text]``."""
    return [edit.op.value, edit.text]


def stats_to_dict(stats: Stats) -> dict[str, Any]:
    """The counts, each ``by_*`` mapping in the order the report gives it."""
    return {
        "old_clauses": stats.old_clauses,
        "new_clauses": stats.new_clauses,
        "unchanged": stats.unchanged,
        "words_inserted": stats.words_inserted,
        "words_deleted": stats.words_deleted,
        "by_kind": dict(stats.by_kind),
        "by_severity": dict(stats.by_severity),
        "by_category": dict(stats.by_category),
    }


def render_segment_json(outline: Outline) -> str:
    """The clause tree as ``policydiff.segment/1`` JSON text, ending with a newline."""
    return dumps(outline_to_dict(outline))


def outline_to_dict(outline: Outline) -> dict[str, Any]:
    """The ``policydiff.segment/1`` object of a segmented document."""
    document = outline.document
    return {
        "schema": SEGMENT_SCHEMA,
        "source": document.source,
        "sha256": document.sha256,
        "text": document.text,
        "clauses": [clause_to_dict(clause) for clause in outline.clauses],
    }


def clause_to_dict(clause: Clause) -> dict[str, Any]:
    """One clause and, recursively, its children."""
    return {
        "path": clause.path,
        "kind": clause.kind.value,
        "heading": clause.heading_text,
        "start": clause.start,
        "end": clause.end,
        "text": clause.text,
        "children": [clause_to_dict(child) for child in clause.children],
    }


def notice_plan_to_dict(
    plan: NoticePlan,
    subjects: Mapping[str, str],
    locales: Sequence[str],
    files: Sequence[str],
    *,
    default_locale: str,
) -> dict[str, Any]:
    """``notice.json``: every value the notice templates used, the email's subject per locale, the files."""
    return {
        "schema": NOTICE_SCHEMA,
        "required": plan.required,
        "locales": list(locales),
        "files": [*files, "notice.json"],
        "publish_date": plan.publish_date,
        "effective_date": plan.effective_date,
        "earliest_effective_date": plan.earliest_effective_date,
        "publish_date_text": plan.publish_date_text,
        "effective_date_text": plan.effective_date_text,
        "period": {"days": plan.period_days, "source": plan.period_source},
        "organization": _organization_to_dict(plan),
        "email": _email_to_dict(plan, subjects, locales, default_locale),
        "policy": _policy_to_dict(plan),
        "consent": {"needed": plan.consent_needed, "url": plan.consent_url},
        "actions": [{"key": a.key, "label": a.label, "url": a.url} for a in plan.actions],
        "changes": [notice_change_to_dict(c) for c in plan.changes],
        "other_changes": [notice_change_to_dict(c) for c in plan.other_changes],
        "editorial_count": plan.editorial_count,
    }


def _organization_to_dict(plan: NoticePlan) -> dict[str, Any]:
    return {
        "name": plan.organization,
        "product": plan.product,
        "contact": plan.contact,
        "contact_url": plan.contact_url,
        "website": plan.website,
    }


def _email_to_dict(
    plan: NoticePlan, subjects: Mapping[str, str], locales: Sequence[str], default_locale: str
) -> dict[str, Any]:
    return {
        "from": plan.sender,
        "subject": subjects.get(default_locale, plan.subject),
        "subjects": {locale: subjects[locale] for locale in locales if locale in subjects},
    }


def _policy_to_dict(plan: NoticePlan) -> dict[str, Any]:
    return {
        "title": plan.policy_title,
        "old": document_to_dict(plan.old),
        "new": document_to_dict(plan.new),
        "url": plan.policy_url,
        "redline_url": plan.redline_url,
        "history_url": plan.history_url,
    }


def notice_change_to_dict(change: NoticeChange) -> dict[str, Any]:
    """One change as a notice states it: where, the summary, the rules, and the wording as marked runs."""
    return {
        "id": change.id,
        "kind": change.kind,
        "severity": change.severity,
        "path": change.path,
        "old_path": change.old_path,
        "clause": change.clause,
        "summary": change.summary,
        "rules": list(change.rules),
        "categories": list(change.categories),
        "topics": list(change.topics),
        "old": change.old_quote,
        "new": change.new_quote,
        "old_runs": [[changed, text] for changed, text in change.old_runs],
        "new_runs": [[changed, text] for changed, text in change.new_runs],
        "consent": {
            "may_be_required": change.consent,
            "reasons": list(change.consent_reasons),
            "url": change.consent_url,
        },
    }
