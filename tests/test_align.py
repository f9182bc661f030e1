"""policydiff.align: pairs by content, never by position; moves, renumbering, splits and merges."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from helpers import (
    JOYCLIP_NEW,
    JOYCLIP_OLD,
    JOYPIX_NEW,
    JOYPIX_OLD,
    document,
    outline_of,
    policy_sections,
    policy_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.align import align, clause_key
from policydiff.compare import compare
from policydiff.load import load
from policydiff.model import ChangeKind, ClauseKind, ClausePair, Outline, PairStatus, Severity
from policydiff.segment import segment

SECTIONS = [
    "1. Introduction\nWe explain how we handle your personal information in this policy.\n",
    "2. Collection\nWe collect your email address and your device identifiers when you register.\n",
    "3. Sharing\nWe share your data with cloud hosting providers who process it for us.\n",
    "4. Retention\nWe keep account data while your account is open and delete it afterwards.\n",
]


def statuses(pairs: tuple[ClausePair, ...]) -> Counter[PairStatus]:
    return Counter(pair.status for pair in pairs)


def assert_each_leaf_once(pairs: tuple[ClausePair, ...], old: Outline, new: Outline) -> None:
    """Every leaf of either side is in exactly one pair: none lost, none paired twice."""
    old_used = Counter((leaf.path, leaf.start) for pair in pairs for leaf in pair.old)
    new_used = Counter((leaf.path, leaf.start) for pair in pairs for leaf in pair.new)
    assert old_used == Counter((leaf.path, leaf.start) for leaf in old.leaves())
    assert new_used == Counter((leaf.path, leaf.start) for leaf in new.leaves())


def assert_in_new_order(pairs: tuple[ClausePair, ...], new: Outline) -> None:
    """Pairs come in the order of the new document; a split's parts are consecutive leaves."""
    position = {leaf.start: index for index, leaf in enumerate(new.leaves())}
    order = [position[leaf.start] for pair in pairs for leaf in pair.new]
    assert order == sorted(order)
    for pair in pairs:
        run = [position[leaf.start] for leaf in pair.new]
        assert run == list(range(run[0], run[0] + len(run))) if run else True


def pair_of(pairs: tuple[ClausePair, ...], new_path: str) -> ClausePair:
    return next(pair for pair in pairs if any(leaf.path == new_path for leaf in pair.new))


# --- a document against itself -----------------------------------------------------------------


@pytest.mark.parametrize("path", [JOYPIX_OLD, JOYPIX_NEW, JOYCLIP_OLD, JOYCLIP_NEW], ids=lambda p: p.name)
def test_a_fixture_against_itself_is_all_same(path: object) -> None:
    outline = segment(load(str(path)))
    pairs = align(outline, outline)
    assert statuses(pairs) == Counter({PairStatus.SAME: len(outline.leaves())})
    assert all(pair.old == pair.new and not pair.moved for pair in pairs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text(), st.sampled_from(["markdown", "text"]))
def test_a_generated_document_against_itself_is_all_same(text: str, fmt: str) -> None:
    outline = outline_of(text, fmt)
    pairs = align(outline, outline)
    assert all(pair.status is PairStatus.SAME for pair in pairs)
    assert_each_leaf_once(pairs, outline, outline)


# --- moves -------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_sections().flatmap(lambda sections: st.tuples(st.just(sections), st.permutations(sections))))
def test_shuffled_sections_are_moved_never_added_or_removed(
    sections_and_shuffled: tuple[list[str], list[str]],
) -> None:
    sections, shuffled = sections_and_shuffled
    old, new = document("\n".join(sections)), document("\n".join(shuffled))
    old_outline, new_outline = segment(old), segment(new)
    pairs = align(old_outline, new_outline)
    assert set(statuses(pairs)) <= {PairStatus.SAME, PairStatus.MOVED}
    assert_each_leaf_once(pairs, old_outline, new_outline)
    if sections != shuffled:
        assert PairStatus.MOVED in statuses(pairs)
    report = compare(old, new)
    assert all(change.kind is ChangeKind.MOVED for change in report.changes)
    assert all(change.severity is Severity.EDITORIAL for change in report.changes)
    assert report.severity in (Severity.NONE, Severity.EDITORIAL)


