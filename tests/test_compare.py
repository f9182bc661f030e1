"""policydiff.compare: the Report as a whole — severity, notice decision, ids, definitions, stats."""

from __future__ import annotations

from helpers import JOYCLIP_NEW, JOYCLIP_OLD, JOYPIX_NEW, JOYPIX_OLD, document, policy_text
from hypothesis import HealthCheck, given, settings

from policydiff.classify import default_rulebook, defined_term, promised_notice_days
from policydiff.compare import Judgement, change_fingerprint, compare
from policydiff.load import load
from policydiff.model import Category, ChangeKind, Direction, Report, Severity
from policydiff.segment import segment

POLICY = """# Privacy Policy

## 1. Definitions

"Personal Data" means your name and email address.

## 2. Sharing

We share Personal Data with advertising partners for their own marketing.

## 3. Retention

We keep account data for 6 months after you close your account.

## 4. Changes

We will notify you by email 30 days before a material change takes effect.
"""


def report_of(old: str, new: str, judgement: Judgement | None = None) -> Report:
    return compare(document(old), document(new), judgement)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text())
def test_a_document_against_itself_has_no_changes(text: str) -> None:
    report = report_of(text, text)
    assert report.severity is Severity.NONE
    assert report.changes == ()
    assert not report.notice.required


def test_fixtures_against_themselves() -> None:
    for path in (JOYPIX_OLD, JOYPIX_NEW, JOYCLIP_OLD, JOYCLIP_NEW):
        doc = load(str(path))
        report = compare(doc, doc)
        assert (report.severity, report.changes) == (Severity.NONE, ()), path.name


def test_white_space_between_blocks_is_editorial_not_none() -> None:
    report = report_of(POLICY, POLICY.replace("\n\n## 2.", "\n\n\n\n## 2."))
    assert report.changes == ()
    assert report.severity in (Severity.NONE, Severity.EDITORIAL)


def test_longer_retention_requires_notice_with_its_reason() -> None:
    report = report_of(POLICY, POLICY.replace("6 months", "24 months"))
    (change,) = report.changes
    assert change.kind is ChangeKind.MODIFIED
    assert Category.RETENTION in change.categories and change.direction is Direction.EXPANDS
    assert report.severity is Severity.MAJOR and report.notice.required
    assert report.notice.reasons and report.notice.reasons[0].startswith(change.new.path)  # type: ignore[union-attr]


def test_promised_notice_period_wins_over_a_shorter_default() -> None:
    longer = POLICY.replace("30 days", "45 days")
    assert promised_notice_days(segment(document(longer)), default_rulebook()) == 45
    report = report_of(longer, longer.replace("6 months", "24 months"))
    assert report.notice.promised_days == 45 and report.notice.period_days == 45
    assert report_of(POLICY, POLICY).notice.period_days == 30
    assert report_of(POLICY, POLICY, Judgement(period_days=60)).notice.period_days == 60


def test_a_promised_period_written_without_a_space_is_read() -> None:
    # (the clause prefilter reads a unit as the period reader does: "45days" holds one)
    glued = POLICY.replace("30 days", "45days")
    assert promised_notice_days(segment(document(glued)), default_rulebook()) == 45


def test_shorter_notice_period_is_major() -> None:
    report = report_of(POLICY, POLICY.replace("30 days", "7 days"))
    (change,) = report.changes
    assert Category.NOTICE in change.categories and change.severity is Severity.MAJOR


def test_major_set_comes_from_the_judgement() -> None:
    new = POLICY.replace("6 months", "24 months")
    narrowed = Judgement(major=frozenset({(Category.SHARING, Direction.EXPANDS)}))
    report = report_of(POLICY, new, narrowed)
    assert report.severity is Severity.MINOR and not report.notice.required


def test_a_widened_definition_is_read_with_the_clauses_that_use_it() -> None:
    new = POLICY.replace("your name and email address", "your name, email address and precise location")
    (change,) = report_of(POLICY, new).changes
    assert change.severity is Severity.MAJOR
    assert Category.COLLECTION in change.categories
    assert any("location" in reason.trigger for reason in change.reasons)


