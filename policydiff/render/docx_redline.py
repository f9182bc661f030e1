"""A Word redline: the new version in which every change is a tracked change, material ones commented.

Accept all changes in Word and the text is the new version; reject all and it is the old one.
The document follows the new version's clause order: an unchanged clause is a plain paragraph,
a changed one shows its word edits as insertions and deletions, a removed one is a deleted
paragraph where it stood, a moved one is a move (``w:moveFrom`` there, ``w:moveTo`` here).
Each major, review or minor change carries a comment with its category, severity and reasons; a
review change's comment also says that a lawyer must decide it.

Three steps: ``docx_merge`` puts both versions in one order, ``docx_layout`` (with
``docx_tokens``) cuts that into paragraphs, runs, move ranges and comments as plain data, and
``docx_xml`` writes the data as WordprocessingML.
"""

from __future__ import annotations

import datetime as dt

from policydiff.model import Report
from policydiff.render.docx_layout import lay_out
from policydiff.render.docx_xml import write_docx

__all__ = ["render_docx"]


def render_docx(report: Report, *, now: dt.datetime) -> bytes:
    """The redline of ``report`` as ``.docx`` bytes, laid out over the two outlines ``compare`` kept in it.

    ``now`` dates every revision, comment and zip entry, so the same inputs give the same bytes.
    Raises ``ValueError`` when the report carries no outlines, or outlines of other documents.
    """
    if report.outlines is None:
        raise ValueError(
            "docx: the report carries no outlines to lay the redline out on; make it with compare(), "
            "which keeps both clause trees"
        )
    stamp = (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return write_docx(lay_out(report, *report.outlines), stamp.replace(microsecond=0))