def test_two_sections_swapped() -> None:
    old = outline_of("".join(SECTIONS), "text")
    new = outline_of("".join([SECTIONS[0], SECTIONS[2], SECTIONS[1], SECTIONS[3]]), "text")
    pairs = align(old, new)
    moved = [pair for pair in pairs if pair.status is PairStatus.MOVED]
    # the heavier-weighted order stays; exactly one of the two swapped sections moved
    assert len(moved) == 2 and len({pair.old[0].heading for pair in moved}) == 1
    assert statuses(pairs)[PairStatus.SAME] == 6


def test_a_paragraph_moved_to_another_section() -> None:
    beta = "Beta text that is longer than the paragraph that moves past it."
    old = outline_of(f"## A\n\nAlpha text stays here.\n\nThe moving paragraph.\n\n## B\n\n{beta}\n")
    new = outline_of(f"## A\n\nAlpha text stays here.\n\n## B\n\n{beta}\n\nThe moving paragraph.\n")
    pairs = align(old, new)
    pair = pair_of(pairs, "s2.p2")
    assert pair.status is PairStatus.MOVED and pair.moved
    assert [leaf.path for leaf in pair.old] == ["s1.p2"]
    assert statuses(pairs) == Counter({PairStatus.SAME: 4, PairStatus.MOVED: 1})


def test_a_table_row_keeps_its_first_cell_and_pairs_however_its_other_cells_changed() -> None:
    header = "## Recipients\n\n| Recipient | Country | Safeguard |\n| --- | --- | --- |\n"
    table = header + "{}\n| Beta Mail | Ireland | - |\n"
    old = outline_of(table.format("| Acme Cloud | Germany | - |"))
    new = outline_of(table.format("| Acme Cloud | United States | Standard Contractual Clauses |"))
    pairs = align(old, new)
    changed = [pair for pair in pairs if pair.status is not PairStatus.SAME]
    assert len(changed) == 1 and changed[0].status is PairStatus.MODIFIED
    assert "Germany" in changed[0].old[0].text and "United States" in changed[0].new[0].text
    # … but another thing in the first cell is another row: removed and added
    new = outline_of(table.format("| Gamma Host | United States | Standard Contractual Clauses |"))
    kinds = statuses(align(old, new))
    assert kinds[PairStatus.MODIFIED] == 0 and kinds[PairStatus.ADDED] == kinds[PairStatus.REMOVED] == 1


# --- renumbering -------------------------------------------------------------------------------


def test_inserting_a_section_renumbers_the_rest() -> None:
    inserted = "3. Security\nWe protect your data with encryption in transit and at rest at all times.\n"
    old = outline_of("".join(SECTIONS), "text")
    new = outline_of("".join([*SECTIONS[:2], inserted, SECTIONS[2].replace("3.", "4."), SECTIONS[3]])
                     .replace("4. Retention", "5. Retention"), "text")  # fmt: skip
    pairs = align(old, new)
    assert_each_leaf_once(pairs, old, new)
    sharing = pair_of(pairs, "4.h")
    assert sharing.old[0].text == "3. Sharing" and sharing.new[0].text == "4. Sharing"
    assert sharing.status in (PairStatus.RENUMBERED, PairStatus.MOVED)
    assert pair_of(pairs, "4.p1").status is PairStatus.SAME
    assert pair_of(pairs, "5.h").status in (PairStatus.RENUMBERED, PairStatus.MOVED)
    assert [pair.status for pair in pairs if not pair.old] == [PairStatus.ADDED, PairStatus.ADDED]


@pytest.mark.parametrize(
    "markup",
    [
        "## ",
        "**",
    ],
)
def test_a_renumbered_markdown_heading(markup: str) -> None:
    def heading(text: str) -> str:
        return f"{markup}{text}{'**' if markup == '**' else ''}"

    body = [section.split("\n", 1) for section in SECTIONS[:3]]
    old = "\n".join(f"{heading(title)}\n\n{text}" for title, text in body)
    inserted = heading("3. Security") + "\n\nWe protect your data with encryption in transit and at rest.\n"
    new = old.replace(heading("3. Sharing"), inserted + "\n" + heading("4. Sharing"))
    old_outline, new_outline = outline_of(old), outline_of(new)
    sharing = pair_of(align(old_outline, new_outline), "4.h" if markup == "## " else "s4.h")
    assert sharing.status is PairStatus.RENUMBERED
    assert clause_key(sharing.old[0]) == clause_key(sharing.new[0]) == "sharing"


