"""Judge every change of a pair: read the pair's context once, then each change with it."""

from __future__ import annotations

from collections.abc import Sequence

from policydiff.classify.context import TermUses, document_context, with_definition
from policydiff.classify.engine import DEFAULT_MAJOR, Subject, Verdict, classify
from policydiff.classify.rulebook import RuleBook
from policydiff.model import Category, Direction, Outline

__all__ = ["judge_changes"]


def judge_changes(
    subjects: Sequence[tuple[Subject, int | None]],
    old_outline: Outline,
    new_outline: Outline,
    rulebook: RuleBook,
    major: frozenset[tuple[Category, Direction]] = DEFAULT_MAJOR,
) -> list[Verdict]:
    """A verdict per change; each subject comes with its new clause's start (None when removed)."""
    uses = TermUses(new_outline)
    read = [with_definition(subject, start, uses, rulebook) for subject, start in subjects]
    context = document_context(read, old_outline, rulebook, new_outline)
    return [classify(subject, rulebook, major=major, context=context) for subject in read]
