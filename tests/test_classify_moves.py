"""Sentences that moved between clauses are moved text; a fragment inside another sentence is not."""

from __future__ import annotations

from helpers import document
from hypothesis import given
from hypothesis import strategies as st

from policydiff.classify import default_rulebook
from policydiff.classify.engine import DocumentContext, Subject, classify
from policydiff.classify.moves import Pool, moved_in, units
from policydiff.compare import compare
from policydiff.diff import word_edits
from policydiff.model import Change, ChangeKind, Direction, Edit, Op, Severity


def test_units_split_at_stops_cells_and_line_breaks() -> None:
    text = "| Kept for | Order data is kept for 7 years,<br>Chat logs are kept for 30 days. Ok."
    assert units(text) == ["order data is kept for 7 years", "chat logs are kept for 30 days"]


def test_a_long_sentence_is_found_inside_a_larger_removed_text() -> None:
    pool = Pool.of(["| Kept for | Order data is kept for 7 years,<br>Chat logs are kept for 30 days. |"])
    assert moved_in("Chat logs are kept for 30 days.", pool)
    assert not moved_in("Chat logs are kept for 90 days.", pool)


def test_a_short_fragment_must_be_a_whole_sentence_of_the_other_side() -> None:
    pool = Pool.of(["We do not collect your heart rate data."])
    assert not moved_in("* Your heart rate data", pool)
    assert moved_in("* Your heart rate data", Pool.of(["Your heart rate data."]))


def test_fragments_alone_prove_nothing() -> None:
    assert not moved_in("and", Pool.of(["and"]))
    assert not moved_in("", Pool.of(["anything at all here"]))


words = st.lists(st.sampled_from(["we", "keep", "your", "route", "maps", "for", "two", "weeks"]), min_size=3)


@given(st.lists(words.map(" ".join), min_size=1, max_size=4))
def test_sentences_moved_whole_are_always_found(sentences: list[str]) -> None:
    text = ". ".join(sentences) + "."
    shuffled = ". ".join(reversed(sentences)) + "."
    assert moved_in(text, Pool.of([shuffled]))


def _added(text: str, *, lead: str = "") -> Subject:
    return Subject(ChangeKind.ADDED, "", text, (Edit(Op.INSERT, text),), lead=lead)


def test_a_table_cell_turned_into_a_paragraph_is_editorial() -> None:
    went = Pool.of(
        ["| Retention period | Order data is kept for 7 years,<br>Chat logs are kept for 30 days. |"]
    )
    verdict = classify(
        _added("Chat logs are kept for 30 days."), default_rulebook(), context=DocumentContext(went=went)
    )
    assert verdict.severity is Severity.EDITORIAL
    assert verdict.reasons[0].rule == "editorial.regrouped"


def test_the_same_sentence_with_no_counterpart_removed_is_read_as_new() -> None:
    verdict = classify(
        _added("Chat logs are kept for 30 days."), default_rulebook(), context=DocumentContext()
    )
    assert verdict.reasons[0].rule != "editorial.regrouped"


def test_a_list_item_reads_with_its_lead_in_even_when_its_words_moved() -> None:
    went = Pool.of(["Your heart rate data."])
    subject = _added("Your heart rate data.", lead="We now share with insurers:")
    verdict = classify(subject, default_rulebook(), context=DocumentContext(went=went))
    assert verdict.reasons[0].rule != "editorial.regrouped"


def test_a_sentence_that_is_new_among_moved_ones_is_still_read() -> None:
    old = document("# Retention\n\n| Order data | Order data is kept for 7 years. |\n")
    new = document(
        "# Retention\n\nOrder data is kept for 7 years. We sell your order history to data brokers.\n"
    )
    report = compare(old, new)
    assert report.severity is Severity.MAJOR


def test_one_of_two_copies_of_a_promise_removed_is_editorial() -> None:
    promise = "Your voice notes are never sold to anyone."
    old = document(
        f"# Use\n\nWe transcribe voice notes.\n\n{promise}\n\n# Sharing\n\nWe use two vendors.\n\n{promise}\n"
    )
    new = document(f"# Use\n\nWe transcribe voice notes.\n\n{promise}\n\n# Sharing\n\nWe use two vendors.\n")
    report = compare(old, new)
    assert [c.reasons[0].rule for c in report.changes] == ["editorial.restated"]


def test_both_copies_of_a_promise_removed_are_read() -> None:
    promise = "Your voice notes are never sold to anyone."
    old = document(
        f"# Use\n\nWe transcribe voice notes.\n\n{promise}\n\n# Sharing\n\nWe use two vendors.\n\n{promise}\n"
    )
    new = document("# Use\n\nWe transcribe voice notes.\n\n# Sharing\n\nWe use two vendors.\n")
    report = compare(old, new)
    assert report.severity is Severity.MAJOR


def test_a_copy_of_a_sentence_added_elsewhere_is_editorial_but_not_a_table_row() -> None:
    line = "We keep your voice notes for ninety days."
    old = document(f"# Retention\n\n{line}\n\n# Summary\n\nThe short version.\n")
    new = document(f"# Retention\n\n{line}\n\n# Summary\n\nThe short version.\n\n{line}\n")
    assert [c.reasons[0].rule for c in compare(old, new).changes] == ["editorial.restated"]
    row_old = document(
        "# Plans\n\n| Plan | Retention |\n| --- | --- |\n| Free | We keep voice notes for ninety days. |\n"
    )
    row_new = document(
        "# Plans\n\n| Plan | Retention |\n| --- | --- |\n| Free | We keep voice notes for ninety days. |\n"
        "| Pro | We keep voice notes for ninety days. |\n"
    )
    assert all(c.reasons[0].rule != "editorial.restated" for c in compare(row_old, row_new).changes)


