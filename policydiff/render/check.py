"""A ``check`` run, rendered: a rich table, a Markdown job summary, a JSON run record, CI annotations."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from policydiff.model import Change, Severity
from policydiff.records import Pending, PolicyCheck
from policydiff.render.common import review_command, review_hint, where
from policydiff.render.json_report import dumps

SCHEMA = "policydiff.check/1"
_SYMBOL = {
    "major": "▲ major",
    "review": "■ pending review",  # no major change, but one a lawyer must decide before "no notice"
    "minor": "△ minor",
    "editorial": "· editorial",
    "none": "none",
}


def _pending(check: PolicyCheck) -> int:
    """How many of the run's changes wait for a lawyer's decision."""
    return check.report.notice.pending_review if check.report else 0


def pending_lines(checks: Sequence[PolicyCheck]) -> list[str]:
    """One block per pending version: what is missing, and the commands that settle it."""
    lines: list[str] = []
    for item in (p for check in checks for p in check.pending):
        lines.append(f"PENDING {_pending_title(item)}: {item.why}")
        lines += [f"    {command}" for command in item.clear]
    return lines


def _pending_title(item: Pending) -> str:
    return f"{item.policy} {item.version.label} ({item.version.date}, {item.severity.value})"


def _row(entry: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    return (
        entry["policy"],
        _entry_versions(entry),
        _entry_status(entry),
        _entry_categories(entry),
        _entry_notice(entry),
    )


def _entry_versions(entry: Mapping[str, Any]) -> str:
    if entry["status"] == "failed":
        return "—"
    old, new = entry["old"], entry["new"]
    if old is None:
        return new or "—"
    return f"{old} → {new}" if new else old


def _entry_status(entry: Mapping[str, Any]) -> str:
    if entry["status"] == "failed":
        return f"failed: {entry['error']}"
    return {"first": "first version recorded", "unchanged": "no new version"}.get(
        entry["status"], _SYMBOL[entry["severity"]]
    )


def _entry_categories(entry: Mapping[str, Any]) -> str:
    counts = Counter(
        change["categories"][0] if change["categories"] else "other"
        for change in entry["changes"]
        if Severity(change["severity"]).rank >= Severity.MINOR.rank
    )
    return ", ".join(f"{name} {count}" for name, count in counts.most_common())


def _entry_notice(entry: Mapping[str, Any]) -> str:
    pending = entry["pending_review"]
    waiting = f"{pending} change{'' if pending == 1 else 's'} pending review" if pending else ""
    if entry["effective_date"]:
        return f"yes, effective {entry['effective_date']} at the earliest" + (
            f"; {waiting}" if waiting else ""
        )
    if entry["notice_required"]:
        return "yes: NOT DRAFTED (pending, see below)"
    if waiting:
        return f"undecided: {waiting}"
    if entry["pending"]:
        return f"earlier version{'' if len(entry['pending']) == 1 else 's'} pending (see below)"
    return "no" if entry["status"] != "failed" else "—"


_HEADERS = ("policy", "versions", "severity", "changes (minor and up) by category", "notice needed")


def render_check_text(checks: Sequence[PolicyCheck], *, color: bool = False, width: int = 100) -> str:
    """The run as a rich table, then one line per material change and per stale review."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        width=width, color_system="standard" if color else None, record=True, file=io.StringIO()
    )
    table = Table(*_HEADERS, title="policydiff check", title_justify="left")
    for row in (_row(_entry(check)) for check in checks):
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    for line in _detail_lines(checks):
        console.print(Text(line))
    pending = pending_lines(checks)
    if pending:
        console.print(Text(f"\n{len(pending_items(checks))} pending: check exits 1 until each is settled"))
        for line in pending:
            console.print(Text(line))
    return console.export_text(styles=color)


def pending_items(checks: Sequence[PolicyCheck]) -> list[Pending]:
    return [item for check in checks for item in check.pending]