def test_renumbered_list_item() -> None:
    old = outline_of("We share with:\n\n1. cloud providers who host the service\n2. auditors\n")
    new = outline_of(
        "We share with:\n\n1. payment processors\n2. cloud providers who host the service\n3. auditors\n"
    )
    pair = pair_of(align(old, new), "b2")
    assert pair.status is PairStatus.RENUMBERED
    assert clause_key(pair.old[0]) == clause_key(pair.new[0]) == "cloud providers who host the service"


# --- splits and merges -------------------------------------------------------------------------

COLLECT = "We collect your email address and phone number when you register"
KEEP = "we keep them for two years after you close your account."
WHOLE = f"{COLLECT}, and {KEEP}"
PARTS = f"{COLLECT}.\n\n{KEEP.capitalize()}"


def test_a_clause_split_in_two() -> None:
    old, new = outline_of(f"Intro.\n\n{WHOLE}\n"), outline_of(f"Intro.\n\n{PARTS}\n")
    pairs = align(old, new)
    split = pair_of(pairs, "p2")
    assert split.status is PairStatus.SPLIT
    assert [leaf.path for leaf in split.old] == ["p2"] and [leaf.path for leaf in split.new] == ["p2", "p3"]
    assert_each_leaf_once(pairs, old, new)


def test_two_clauses_merged() -> None:
    old, new = outline_of(f"Intro.\n\n{PARTS}\n"), outline_of(f"Intro.\n\n{WHOLE}\n")
    pairs = align(old, new)
    merged = pair_of(pairs, "p2")
    assert merged.status is PairStatus.MERGED
    assert [leaf.path for leaf in merged.old] == ["p2", "p3"] and [leaf.path for leaf in merged.new] == ["p2"]
    assert_each_leaf_once(pairs, old, new)


LONG = (
    "Partners who build apps on our platform may read the data you let them read. They must agree "
    "to our developer terms, pass our review, and keep the data safe. Apps that read messages must "
    "also pass a yearly audit. We check each app before it goes live and again whenever it asks "
    "for more data, and we remove apps that break these terms. You can see the apps you connected "
    "in your settings and take back their access at any time."
)
LAST = "Apps that store data abroad sign clauses that protect it."


def test_a_paragraph_whose_last_sentence_was_set_apart_is_a_split_not_an_edit() -> None:
    # the first part alone is already 0.9 alike; the two parts together are the paragraph itself
    old = outline_of(f"Intro.\n\n{LONG} {LAST}\n\nBye.\n")
    new = outline_of(f"Intro.\n\n{LONG}\n\n{LAST}\n\nBye.\n")
    pairs = align(old, new)
    split = pair_of(pairs, "p2")
    assert split.status is PairStatus.SPLIT
    assert [leaf.path for leaf in split.new] == ["p2", "p3"]
    assert_each_leaf_once(pairs, old, new)


def test_a_close_edit_keeps_its_pair_beside_a_new_paragraph_in_other_words() -> None:
    old = outline_of(f"Intro.\n\n{LONG} {LAST}\n\nBye.\n")
    new = outline_of(
        f"Intro.\n\n{LONG} {LAST.replace('sign', 'agree to')}\n\n"
        "Apps may also show you ads that their partners choose.\n\nBye.\n"
    )
    pair = pair_of(align(old, new), "p2")
    assert pair.status is PairStatus.MODIFIED
    assert [leaf.path for leaf in pair.new] == ["p2"]


# --- edits, additions, removals ----------------------------------------------------------------