def test_a_promise_removed_with_the_practice_it_limited_narrows() -> None:
    kept = "# Sharing\n\nWe share your bookings with the studio that runs your class.\n"
    gone = "We may share your bookings with sponsors, and we will tell you before we do.\n"
    change = _the_change_when_removed(gone, kept)
    assert (change.severity, change.direction) == (Severity.MINOR, Direction.NARROWS)
    assert change.reasons[0].rule == "sharing.went-with-its-promise"


def test_a_promise_removed_while_its_practice_stays_elsewhere_is_not_narrowed() -> None:
    kept = "# Sharing\n\nWe send your bookings to sponsors of the club.\n"
    gone = "We may share your bookings with sponsors, and we will tell you before we do.\n"
    change = _the_change_when_removed(gone, kept)
    assert change.severity in (Severity.MAJOR, Severity.REVIEW)
    assert not change.reasons[0].rule.endswith("went-with-its-promise")


def test_a_condition_removed_with_its_practice_is_no_promise_for_review() -> None:
    kept = "# Use\n\nWe use your email address to send receipts.\n"
    gone = "We use your location to suggest nearby studios, but only if you turn on location services.\n"
    change = _the_change_when_removed(gone, kept)
    assert (change.severity, change.direction) == (Severity.MINOR, Direction.NARROWS)


def _the_change_when_removed(gone: str, kept: str) -> Change:
    """The one change of a document losing the clause ``gone`` after ``kept``."""
    (change,) = compare(document(f"{kept}\n{gone}"), document(kept)).changes
    return change


def _modified(old: str, new: str) -> Subject:
    return Subject(
        kind=ChangeKind.MODIFIED, old=old, new=new, edits=word_edits(old, new), old_context="", new_context=""
    )


def test_a_sentence_that_came_from_another_paragraph_is_moved_text() -> None:
    moved = "We share your order details with the courier that delivers it."
    subject = _modified("We collect your name.", f"We collect your name. {moved}")
    verdict = classify(subject, default_rulebook(), context=DocumentContext(went=Pool.of([moved])))
    assert (verdict.severity, verdict.reasons[0].rule) == (Severity.EDITORIAL, "editorial.regrouped")


def test_words_taken_out_of_a_sentence_are_no_move_though_another_clause_gained_them() -> None:
    # "…, rectify, update, … regarding" left a sentence that stays: a right removed there
    gone = ", rectify, update, ask a question about, or withdraw consent regarding"
    old = f"If you want to access{gone} your data, write to us."
    subject = _modified(old, "If you want to access your data, write to us.")
    came = Pool.of(
        ["Our page tells you how to rectify, update, ask a question about, or withdraw consent regarding it."]
    )
    verdict = classify(subject, default_rulebook(), context=DocumentContext(came=came))
    assert verdict.severity is Severity.MAJOR


def test_a_moved_sentence_beside_an_edit_gives_no_signal_of_its_own() -> None:
    moved = "We share your order details with the courier that delivers it."
    subject = _modified("Order data is kept for 7 years.", f"Order data is kept for 10 years. {moved}")
    verdict = classify(subject, default_rulebook(), context=DocumentContext(went=Pool.of([moved])))
    assert verdict.severity is Severity.MAJOR
    assert [r.rule.split(".")[0] for r in verdict.reasons] == ["retention"]
    alone = classify(subject, default_rulebook(), context=DocumentContext())
    assert "sharing" in {r.rule.split(".")[0] for r in alone.reasons}


def test_a_right_said_anew_in_other_words_is_not_taken_away() -> None:
    # the right at no cost, removed in one wording and gained in another (GDPR Art. 12(5))
    old = document(
        "# Requests\n\nYou can ask us for a copy of your playlists.\n\nRequests cost nothing to make.\n"
    )
    new = document(
        "# Requests\n\nYou can ask us for a copy of your playlists.\n\nWe never charge you for requests.\n"
    )
    report = compare(old, new)
    assert report.severity is Severity.MINOR, [(c.severity, c.reasons[0].rule) for c in report.changes]


def test_a_right_removed_is_still_read_when_nothing_says_it_again() -> None:
    old = document(
        "# Requests\n\nYou can ask us for a copy of your playlists.\n\nRequests are free of charge.\n"
    )
    new = document(
        "# Requests\n\nYou can ask us for a copy of your playlists.\n\nWe answer within a month.\n"
    )
    assert compare(old, new).severity in (Severity.MAJOR, Severity.REVIEW)


def test_a_right_granted_by_an_instruction_in_a_paragraph_of_its_own_is_described() -> None:
    # the opt-out is already told; a second one, granted by an instruction, is no unknown practice
    text = (
        "# Privacy\n\n## Your choices\n\nYou can turn off marketing emails in your settings.\n\n"
        "## How to reach us\n\nWrite to us at privacy@example.com if you have questions about the"
        " personalised adverts we show.\n"
    )
    old = document(text)
    new = document(text + "\nTo turn off personalised adverts, open the Ads page in your account.\n")
    report = compare(old, new)
    assert report.severity is Severity.MINOR, [(c.severity, c.reasons[0].rule) for c in report.changes]


def test_a_label_left_behind_is_no_right_said_anew() -> None:
    # the sentence that granted the right went; the label before it stays, said as before
    old = document(
        "# Rights\n\n**Right to Erasure.** You have the right to ask us to erase the playlists we"
        " hold about you.\n"
    )
    new = document("# Rights\n\n**Right to Erasure.**\n")
    assert compare(old, new).severity is Severity.MAJOR