def _detail_lines(checks: Sequence[PolicyCheck]) -> list[str]:
    lines: list[str] = []
    for check in checks:
        if check.report is not None:
            for change in check.report.changes:
                if not _listed(change):
                    continue
                says = change.reasons[0].says if change.reasons else change.kind.value
                lines.append(f"{check.policy} {change.id} {change.severity.value} {where(change)}: {says}")
                if _reviewed(change) and len(change.reasons) > 1:
                    lines.append(f"    rule: {change.reasons[1].rule}: {change.reasons[1].says}")
                if change.severity is Severity.REVIEW:
                    lines.append(f"    {review_hint(change, check.policy)}")
        if check.folder is not None and check.error is None:
            lines.append(f"{check.policy}: notice drafts and redline in {check.folder}")
        elif check.error is not None and check.status != "failed":
            lines.append(f"{check.policy}: {check.error}")
        lines += [f"{check.policy}: {note}" for note in check.notes]
        for review in check.stale:
            lines.append(
                f"{check.policy}: stale review {review.fingerprint} by {review.by} on {review.date}"
                f" ({review.path}): its change no longer exists"
            )
    return lines


def _reviewed(change: Change) -> bool:
    return bool(change.reasons) and change.reasons[0].rule == "review"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").split())


def render_check_markdown(checks: Sequence[PolicyCheck]) -> str:
    """GitHub-flavoured Markdown for ``$GITHUB_STEP_SUMMARY``: the table, then every material change."""
    return markdown_from_record(record_data(checks, 0, ""))


def markdown_from_record(record: Mapping[str, Any]) -> str:
    """The step summary of a run record (one run's, or shards' merged by ``merge_records``)."""
    entries = list(record["policies"])
    out = ["## policydiff check", "", "| " + " | ".join(_HEADERS) + " |", "|" + "---|" * len(_HEADERS)]
    out += ["| " + " | ".join(_cell(cell) for cell in _row(entry)) + " |" for entry in entries]
    items = list(record.get("pending", []))
    if items:
        out += ["", f"### Pending ({len(items)}): check exits 1 until each is settled", ""]
        for item in items:
            title = f"{item['policy']} {item['version']} ({item['date']}, {item['severity']})"
            out.append(f"- **{_cell(title)}**: {_cell(item['why'])}")
            out += [f"  - `{command}`" for command in item["clear"]]
    for entry in entries:
        policy = _cell(entry["policy"])
        if entry["changes"]:
            out += ["", f"### {policy}: {_cell(_entry_versions(entry))}", ""]
            for change in entry["changes"]:
                categories = ", ".join(change["categories"]) or "other"
                out.append(
                    f"- **{change['severity']}** · {categories} {change['direction']} · "
                    f"`{change['id']}` {_cell(change['where'])}: {_cell(change['says'])}"
                )
                if change.get("rule"):
                    out.append(f"  - rule `{change['rule']['id']}`: {_cell(change['rule']['says'])}")
                if change.get("decide"):
                    out.append(f"  - a lawyer must decide: `{change['decide']}`")
        if entry["notices"] is not None and entry["error"] is None:
            out += ["", f"Notice drafts and redline: `{entry['notices']}`"]
        out += [f"- {policy}: {_cell(note)}" for note in entry["notes"]]
        for review in entry["stale"]:
            out.append(
                f"- stale review `{review['fingerprint']}` by {_cell(review['by'])} on {review['date']}: "
                "change gone"
            )
        if entry["error"] is not None:
            label = "failed" if entry["status"] == "failed" else "needs attention"
            out += ["", f"**{policy} {label}:** {_cell(entry['error'])}"]
    return "\n".join(out) + "\n"


def check_record(checks: Sequence[PolicyCheck], exit_code: int, ran_at: str) -> str:
    """The machine-readable run record: one entry per policy, linking the files written."""
    return dumps(record_data(checks, exit_code, ran_at))


def record_data(checks: Sequence[PolicyCheck], exit_code: int, ran_at: str) -> dict[str, Any]:
    """The run record as data (schema ``policydiff.check/1``): everything the summary shows."""
    return {
        "schema": SCHEMA,
        "ran_at": ran_at,
        "exit_code": exit_code,
        "pending": [_pending_entry(item) for item in pending_items(checks)],
        "policies": [_entry(c) for c in checks],
    }


