"""policydiff.classify.engine helpers read on their own (the verdicts are tests/test_cases.py's)."""

from __future__ import annotations

from dataclasses import replace

from policydiff.classify import default_rulebook
from policydiff.classify.engine import Subject, _heading_as_lead, _practice_now_denied
from policydiff.diff import word_edits
from policydiff.model import ChangeKind


def _subject(old: str, new: str) -> Subject:
    return Subject(kind=ChangeKind.MODIFIED, old=old, new=new, edits=word_edits(old, new))


def test_a_practice_now_denied_is_one_the_old_side_did_not_deny_already() -> None:
    rulebook = default_rulebook()
    ended = _subject("We record calls. Recordings are erased after 30 days.", "We no longer record calls.")
    assert _practice_now_denied(ended, rulebook) == "collect"
    # the denial both sides hold ("we no longer use them for ads") ends nothing
    kept = "We no longer use your recordings for ads."
    went = _subject(f"We use your recordings to train staff. {kept}", kept)
    assert _practice_now_denied(went, rulebook) is None
    # a consent denied is no practice denied ("… before we share it")
    asked = _subject("We ask for consent before we share it.", "Consent is not required before we share it.")
    assert _practice_now_denied(asked, rulebook) is None


def test_an_item_under_a_heading_that_denies_a_practice_reads_it_as_its_lead() -> None:
    rulebook = default_rulebook()
    item = Subject(
        kind=ChangeKind.REMOVED,
        old="- Precise location",
        new="",
        edits=word_edits("- Precise location", ""),
        old_context="Privacy Policy › Information we never share",
        new_context="Privacy Policy › Information we never share",
    )
    assert _heading_as_lead(item, rulebook).lead == "Information we never share:"
    # a heading that names no practice leads nothing ("Contents"); one that states it, as before
    contents = replace(item, old_context="Contents", new_context="Contents")
    assert _heading_as_lead(contents, rulebook).lead == ""
    sold = replace(item, old_context="Information we sell", new_context="Information we sell")
    assert _heading_as_lead(sold, rulebook).lead == "Information we sell:"