def test_a_modified_clause_is_paired_with_its_edit() -> None:
    old = outline_of("Intro.\n\nWe retain usage data for 6 months after the end of service usage.\n\nBye.\n")
    new = outline_of("Intro.\n\nWe retain usage data for 24 months after the end of service usage.\n\nBye.\n")
    pairs = align(old, new)
    modified = pair_of(pairs, "p2")
    assert modified.status is PairStatus.MODIFIED and not modified.moved
    assert "6 months" in modified.old[0].text and "24 months" in modified.new[0].text
    assert 0.5 <= modified.similarity < 1.0
    assert statuses(pairs) == Counter({PairStatus.SAME: 2, PairStatus.MODIFIED: 1})


def test_a_sentence_reordered_in_place_is_an_edit() -> None:
    # letters far apart, the same words in the same place: one clause said another way
    old = outline_of("Intro.\n\nPeople under 18 may not open a wallet.\n\nBye.\n")
    new = outline_of("Intro.\n\nA wallet is not for people under 18.\n\nBye.\n")
    pair = pair_of(align(old, new), "p2")
    assert pair.status is PairStatus.MODIFIED


def test_a_sentence_reordered_in_place_pairs_after_a_paragraph_added_above() -> None:
    # the place is the same whatever was added or removed before it: a gap between the same two
    # unchanged clauses is one place in both versions, however far down each version it lies
    old = outline_of("Intro.\n\nPeople under 18 may not open a wallet.\n\nBye.\n")
    new = outline_of(
        "A new opening.\n\nAnother one.\n\nIntro.\n\nA wallet is not for people under 18.\n\nBye.\n"
    )
    pair = pair_of(align(old, new), "p4")
    assert pair.status is PairStatus.MODIFIED
    assert [c.path for c in pair.old] == ["p2"]


def test_short_clauses_in_place_that_read_alike_pair() -> None:
    from policydiff.classify import canonical

    # few letters in common and only common words, yet one reworded into the other
    old = outline_of(
        "# Intro\n\nHello there.\n\n## Information We Collect\n\n## Information We Share\n\nBye.\n"
    )
    new = outline_of("# Intro\n\nHello there.\n\n## Data We Collect\n\n## Data We Share\n\nBye.\n")
    pairs = align(old, new, alike=canonical)
    got = [
        ([c.text for c in p.old], [c.text for c in p.new]) for p in pairs if p.status is PairStatus.MODIFIED
    ]
    assert got == [
        (["## Information We Collect"], ["## Data We Collect"]),
        (["## Information We Share"], ["## Data We Share"]),
    ]
    # headings that read otherwise stay a removal and an addition
    other = outline_of("# Intro\n\nHello there.\n\n## Cookies We Set\n\n## Data We Share\n\nBye.\n")
    assert [p.status for p in align(old, other, alike=canonical)].count(PairStatus.MODIFIED) == 1


def test_the_one_clause_a_place_lost_and_the_one_it_gained_pair_on_fewer_shared_words() -> None:
    # under half of their words alike, but each the only clause its place lost or gained: a rewrite
    old = outline_of("Intro.\n\nPeople under 18 may not open a wallet.\n\nBye.\n")
    new = outline_of("Intro.\n\nA wallet is not meant for people under 18.\n\nBye.\n")
    assert pair_of(align(old, new), "p2").status is PairStatus.MODIFIED
    # two lost and two gained there: which went where is not that clear
    old = outline_of("Intro.\n\nPeople under 18 may not open a wallet.\n\nWe sell nothing.\n\nBye.\n")
    new = outline_of("Intro.\n\nA wallet is not meant for people under 18.\n\nCookies track ads.\n\nBye.\n")
    assert PairStatus.MODIFIED not in statuses(align(old, new))


def test_shared_words_do_not_pair_clauses_from_other_places() -> None:
    # the same words reordered, but in another section: a removal and an addition, as before
    old = outline_of("# A\n\nPeople under 18 may not open a wallet.\n\n# B\n\nBye.\n")
    new = outline_of("# A\n\nHello.\n\n# B\n\nBye.\n\nA wallet is not for people under 18.\n")
    assert PairStatus.MODIFIED not in statuses(align(old, new))