def _pending_entry(item: Pending) -> dict[str, Any]:
    return {
        "policy": item.policy,
        "version": item.version.label,
        "date": item.version.date,
        "previous": item.previous.label,
        "severity": item.severity.value,
        "why": item.why,
        "awaiting_review": list(item.awaiting),
        "clear": list(item.clear),
    }


def _entry(check: PolicyCheck) -> dict[str, Any]:
    folder = check.folder
    return {
        "policy": check.policy,
        "position": check.position,
        "source": check.source,
        "status": check.status,
        "old": check.old.label if check.old else None,
        "new": check.new.label if check.new else None,
        "severity": check.severity.value,
        "notice_required": bool(check.report and check.report.notice.required),
        # without a major change, a pending review leaves the notice decision open: not "no notice"
        "pending_review": _pending(check),
        "effective_date": check.effective_date,
        "notices": str(folder) if folder else None,
        "report": str(folder / "report.json") if folder else None,
        "redline": str(folder / "redline.html") if folder else None,
        "changes": [
            _change_entry(c, check.policy)
            for c in (check.report.changes if check.report else ())
            if _listed(c)
        ],
        "stale_reviews": [r.fingerprint for r in check.stale],
        "stale": [
            {"fingerprint": r.fingerprint, "by": r.by, "date": r.date, "path": r.path} for r in check.stale
        ],
        "pending": [item.version.label for item in check.pending],
        "notes": list(check.notes),
        "error": check.error,
        "exit_code": check.exit_code if check.error else 0,
    }


def _changes(check: PolicyCheck) -> tuple[Change, ...]:
    return check.report.changes if check.report else ()


def _listed(change: Change) -> bool:
    """Whether a change is listed on its own: minor and up, or decided by a review."""
    return change.severity.rank >= Severity.MINOR.rank or _reviewed(change)


def _change_entry(change: Change, policy: str) -> dict[str, Any]:
    side = change.new or change.old
    entry: dict[str, Any] = {
        "id": change.id,
        "severity": change.severity.value,
        "categories": [category.value for category in change.categories],
        "direction": change.direction.value,
        "path": side.path if side else None,
        "where": where(change),
        "says": change.reasons[0].says if change.reasons else "",
        "reviewed": _reviewed(change),
    }
    if _reviewed(change) and len(change.reasons) > 1:  # the rule's own reading, under the lawyer's
        entry["rule"] = {"id": change.reasons[1].rule, "says": change.reasons[1].says}
    if change.severity is Severity.REVIEW:
        entry["decide"] = review_command(change, policy)
    return entry


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# the changes a CI job is warned of, and the title of each warning
_ANNOTATED = {Severity.MAJOR: "Material change", Severity.REVIEW: "Change a lawyer must decide"}


def annotation_lines(checks: Sequence[PolicyCheck], archive: Path) -> list[str]:
    """A ``::warning`` workflow command per major or review change, at its line of the new version."""
    lines = []
    for item in pending_items(checks):
        file = archive / item.policy / item.version.file
        title = f"Pending {item.severity.value} change in {item.policy}"
        message = f"{item.version.label} ({item.version.date}): {item.why}; settle it with: {item.clear[0]}"
        where_ = f"file={_escape_property(str(file))},title={_escape_property(title)}"
        lines.append(f"::error {where_}::" + _escape_data(message))
    for check in checks:
        if check.report is None or check.new is None:
            continue
        file = archive / check.policy / check.new.file
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        for change in check.report.changes:
            if change.severity not in _ANNOTATED:
                continue
            side = change.new or change.old
            assert side is not None
            line = text.count("\n", 0, side.start) + 1 if change.new and text else 1
            title = f"{_ANNOTATED[change.severity]} in {check.policy}"
            says = change.reasons[0].says if change.reasons else change.kind.value
            message = f"{where(change)}: {says} (change {change.id})"
            if change.severity is Severity.REVIEW:
                message += f"; {review_hint(change, check.policy)}"
            lines.append(
                f"::warning file={_escape_property(str(file))},line={line},title={_escape_property(title)}::"
                + _escape_data(message)
            )
    return lines
