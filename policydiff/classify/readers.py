"""The ontology's readers as one value, so that the rule cache keeps them beside the rule book: a run
that reads them from there parses none of the ontology's TOML files (nor imports ``tomllib``)."""

from __future__ import annotations

import re

from policydiff.classify import equivalents, practice, statements

__all__ = ["SOURCES", "Readers", "keep_readers", "packaged_readers"]

Readers = tuple[practice.PracticeReader, statements.StatementReader, equivalents.Forms]
# the code that reads the ontology (``classify/ontology/*.toml``) into the readers
SOURCES = ("classify/practice.py", "classify/statements.py", "classify/equivalents.py", "classify/readers.py")


def packaged_readers() -> Readers:
    """The readers of the packaged ontology, read now where not read before."""
    return practice.practice_reader(), statements.statement_reader(), equivalents.forms()


def keep_readers(found: object) -> bool:
    """Use ``found`` as the packaged ontology's readers when it is ``Readers``; whether it was.

    A reader this process has already used stays: one run never reads with two.
    """
    if not (isinstance(found, tuple) and len(found) == 3):
        return False
    practice_reader, statement_reader, forms = found
    if not (
        isinstance(practice_reader, practice.PracticeReader)
        and isinstance(statement_reader, statements.StatementReader)
        and isinstance(forms, tuple)
        and len(forms) == 2
        and isinstance(forms[0], re.Pattern)
        and isinstance(forms[1], dict)
    ):
        return False
    practice.READERS.setdefault(practice.ONTOLOGY, practice_reader)
    statements.READERS.setdefault(statements.ONTOLOGY, statement_reader)
    if not equivalents.FORMS:
        equivalents.FORMS.append(forms)
    return True
