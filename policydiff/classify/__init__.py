"""Classification of changes: rule files (data) and the engine that reads them."""

from policydiff.classify.engine import DEFAULT_MAJOR, DocumentContext, Subject, Verdict, classify
from policydiff.classify.rules import RuleBook, default_rulebook, load_rulebook

__all__ = [
    "DEFAULT_MAJOR",
    "DocumentContext",
    "RuleBook",
    "Subject",
    "Verdict",
    "classify",
    "default_rulebook",
    "load_rulebook",
]