def test_defined_term() -> None:
    assert defined_term('"Personal Data" means any information') == "Personal Data"
    assert defined_term("User Content: the videos you upload") == "User Content"
    assert defined_term("We collect your email address.") is None
    # a quoted term whatever its case, straight or curly quotes
    assert defined_term('"Personal information" means any information') == "Personal information"
    assert defined_term("“usage data” refers to how you use the app") == "usage data"
    assert defined_term('We say "hello" to new users.') is None


def test_change_ids_are_stable_and_unique() -> None:
    new = POLICY.replace("6 months", "24 months").replace("advertising partners", "analytics partners")
    first, second = report_of(POLICY, new), report_of(POLICY, new)
    ids = [change.id for change in first.changes]
    assert ids == [change.id for change in second.changes]
    assert len(set(ids)) == len(ids) == 2
    modified = ChangeKind.MODIFIED
    assert change_fingerprint(modified, "A  b", "c") == change_fingerprint(modified, "a b", "C")


def test_a_change_id_outlives_a_new_reading_of_its_words() -> None:
    # a review names a change by its id: reading "U.S." as one word (since fold does) must not
    # change the id such a change had before, or its review would no longer apply
    old = "We share it with vendors (e.g. U.S. hosts)."
    new = "We share it with vendors (e.g. U.S. hosts and the U.K. office)."
    assert change_fingerprint(ChangeKind.MODIFIED, old, new) == "8d1bb45b"


def test_a_heading_reworded_into_its_equivalent_is_one_editorial_change() -> None:
    # "information" read as "data" throughout: the heading's words ("we", "collect") are in every
    # paragraph, so they propose no partner, and its letters differ too much to pair it alone
    body = "\n\n".join(f"We collect record {n} information when you use feature {n}." for n in range(70))
    old = f"# Policy\n\n## Information We Collect\n\n{body}\n"
    new = old.replace("information", "data").replace("Information", "Data")
    report = report_of(old, new)
    heading = [c for c in report.changes if c.new and c.new.text.startswith("##")]
    assert [(c.kind, c.severity) for c in heading] == [(ChangeKind.MODIFIED, Severity.EDITORIAL)]
    assert {c.severity for c in report.changes} == {Severity.EDITORIAL}


def test_a_sentence_moved_to_the_paragraph_before_is_text_moved() -> None:
    first = "We collect your name to create your account. We keep it while your account is open."
    share = "We share your order details with the courier that delivers it."
    sell = "We never sell your personal information to anyone."
    old = f"# Privacy\n\n{first}\n\n{share} {sell}\n"
    new = f"# Privacy\n\n{first} {share}\n\n{sell}\n"
    report = report_of(old, new)
    assert report.severity is Severity.EDITORIAL
    assert {r.rule for c in report.changes for r in c.reasons} == {"editorial.regrouped"}
    # the sentence moved and changed on its way is read as usual
    changed = new.replace("the courier that delivers it", "advertisers")
    assert report_of(old, changed).severity is Severity.MAJOR


def test_a_repeated_change_gets_a_suffixed_id() -> None:
    old = POLICY + "\nWe keep logs for 6 months.\n\nWe keep logs for 6 months.\n"
    ids = [change.id for change in report_of(old, old.replace("logs for 6", "logs for 12")).changes]
    assert len(ids) == 2 and ids[1] == f"{ids[0]}-2"


def test_stats_count_what_changed() -> None:
    new = POLICY.replace("6 months", "24 months") + "\n## 5. Contact\n\nWrite to privacy@example.com.\n"
    stats = report_of(POLICY, new).stats
    assert stats.old_clauses < stats.new_clauses
    assert dict(stats.by_kind)["added"] == 2 and dict(stats.by_kind)["modified"] == 1
    assert stats.words_inserted >= 1 and stats.words_deleted >= 1
    assert sum(count for _, count in stats.by_severity) == 3


