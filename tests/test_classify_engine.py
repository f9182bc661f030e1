"""policydiff.classify.engine helpers read on their own (the verdicts are tests/test_cases.py's)."""

from __future__ import annotations

from policydiff.classify import default_rulebook
from policydiff.classify.engine import Subject, _practice_now_denied
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
