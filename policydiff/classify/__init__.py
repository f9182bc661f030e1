"""Classification of changes: rule files (data) and the engine that reads them.

Its modules are private to it; the rest of policydiff uses only the names below.
"""

from policydiff.classify.context import defined_term
from policydiff.classify.decide import decide, notice_reason
from policydiff.classify.engine import DEFAULT_MAJOR, DocumentContext, Subject, Verdict, classify
from policydiff.classify.equivalents import canonical
from policydiff.classify.pair import judge_changes
from policydiff.classify.promise import promised_notice, promised_notice_days
from policydiff.classify.readers import SOURCES as READER_SOURCES
from policydiff.classify.readers import keep_readers, packaged_readers
from policydiff.classify.rulebook import RuleBook
from policydiff.classify.rules import default_rulebook, load_rulebook

__all__ = [
    "DEFAULT_MAJOR",
    "DocumentContext",
    "READER_SOURCES",
    "RuleBook",
    "Subject",
    "Verdict",
    "canonical",
    "classify",
    "decide",
    "default_rulebook",
    "defined_term",
    "judge_changes",
    "keep_readers",
    "load_rulebook",
    "notice_reason",
    "packaged_readers",
    "promised_notice",
    "promised_notice_days",
]