def test_summary_names_both_versions() -> None:
    report = compare(load(str(JOYPIX_OLD)), load(str(JOYPIX_NEW)))
    assert report.old.source.endswith("privacy-v2.0.txt") and report.new.source.endswith("privacy-v2.1.html")
    assert report.old.sha256 != report.new.sha256
    assert report.severity is Severity.MAJOR and report.notice.required


def test_a_heading_that_became_a_short_label_still_names_a_topic() -> None:
    body = "\n\nWe show fewer ads to members.\n"
    old = "# Our policy\n\nWe keep things simple.\n\n## Personalised advertising" + body
    new = "# Our policy\n\nWe keep things simple.\n\nAbout personalised advertising" + body
    report = report_of(old, new)
    assert report.changes
    assert report.severity is Severity.EDITORIAL, [(c.severity, c.reasons[0].rule) for c in report.changes]


ROWS_OLD = """# Privacy Policy

| Purpose | What we do |
|---|---|
| Accounts | We use your e-mail address to run your account. |
"""

ROWS_NEW = ROWS_OLD + (
    "| Events | We host meetups for our customers.<br><br>"
    "If you attend one, we collect your passport number at the door.<br><br>"
    "We may give the list of attendees to the sponsors of the meetup. |\n"
)


def test_each_paragraph_of_an_added_row_gets_its_own_verdict() -> None:
    report = report_of(ROWS_OLD, ROWS_NEW)
    added = [c for c in report.changes if c.kind is ChangeKind.ADDED]
    passport = next(c for c in added if c.new and "passport" in c.new.text)
    sponsors = next(c for c in added if c.new and "sponsors" in c.new.text)
    assert passport is not sponsors
    assert passport.categories[0] is Category.COLLECTION and passport.severity is Severity.MAJOR
    assert sponsors.categories[0] is Category.SHARING and sponsors.severity is Severity.MAJOR
    assert len(added) == 3  # "| Events |" is too short to stand alone: it joins the next piece
    assert added[0].new is not None and added[0].new.text.startswith("| Events | We host meetups")


def test_the_pieces_of_a_row_tile_it() -> None:
    report = report_of(ROWS_OLD, ROWS_NEW)
    sides = sorted((c.new.start, c.new.end, c.new.text) for c in report.changes if c.new)
    row_start = report.new_text.index("| Events")
    assert sides[0][0] == row_start
    assert all(a[1] == b[0] for a, b in zip(sides, sides[1:], strict=False))
    assert "".join(text for _, _, text in sides) == report.new_text[row_start : sides[-1][1]]
    assert all(report.new_text[s:e] == text for s, e, text in sides)


def test_a_modified_row_stays_one_change() -> None:
    new = ROWS_OLD.replace(
        "to run your account. |", "to run your account.<br><br>We also keep it for a year. |"
    )
    report = report_of(ROWS_OLD, new)
    assert [c.kind for c in report.changes] == [ChangeKind.MODIFIED]


def test_items_that_lose_their_bullets_keep_their_lead_in() -> None:
    # a policy pasted as plain text: the list under a denial becomes paragraphs, in the same place
    listed = (
        "# Privacy\n\n## How we use data\n\nWe will not use your data beyond these purposes:\n\n"
        "- To run the service: processing your requests and storing your files;\n\n"
        "- To keep accounts safe: detecting fraud and abuse of the service.\n"
    )
    pasted = listed.replace("\n- ", "\n")
    report = compare(document(listed), document(pasted, "text"))
    assert report.severity is Severity.EDITORIAL, [
        (c.severity, [r.rule for r in c.reasons]) for c in report.changes
    ]


def test_markup_alone_is_no_change() -> None:
    # the same policy written as Markdown and as plain text: headings, bullets, emphasis, borders
    marked = (
        "# Privacy\n\n## What we collect\n\nWe collect **only** what you give us:\n\n"
        "- your _name_;\n- your email address.\n\n| Who | Why |\n| --- | --- |\n| Stripe | payments |\n"
    )
    plain = (
        "# Privacy\n\n## What we collect\n\nWe collect only what you give us:\n\n"
        "your name;\n\nyour email address.\n\n| Who | Why |\n| --- | --- |\n| Stripe | payments |\n"
    )
    report = compare(document(marked), document(plain, "text"))
    assert report.changes == () and report.severity is Severity.EDITORIAL  # the texts differ, no clause
    # a word, a number or a punctuation mark is still a change
    changed = compare(
        document(marked), document(marked.replace("your email address.", "your email address;"))
    )
    assert len(changed.changes) == 1


