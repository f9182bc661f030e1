"""Classifier cases: one short old/new pair per materiality cue, read from ``tests/cases/*.yaml``.

Each case names the verdict a lawyer applying ``corpus/LABELING.md`` would give: severity,
direction, primary category, a rule id (or prefix) expected among the reasons, and
optionally whether consent may be required. Keys are checked when the files are loaded, so
a typo in a case is a collection error, not a silently weaker test.

Optional keys: ``context`` (heading trail, list lead-in or table header, both sides),
``old_context`` / ``new_context`` (one side each), ``moved`` (the clause moved),
``renames`` (``[[old, new], ...]`` names changed throughout the document), ``old_document``
(the rest of the old version, whose words tell what it already named), ``heading`` (the clause
is a heading), ``note``, and
``xfail: "why"`` for a case whose expected label is itself uncertain (strict).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from policydiff.classify import DocumentContext, Subject, Verdict, classify, default_rulebook, defined_term
from policydiff.classify.context import document_context
from policydiff.diff import word_edits
from policydiff.load import load_bytes
from policydiff.model import Category, ChangeKind, Direction, Severity
from policydiff.segment import segment
from policydiff.text import fold, normalise

CASES_DIR = Path(__file__).parent / "cases"

REQUIRED = frozenset({"id", "rule", "old", "new", "severity"})
OPTIONAL = frozenset(
    {"category", "direction", "consent", "context", "old_context", "new_context"}
    | {"moved", "renames", "xfail", "note", "uses", "old_document", "heading"}
)
SEVERITIES = {s.value for s in Severity} - {Severity.NONE.value}
DIRECTIONS = {d.value for d in Direction}
CATEGORIES = {c.value for c in Category}


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    rule: str
    old: str
    new: str
    severity: str
    direction: str | None
    category: str | None
    consent: bool | None
    old_context: str
    new_context: str
    moved: bool
    renames: tuple[tuple[str, str], ...]
    xfail: str | None
    uses: tuple[str, ...] = ()  # a definition: the categories of the clauses that use its term
    old_document: str = ""  # the rest of the old version: the words it already used
    heading: bool = False


class CaseError(ValueError):
    """A malformed case file: reported at collection, naming the file and the case."""


def _string(raw: dict[str, Any], key: str, where: str, *, allow_empty: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise CaseError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise CaseError(f"{where}: {key!r} must not be empty")
    return value


def _case(raw: object, file: str, index: int) -> Case:
    where = f"{file} case #{index + 1}"
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: a case must be a mapping")
    where = f"{file} case {raw.get('id', f'#{index + 1}')!r}"
    unknown = set(raw) - REQUIRED - OPTIONAL
    if unknown:
        raise CaseError(f"{where}: unknown keys {sorted(unknown)}")
    missing = REQUIRED - set(raw)
    if missing:
        raise CaseError(f"{where}: missing keys {sorted(missing)}")
    case_id = _string(raw, "id", where, allow_empty=False)
    old, new = _string(raw, "old", where), _string(raw, "new", where)
    if not old.strip() and not new.strip():
        raise CaseError(f"{where}: 'old' and 'new' are both empty")
    severity = _string(raw, "severity", where)
    if severity not in SEVERITIES:
        raise CaseError(f"{where}: severity {severity!r} is not one of {sorted(SEVERITIES)}")
    direction = raw.get("direction")
    # a review verdict has no direction to check: no rule could read one
    if direction is None and severity not in (Severity.EDITORIAL.value, Severity.REVIEW.value):
        raise CaseError(f"{where}: 'direction' is required unless severity is editorial or review")
    if direction is not None and direction not in DIRECTIONS:
        raise CaseError(f"{where}: direction {direction!r} is not one of {sorted(DIRECTIONS)}")
    category = raw.get("category")
    if category is not None and category not in CATEGORIES:
        raise CaseError(f"{where}: category {category!r} is not one of {sorted(CATEGORIES)}")
    if category is not None and severity == Severity.EDITORIAL.value:
        raise CaseError(f"{where}: an editorial case has no category")
    consent = raw.get("consent")
    if consent is not None and not isinstance(consent, bool):
        raise CaseError(f"{where}: 'consent' must be true or false")
    moved = raw.get("moved", False)
    if not isinstance(moved, bool):
        raise CaseError(f"{where}: 'moved' must be true or false")
    if "context" in raw and ("old_context" in raw or "new_context" in raw):
        raise CaseError(f"{where}: give 'context' or 'old_context'/'new_context', not both")
    context = _string(raw, "context", where)
    renames_raw = raw.get("renames", [])
    if not isinstance(renames_raw, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(name, str) for name in pair)
        for pair in renames_raw
    ):
        raise CaseError(f"{where}: 'renames' must be a list of [old, new] string pairs")
    uses = raw.get("uses", [])
    if not isinstance(uses, list) or not all(u in CATEGORIES for u in uses):
        raise CaseError(f"{where}: 'uses' must be a list of categories")
    xfail = raw.get("xfail")
    if xfail is not None and (not isinstance(xfail, str) or not xfail.strip()):
        raise CaseError(f"{where}: 'xfail' must be a non-empty reason")
    _string(raw, "note", where)
    return Case(
        id=case_id,
        file=file,
        rule=_string(raw, "rule", where, allow_empty=False),
        old=old,
        new=new,
        severity=severity,
        direction=direction,
        category=category,
        consent=consent,
        old_context=_string(raw, "old_context", where) or context,
        new_context=_string(raw, "new_context", where) or context,
        moved=moved,
        renames=tuple((fold(a), fold(b)) for a, b in renames_raw),
        xfail=xfail,
        uses=tuple(uses),
        old_document=_string(raw, "old_document", where),
        heading=raw.get("heading") is True,
    )


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise CaseError(f"{path.name}: the file must hold a list of cases")
        cases.extend(_case(raw, path.name, index) for index, raw in enumerate(data))
    if not cases:
        raise CaseError(f"no cases found in {directory}")
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise CaseError(f"{case.file}: duplicate case id {case.id!r}")
        seen.add(case.id)
    return cases


def subject_of(case: Case) -> Subject:
    old, new = normalise(case.old).text, normalise(case.new).text
    if case.moved:
        kind = ChangeKind.MOVED
    elif not old.strip():
        kind = ChangeKind.ADDED
    elif not new.strip():
        kind = ChangeKind.REMOVED
    else:
        kind = ChangeKind.MODIFIED
    return Subject(
        kind=kind,
        old=old,
        new=new,
        edits=word_edits(old, new),
        old_context=normalise(case.old_context).text,
        new_context=normalise(case.new_context).text,
        moved=case.moved,
        # a context given to a case is the list lead-in or table header the clause is read under
        lead=normalise(case.new_context or case.old_context).text,
        defines=(defined_term(new) or defined_term(old) or "") if case.uses else "",
        term_categories=tuple(Category(u) for u in case.uses),
        heading=case.heading,
    )


def judge(case: Case) -> Verdict:
    subject, rulebook = subject_of(case), default_rulebook()
    context = DocumentContext(renames=frozenset(case.renames))
    if case.old_document:
        # the pair's own reading of the old version: the words it used and the data it disclosed
        text = f"{case.old_document}\n\n{case.old}".encode()
        outline = segment(load_bytes(text, "old.md"))
        context = replace(document_context([subject], outline, rulebook), renames=context.renames)
    return classify(subject, rulebook, context=context)


def describe(verdict: Verdict) -> str:
    return (
        f"{verdict.severity.value}/{verdict.direction.value}"
        f" categories={[c.value for c in verdict.categories]}"
        f" rules={[r.rule for r in verdict.reasons]}"
        f" consent={verdict.consent.may_be_required}"
    )


def mismatches(case: Case, verdict: Verdict) -> list[str]:
    problems: list[str] = []
    if verdict.severity.value != case.severity:
        problems.append(f"severity {case.severity} != {verdict.severity.value}")
    direction = case.direction or Direction.NEUTRAL.value
    if verdict.direction.value != direction:
        problems.append(f"direction {direction} != {verdict.direction.value}")
    if case.category is not None:
        first = verdict.categories[0].value if verdict.categories else None
        if first != case.category:
            problems.append(f"category {case.category} != {first}")
    elif case.severity == Severity.EDITORIAL.value and verdict.categories:
        problems.append(f"categories [] != {[c.value for c in verdict.categories]}")
    if not any(r.rule == case.rule or r.rule.startswith(case.rule) for r in verdict.reasons):
        problems.append(f"rule {case.rule} not among {[r.rule for r in verdict.reasons]}")
    if case.consent is not None and verdict.consent.may_be_required is not case.consent:
        problems.append(f"consent {case.consent} != {verdict.consent.may_be_required}")
    return problems


CASES = load_cases()


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case) -> None:
    verdict = judge(case)
    problems = mismatches(case, verdict)
    assert not problems, f"{case.file}:{case.id}: {'; '.join(problems)}\n  got {describe(verdict)}"


def test_case_files_are_validated(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "- id: typo\n  rule: cue.\n  old: a\n  new: b\n  severity: minor\n"
        "  direction: neutral\n  categroy: other\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseError, match="unknown keys"):
        load_cases(tmp_path)


def test_xfail_cases_are_strict() -> None:
    case = _case(
        {"id": "x", "rule": "editorial.", "old": "a", "new": "b", "severity": "editorial", "xfail": "why"},
        "inline",
        0,
    )
    (mark,) = _param(case).marks
    assert mark.name == "xfail" and mark.kwargs == {"strict": True, "reason": "why"}