def test_unrelated_clauses_are_removed_and_added_in_place() -> None:
    old = outline_of("Intro.\n\nWe sell nothing to anybody.\n\nBye.\n")
    new = outline_of("Intro.\n\nCookies track advertising identifiers daily.\n\nBye.\n")
    pairs = align(old, new)
    assert [(p.status, [c.path for c in p.old], [c.path for c in p.new]) for p in pairs] == [
        (PairStatus.SAME, ["p1"], ["p1"]),
        (PairStatus.REMOVED, ["p2"], []),
        (PairStatus.ADDED, [], ["p2"]),
        (PairStatus.SAME, ["p3"], ["p3"]),
    ]


def test_the_fixture_pairs_use_each_leaf_once() -> None:
    old, new = segment(load(str(JOYPIX_OLD))), segment(load(str(JOYPIX_NEW)))
    pairs = align(old, new)
    assert_each_leaf_once(pairs, old, new)
    assert pair_of(pairs, "5.(1).b2").status is PairStatus.MODIFIED
    notice = pair_of(pairs, "9.b2")  # "10. Changes" became "9. Changes", with a new notice period
    assert notice.old[0].path == "10.b2" and notice.status is PairStatus.MODIFIED
    assert pair_of(pairs, "2.(2).b3").status is PairStatus.ADDED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text(), policy_text())
def test_no_leaf_is_ever_used_twice_and_pairs_follow_the_new_order(old_text: str, new_text: str) -> None:
    old, new = outline_of(old_text), outline_of(new_text)
    pairs = align(old, new)
    assert_each_leaf_once(pairs, old, new)
    assert_in_new_order(pairs, new)


# --- scale -------------------------------------------------------------------------------------


def test_ten_thousand_clauses_align_in_seconds() -> None:
    rng = random.Random(7)
    words = [
        "we",
        "collect",
        "use",
        "share",
        "retain",
        "delete",
        "your",
        "personal",
        "data",
        "email",
        "device",
    ]

    def clause(number: int) -> str:
        return " ".join(rng.choice(words) for _ in range(12)).capitalize() + f" ref{number}."

    lines = []
    for section in range(500):
        lines.append(f"## Section {section}\n")
        lines += [("- " if k % 2 else "") + clause(section * 19 + k) + "\n" for k in range(19)]
    changed = list(lines)
    for index in range(3, len(changed), 7):
        changed[index] = changed[index].replace("we", "they")
    changed[1000:1100] = rng.sample(changed[1000:1100], 100)
    old, new = segment(document("\n".join(lines))), segment(document("\n".join(changed)))
    assert len(old.leaves()) == 10_000
    started = time.perf_counter()
    pairs = align(old, new)
    assert time.perf_counter() - started < 20
    assert_each_leaf_once(pairs, old, new)
    assert statuses(pairs)[PairStatus.SAME] > 8_000


# ------------------------------------------------------------------ repeated clauses and sections


_REPEATED_OLD = """# Policy

## Sharing

Your messages are never sold.

We send your address to the courier.

## California

You may ask what we hold about you.

Your messages are never sold.

## Children

Your messages are never sold.
"""


def test_a_repeated_clause_pairs_with_the_copy_under_its_own_heading() -> None:
    """The California copy went: it is the one reported removed, not the Children copy re-judged."""
    new_text = _REPEATED_OLD.replace(
        "You may ask what we hold about you.\n\nYour messages are never sold.\n",
        "You may ask what we hold about you.\n",
    )
    old, new = outline_of(_REPEATED_OLD), outline_of(new_text)
    pairs = align(old, new)
    assert_each_leaf_once(pairs, old, new)
    removed = [pair for pair in pairs if pair.status is PairStatus.REMOVED]
    assert [leaf.heading for pair in removed for leaf in pair.old] == [("California",)]
    assert not any(pair.moved or pair.status is PairStatus.MOVED for pair in pairs)


def test_an_edit_that_also_changes_section_needs_closer_wording() -> None:
    """A promise removed under one kept heading and a practice added under another are a removal
    and an addition, not one clause edited across the document."""
    new_text = _REPEATED_OLD.replace(
        "You may ask what we hold about you.\n\nYour messages are never sold.\n",
        "You may ask what we hold about you.\n",
    ).replace(
        "## Children\n\nYour messages are never sold.\n",
        "## Children\n\nYour messages are never sold.\n\nYour messages may be sold to partners.\n",
    )
    pairs = align(outline_of(_REPEATED_OLD), outline_of(new_text))
    kinds = Counter(pair.status for pair in pairs)
    assert kinds[PairStatus.REMOVED] == 1 and kinds[PairStatus.ADDED] == 1
    assert kinds[PairStatus.MODIFIED] == 0