def test_a_longer_heading_is_still_a_title() -> None:
    # LABELING.md: headings are editorial; "EU" -> "EU, Switzerland and the UK" widens no practice
    old = "# Privacy\n\n## Notice for Users in the EU\n\nWe process your data under the GDPR.\n"
    new = old.replace("in the EU\n", "in the EU, Switzerland and the UK\n")
    report = compare(document(old), document(new))
    assert [(c.severity, [r.rule for r in c.reasons]) for c in report.changes] == [
        (Severity.EDITORIAL, ["editorial.chrome"])
    ]


# An added passage that shares almost none of the policy's words is text injected into a captured
# page (LABELING.md, Page capture); a new section of the policy's own shares far more.
_SPAM = (
    "Lucky spin jackpots await every gambler tonight: claim free rounds, unlock platinum tiers, "
    "multiply winnings, chase progressive slots, deposit cryptocurrency tokens, withdraw instantly, "
    "join tournaments, climb leaderboards, collect daily bonuses and celebrate huge payouts."
)
_NEW_SECTION = (
    "We also collect the voiceprints, heart rate readings, sleep cycles and menstrual tracking "
    "entries you record in the wellness app, and we share these readings with insurance partners "
    "and research institutes to price premiums and study fatigue."
)


def test_an_added_passage_off_the_policys_topic_goes_to_review() -> None:
    old = JOYPIX_OLD.read_text(encoding="utf-8")
    report = report_of(old, f"{old}\n\n{_SPAM}\n")
    (change,) = [c for c in report.changes if c.kind is ChangeKind.ADDED]
    assert change.severity is Severity.REVIEW
    assert change.reasons[0].rule == "review.off-topic" and "jackpots" in change.reasons[0].trigger


def test_a_new_section_of_new_practices_is_not_off_topic() -> None:
    old = JOYPIX_OLD.read_text(encoding="utf-8")
    voiceless = _NEW_SECTION.replace("We also collect", "The app also records").replace(
        "and we share these readings", "and these readings are shared"
    )
    for section in (_NEW_SECTION, voiceless):
        report = report_of(old, f"{old}\n\n{section}\n")
        (change,) = [c for c in report.changes if c.kind is ChangeKind.ADDED]
        assert change.severity is Severity.MAJOR and change.direction is Direction.EXPANDS, section


def test_a_short_policy_has_too_few_words_to_call_an_addition_off_topic() -> None:
    report = report_of(POLICY, f"{POLICY}\n\n{_SPAM}\n")
    assert all(r.rule != "review.off-topic" for c in report.changes for r in c.reasons)


def _sections(*names: str) -> list[str]:
    """Sections of four paragraphs each, words of their own so that none aligns with another's."""
    return [
        f"## {name}\n\n"
        + "\n\n".join(
            f"The {name.lower()} notes say {word} {i} plainly about {name.lower()} matters."
            for i, word in enumerate(("first", "second", "third", "fourth"))
        )
        for name in names
    ]


def test_a_moved_section_with_an_edited_paragraph_is_one_moved_change() -> None:
    names = ("Alpha", "Bravo", "Charlie", "Delta", "Echo")
    old = _sections(*names)
    new = [old[0], old[4].replace("second 1 plainly", "second 1 quite plainly"), old[1], old[2], old[3]]
    report = report_of("# Policy\n\n" + "\n\n".join(old), "# Policy\n\n" + "\n\n".join(new))
    moved = [c for c in report.changes if c.kind is ChangeKind.MOVED]
    assert len(moved) == 1
    assert moved[0].old is not None and "quite" not in moved[0].old.text
    assert moved[0].new is not None and "quite plainly" in moved[0].new.text


def test_a_moved_section_with_a_rewritten_paragraph_is_one_moved_change() -> None:
    names = ("Alpha", "Bravo", "Charlie", "Delta", "Echo")
    old = _sections(*names)
    rewritten = old[4].replace(
        "The echo notes say second 1 plainly about echo matters.",
        "Entirely different wording now stands here.",
    )
    new = [old[0], rewritten, old[1], old[2], old[3]]
    report = report_of("# Policy\n\n" + "\n\n".join(old), "# Policy\n\n" + "\n\n".join(new))
    assert [c.kind for c in report.changes].count(ChangeKind.MOVED) == 1
    assert not [c for c in report.changes if c.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)]


def test_a_number_changed_inside_a_moved_block_is_read_not_renumbered() -> None:
    # a moved run of clauses that ends in a heading is judged as a heading's numbering only where
    # the changed number opens a heading's line: "for 5 years" → "for 15 years" is a period
    names = ("Alpha", "Bravo", "Charlie", "Delta", "Echo")
    old = _sections(*names)
    old[4] = old[4] + "\n\nWe keep the echo records for 5 years after you leave."
    moved = old[4].replace("for 5 years", "for 15 years")
    new = [old[0], moved, old[1], old[2], old[3]]
    report = report_of("# Policy\n\n" + "\n\n".join(old), "# Policy\n\n" + "\n\n".join(new))
    changed = [c for c in report.changes if c.new is not None and "15 years" in c.new.text]
    assert changed and changed[0].severity is Severity.MAJOR
    assert changed[0].categories[0] is Category.RETENTION


def test_the_notice_prefilter_finds_a_word_of_every_phrase_it_stands_for() -> None:
    # promised_notice skips clauses by a word read in C before its phrase search: no phrase of the
    # concepts it needs may lack that word, or a promise would go unread
    from policydiff.classify.promise import _TELLING, _words_of
    from policydiff.model import Category

    notice = default_rulebook().by_category(Category.NOTICE)
    for concepts, last in ((_TELLING, True), (("changes",), False)):
        pattern = _words_of(notice.term_entries, concepts, last=last)
        phrases = [phrase.replace("*", "s") for phrase, concept in notice.term_entries if concept in concepts]
        assert phrases and all(pattern.search(phrase) for phrase in phrases)


# A list right under a heading is read with the heading as its lead-in: a heading that states a
# practice ("Data we collect") or names the user's rights; "Contents" leads nothing.
def _notice(block: str) -> Report:
    """The report on a short notice whose only change is ``block`` (old → new, split by " ⇒ ")."""
    old, new = block.split(" ⇒ ")
    intro = "# Notice\n\nHow Example Ltd handles data.\n\n"
    return compare(document(intro + old), document(intro + new))


def test_an_item_added_under_a_heading_that_states_a_practice_is_read_as_one() -> None:
    items = "## Data we collect\n\n- Name\n- Email address\n"
    report = _notice(f"{items} ⇒ {items}- Precise location\n")
    assert report.severity is Severity.MAJOR
    assert report.changes[0].reasons[0].rule == "collection.added"


def test_an_item_removed_under_a_rights_heading_is_a_right_removed() -> None:
    report = _notice("## Your rights\n\n- Access\n- Deletion\n ⇒ ## Your rights\n\n- Access\n")
    assert report.severity is Severity.MAJOR
    assert report.changes[0].reasons[0].rule == "rights.removed"


def test_a_choice_removed_under_a_choices_heading_is_a_right_removed() -> None:
    items = "## Your privacy choices\n\n- Unsubscribe from newsletters\n"
    report = _notice(f"{items}- Switch off location sharing\n ⇒ {items}")
    assert report.severity is Severity.MAJOR
    assert report.changes[0].reasons[0].rule == "rights.removed"


def test_an_item_under_a_contents_heading_states_nothing() -> None:
    body = "## Who we are\n\nAcme Ltd.\n\n## How we protect your data\n\nWe encrypt it.\n"
    contents = "## Contents\n\n- Who we are\n"
    report = _notice(f"{contents}- How we protect your data\n\n{body} ⇒ {contents}\n{body}")
    assert report.severity is not Severity.MAJOR