def test_a_section_whose_heading_repeats_elsewhere_moves_with_its_heading() -> None:
    """Two sections share a title; the second moves to the top. Its heading pairs with the copy
    beside its own first paragraph, so the move is one block, not headings crossed between sections."""
    old_text = (
        "# Policy\n\n## Requests\n\nWrite to the help desk about refunds.\n\n"
        "## Billing\n\nInvoices come monthly.\n\n"
        "## Requests\n\nAsk the archive team for old statements.\n"
    )
    new_text = (
        "# Policy\n\n## Requests\n\nAsk the archive team for old statements.\n\n## Requests\n\n"
        "Write to the help desk about refunds.\n\n## Billing\n\nInvoices come monthly.\n"
    )
    old, new = outline_of(old_text), outline_of(new_text)
    pairs = align(old, new)
    assert_each_leaf_once(pairs, old, new)
    headings = [pair for pair in pairs if pair.old and pair.new and pair.old[0].kind is ClauseKind.HEADING]
    assert len(headings) == 4
    for pair in headings:
        old_next = next(leaf for leaf in old.leaves() if leaf.start > pair.old[0].start)
        new_next = next(leaf for leaf in new.leaves() if leaf.start > pair.new[0].start)
        assert old_next.text == new_next.text, (pair.old[0].path, pair.new[0].path)


def test_a_heading_numbered_past_999_keys_without_its_number() -> None:
    """A long policy renumbered ("## 1232. Data Security" → "## 40. Data Security") keeps the key."""
    old = outline_of("# P\n\n## 1232. Data Security\n\nWe encrypt backups.\n")
    new = outline_of("# P\n\n## 40. Data Security\n\nWe encrypt backups.\n")
    old_heading = next(
        leaf for leaf in old.leaves() if leaf.kind is ClauseKind.HEADING and "Data" in leaf.text
    )
    new_heading = next(
        leaf for leaf in new.leaves() if leaf.kind is ClauseKind.HEADING and "Data" in leaf.text
    )
    assert clause_key(old_heading) == clause_key(new_heading) == "data security"


@pytest.mark.parametrize(
    "heading",
    ["#### **6.1 Security**", "**6.1 Security**", "6\\.1 Security\n-----------", "## 6.1 Security"],
)
def test_a_headings_markup_and_markdown_escapes_are_not_its_key(heading: str) -> None:
    """A Word or PDF heading set in bold, a Markdown heading in bold, a setext heading with an
    escaped number: one heading, one key."""
    found = outline_of(f"# P\n\n{heading}\n\nWe encrypt backups.\n")
    (leaf,) = [leaf for leaf in found.leaves() if leaf.kind is ClauseKind.HEADING and "Security" in leaf.text]
    assert clause_key(leaf) == "security"


def test_a_copy_that_only_shares_headings_does_not_take_the_copy_standing_beside_its_text() -> None:
    """Three sections titled alike; the last moves to the front. The moved one's heading pairs with
    its own old copy (the clause after it matches), though an earlier copy shares its heading trail."""
    sections = [("Requests", "Write to the help desk."), ("Requests", "Call the archive line."),
                ("Requests", "Visit a branch with your card.")]  # fmt: skip
    old_text = "# P\n\n" + "".join(f"## {title}\n\n{body}\n\n" for title, body in sections)
    moved = [sections[2], sections[0], sections[1]]
    new_text = "# P\n\n" + "".join(f"## {title}\n\n{body}\n\n" for title, body in moved)
    old, new = outline_of(old_text), outline_of(new_text)
    pairs = align(old, new)
    for pair in pairs:
        if (
            pair.old
            and pair.new
            and pair.old[0].kind is ClauseKind.HEADING
            and "Requests" in pair.old[0].text
        ):
            old_next = next(leaf for leaf in old.leaves() if leaf.start > pair.old[0].start)
            new_next = next(leaf for leaf in new.leaves() if leaf.start > pair.new[0].start)
            assert old_next.text == new_next.text