# A company new to a list of named recipients is expands (LABELING.md, Recipients); under a class of
# recipients ("Our partners include:") a named company is an instance of it.
def test_a_company_added_to_a_list_of_named_recipients_is_major() -> None:
    items = "We share your data with:\n\n- Swift Couriers\n"
    report = _notice(f"{items} ⇒ {items}- Parcelhub Logistics\n")
    assert report.severity is Severity.MAJOR
    assert report.changes[0].reasons[0].rule == "sharing.company-added"


def test_a_company_added_under_a_class_of_recipients_is_an_instance() -> None:
    items = "Our partners include:\n\n- Swift Couriers\n"
    report = _notice(f"{items} ⇒ {items}- Parcelhub Logistics\n")
    assert report.severity is Severity.MINOR


def test_a_personal_notice_of_changes_replaced_by_a_posted_one_is_major() -> None:
    # the old clause removed and the new one added: the channel and the lead time are the promise
    # itself, not things a practice acts on, so the promise did not go "with its practice"
    report = _notice(
        "## Changes\n\nWe will email you two weeks before a material change applies.\n"
        " ⇒ ## Changes\n\nThe current version is always on our website.\n"
    )
    assert report.severity is Severity.MAJOR
    assert "notice.went-with-its-promise" not in {r.rule for c in report.changes for r in c.reasons}


def test_a_short_section_moved_with_its_period_changed_is_read() -> None:
    # a moved block that holds a heading and the paragraph under it is read as the paragraph: no
    # heading's rewording, though it is short
    old = "## Sharing\n\nWe share data with processors.\n\n## Retention\n\nWe keep data for one year.\n\n"
    new = "## Retention\n\nWe keep data for two years.\n\n## Sharing\n\nWe share data with processors.\n\n"
    tail = "## Contact\n\nWrite to help@example.org with any question.\n"
    report = _notice(f"{old}{tail} ⇒ {new}{tail}")
    changed = [c for c in report.changes if c.new is not None and "two years" in c.new.text]
    assert changed and changed[0].severity is Severity.MAJOR
    assert changed[0].categories[0] is Category.RETENTION


def test_a_right_in_a_table_that_now_takes_an_email_is_harder_to_use() -> None:
    # a row under "| Right | How to use it |": the row names how the user acts, with no "you can"
    table = "| Right | How to use it |\n| --- | --- |\n| Access | In the app |\n"
    report = _notice(
        f"{table}| Erasure | In the app |\n ⇒ {table}| Erasure | By email to privacy@example.org |\n"
    )
    assert report.severity is Severity.MAJOR
    assert "rights.self-service-to-request" in [r.rule for c in report.changes for r in c.reasons]


def test_a_removed_section_saying_where_data_stays_is_a_promise_removed() -> None:
    # "your data remains in Canada" is a promise about where it goes (GDPR Art. 44): gone whole with
    # its heading, the place named nowhere else, a lawyer decides (it is no practice that went)
    report = _notice(
        "## Security\n\nWe encrypt backups.\n\n## Where data is kept\n\nYour records remain in Canada.\n"
        " ⇒ ## Security\n\nWe encrypt backups.\n"
    )
    assert report.severity is Severity.REVIEW
    assert "review.promise-removed" in [r.rule for c in report.changes for r in c.reasons]


_COLLECTING = """# Privacy

## Information We Collect About You

We collect your name and email address when you sign up. We collect your device type and the pages you visit.

## Sharing

We share your email address with our hosting provider.
"""


def test_a_sentence_about_the_text_under_a_practice_heading_states_no_practice() -> None:
    aside = "A short summary of this section appears at the end of the page for your convenience."
    practice = "As this section explains, we also gather the notes you keep in the app."
    for added, wanted in ((aside, {Severity.MINOR}), (practice, {Severity.MAJOR, Severity.REVIEW})):
        new = _COLLECTING.replace("pages you visit.\n", f"pages you visit.\n\n{added}\n")
        (change,) = [c for c in report_of(_COLLECTING, new).changes if c.kind is ChangeKind.ADDED]
        assert change.severity in wanted, (added, change.reasons)
