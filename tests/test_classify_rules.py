"""The rule files as ``classify/rules.py`` reads them: the ontology tables and their checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policydiff.classify import load_rulebook
from policydiff.classify.rulebook import Rule, RuleBook
from policydiff.errors import InputError
from policydiff.model import Category

PACKAGED = Path(load_rulebook.__code__.co_filename).with_name("rules")


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the packaged rules with ``old`` replaced by ``new`` (once) in ``file``."""
    folder = tmp_path / "rules"
    shutil.copytree(PACKAGED, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}: the test must follow it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rulebook()


@pytest.mark.parametrize("category", list(Category))
def test_every_packaged_concept_cites_its_source(rulebook: RuleBook, category: Category) -> None:
    rules = rulebook.by_category(category)
    concepts = {concept for _, concept in rules.term_entries}
    assert concepts == set(rules.sources)
    assert all(source.strip() for source in rules.sources.values())


def test_lineage_walks_up_the_parents(rulebook: RuleBook) -> None:
    collection = rulebook.by_category(Category.COLLECTION)
    assert collection.lineage("postal_code") == ("postal_code", "postal_address")
    assert collection.kinds_above("face") == ("biometric",)
    assert collection.kinds_above("email") == ()


def test_a_phrase_names_one_kind_of_data_only(rulebook: RuleBook) -> None:
    phrases = [phrase for phrase, _ in rulebook.by_category(Category.COLLECTION).term_entries]
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("Write to our mailing address.", ("contact", "contact"), ("collection", "postal_address")),
        ("We collect your mailing address.", ("collection", "postal_address"), ("contact", "contact")),
        ("Call our phone number or give us your phone number.", ("collection", "phone"), None),
    ],
)
def test_not_after_gives_a_term_to_the_party_it_belongs_to(
    rulebook: RuleBook, text: str, wanted: tuple[str, str], unwanted: tuple[str, str] | None
) -> None:
    found = [(m.category.value, m.name) for m in rulebook.find_terms(text) if m.category]
    assert wanted in found
    assert unwanted not in found
    if unwanted is None:  # only the user's number is data about the user
        assert found.count(("collection", "phone")) == 1


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("We publish the reviews you write.", True),
        ("A moderator reviews every report.", False),  # a verb: a determiner follows it
        ("Our bot posts the weekly summary.", False),
        ("We read posts your friends share.", True),  # a relative clause, not a verb
    ],
)
def test_a_plural_data_noun_before_a_determiner_is_a_verb(rulebook: RuleBook, text: str, read: bool) -> None:
    found = [m.text.casefold() for m in rulebook.find_terms(text) if m.category is Category.COLLECTION]
    assert any(word in ("reviews", "posts") for word in found) is read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("We obtain your billing address from your bank.", True),
        ("You can obtain a copy of your statements.", False),  # the user's act (user_acts)
        ("You may also obtain a copy of your statements.", False),
        ("When you order, we collect your billing address.", True),
    ],
)
def test_a_collecting_verb_of_the_users_is_no_collection(rulebook: RuleBook, text: str, read: bool) -> None:
    found = [m.name for m in rulebook.find_terms(text) if m.category is Category.COLLECTION]
    assert ("collect" in found) is read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("We keep your files for 30 days.", True),
        ("We keep your files confidential.", False),  # a state, no period (kept_safe)
        ("We keep your messages encrypted end to end.", False),
        ("We store your files securely for 30 days.", True),  # "for 30 days" says how long
        ("We keep your files safe and delete them after a year.", False),
        ("We have tried to keep this notice short.", False),  # the text in a reader's state
        ("We use age checks to keep children off our forums.", False),  # a place kept from
        ("We keep out-of-date records for a year.", True),
    ],
)
def test_a_keeping_verb_that_ends_on_a_safe_state_is_no_retention(
    rulebook: RuleBook, text: str, read: bool
) -> None:
    found = [m.name for m in rulebook.find_terms(text) if m.category is Category.RETENTION]
    assert ("retain" in found) is read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("We store your files on our servers.", True),
        ("Cookies are files stored on your computer.", False),  # the user's equipment (concept_not_before)
        ("Cookies are stored in your browser and used to recognise you.", False),  # no party after a keeping
        ("Your passwords are never stored on your phone.", True),  # denied: still a promise about keeping
        ("We keep a copy on your behalf.", True),  # "on your" alone is no place
    ],
)
def test_a_keeping_on_the_users_own_equipment_is_no_retention(
    rulebook: RuleBook, text: str, read: bool
) -> None:
    found = [m.name for m in rulebook.find_terms(text) if m.category is Category.RETENTION]
    assert ("retain" in found) is read


def test_a_named_company_is_a_kind_of_its_class(rulebook: RuleBook) -> None:
    sharing = rulebook.by_category(Category.SHARING)
    assert sharing.kinds_above("stripe") == ("payment_processors", "service_providers")
    assert sharing.sources["stripe"] == sharing.sources["payment_processors"]
    found = [(m.name, m.text) for m in rulebook.find_terms("We pass your name to Stripe.") if m.category]
    assert ("stripe", "Stripe") in found


def test_a_place_needs_a_transfer_in_its_sentence(rulebook: RuleBook) -> None:
    transfer = rulebook.by_category(Category.TRANSFER)
    assert "transfer.transfer" in transfer.required_for("japan")
    assert "retention.retain" in transfer.required_for("japan")
    assert transfer.required_for("ireland") == transfer.required_for(
        "eu"
    )  # an instance asks what its region asks
    assert transfer.kinds_above("ireland") == ("eu", "eea", "europe", "worldwide")


def test_a_shared_word_list_reaches_each_concept_it_names(rulebook: RuleBook) -> None:
    transfer = rulebook.by_category(Category.TRANSFER)
    assert "residents of" in transfer.concept_not_after["canada"]
    assert "residents of" in transfer.concept_not_after["eu"]
    assert "customers" in transfer.concept_not_after["worldwide"]  # its own list kept beside them
    assert transfer.concept_not_before["switzerland"].match(" data protection act")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("If the UK GDPR applies to you, you may ask us for a copy.", False),
        ("EU residents may ask us for a copy of their data.", False),
        ("If you are located in the European Economic Area, you may contact our representative.", False),
        ("Residents of the United States can ask us for a copy.", False),
        ("Our servers are located in Ireland.", True),
        ("We store backups in the UK.", True),
        ("Your data may be transferred to the EU and Switzerland.", True),
    ],
)
def test_a_place_named_as_a_laws_or_the_users_is_no_place(rulebook: RuleBook, text: str, place: bool) -> None:
    found = [m for m in rulebook.find_terms(text) if m.category is Category.TRANSFER and m.name != "transfer"]
    assert bool(found) is place


def test_a_mirrored_swap_reads_the_named_swap_the_other_way(rulebook: RuleBook) -> None:
    swaps = {rule.id: rule for rule in rulebook.by_category(Category.RIGHTS).rules}
    there, back = swaps["rights.self-service-to-request"], swaps["rights.request-to-self-service"]

    def phrases(rule: Rule, slot: str) -> list[str]:
        return [phrase for name, phrase in rule.phrase_entries if name == slot]

    assert phrases(back, "old") == phrases(there, "new") and phrases(back, "new") == phrases(there, "old")
    assert "in settings" in phrases(back, "new") and "calling us" in phrases(back, "old")


def test_a_rule_reads_a_concept_of_its_terms_by_name(rulebook: RuleBook) -> None:
    rules = rulebook.by_category(Category.LEGAL_BASIS)
    swap = next(rule for rule in rules.rules if rule.id == "legal_basis.consent-to-interests")
    consent = [phrase for phrase, concept in rules.term_entries if concept == "consent_basis"]
    old = [phrase for name, phrase in swap.phrase_entries if name == "old"]
    assert sorted(old) == sorted(consent) and "you agreed" in old and "terms.consent_basis" not in old


def test_as_subject_names_practice_classes(rulebook: RuleBook) -> None:
    assert rulebook.by_category(Category.SHARING).as_subject == frozenset({"collect", "use"})
    assert rulebook.by_category(Category.COLLECTION).as_subject == frozenset()


def test_a_notice_names_a_concept_in_a_users_words(rulebook: RuleBook) -> None:
    collection = rulebook.by_category(Category.COLLECTION)
    assert collection.label("email") == "email address"  # the name, or its first phrase if it says more
    assert collection.label("ip_address") == "IP address" and collection.label("collect") is None
    assert collection.label("card") == "payment card details"  # [labels]
    assert rulebook.by_category(Category.SHARING).label("aws") == "AWS"  # a named company
    assert rulebook.by_category(Category.TRANSFER).label("united_states") == "United States"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("collection.toml", 'postal_code = "postal_address"', 'postal_code = "whereabouts"',
         "parent of 'postal_code' is 'whereabouts'"),
        ("collection.toml", "[parent]\n", '[parent]\npostal_address = "postal_code"\n', "cycle"),
        ("collection.toml", 'passport = "CCPA', '# passport = "CCPA',
         r"concepts without a \[source\]: passport"),
        ("collection.toml", "[source]\n", '[source]\nhoroscope = "nowhere"\n',
         "names horoscope, not concepts"),
        ("sharing.toml", "[instances]\n", '[instances]\nfortune_tellers = ["madame zora"]\n',
         "names fortune_tellers, not a concept"),
        ("sharing.toml", "[instances]\n", '[instances]\ninsurers = ["stripe"]\n', "'stripe' is named twice"),
        ("transfer.toml", 'japan = ["transfer"', 'japan = ["teleport"', "names teleport, not concepts"),
        ("sharing.toml", 'as_subject = ["collect", "use"]', 'as_subject = ["juggle"]',
         "as_subject names juggle"),
        ("ai.toml", "[labels]\n", '[labels]\nhoroscope = "stars"\n',
         r"\[labels\] names horoscope, not concepts"),
        ("ai.toml", 'models = "AI models"', 'models = ""',
         r"'\[labels\]' must map concepts to non-empty strings"),
        ("cues.toml", 'on_practice = "protects"', 'on_practice = "sometimes"',
         "'on_practice' must be one of"),
        ("cues.toml", 'on_denial = "protects"', 'on_denial = "often"', "'on_denial' must be one of"),
        ("cues.toml", 'governs = "before"', 'governs = "aside"',
         "cue.despite: 'governs' must be after or before"),
        ("transfer.toml", 'protects = ["safeguards"]', 'protects = ["umbrellas"]',
         "protects names umbrellas"),
        ("cues.toml", "practice_says_removed = ", "practice_said_removed = ",
         "'on_practice' needs practice_says_removed"),
        ("cues.toml", 'category = "sharing"  #', 'category = "gossip"  #',
         "swap cue.private-to-public: 'category' must be one of"),
        ("cues.toml", 'effect = "protects"\ncategory = "ai"', 'effect = "protects"\ncategory = "robots"',
         "cue cue.human-review: 'category' must be one of"),
        ("notice.toml", "same = [", "sane = [", "unknown keys sane"),
        ("collection.toml", 'approximate_location = "precise_location"\n\n[parent]',
         'approximate_location = "pinpoint"\n\n[parent]', r"\[coarser\] names pinpoint, not concepts"),
        ("notice.toml", 'by_email = "posted"', 'by_email = "smoke signals"',
         r"\[firmer\] names smoke signals"),
        ("rights.toml", 'hurdles = ["verify"]', 'hurdles = ["moat"]', "hurdles names moat, not concepts"),
        ("sharing.toml", 'sell = "share"\n', 'sell = "barter"\n',
         r"\[narrower_acts\] names barter, not concepts"),
        ("retention.toml", 'bounded = ["retain"]', 'bounded = ["forever"]',
         "bounded names forever, not concepts"),
        ("retention.toml", 'denied_keeps_sense = ["retain"]', 'denied_keeps_sense = ["hoard"]',
         "denied_keeps_sense names hoard, not concepts"),
        ("retention.toml", 'bounded_unless_rules = ["retention.open-ended", "retention.open-ended-criteria"]',
         'bounded_unless_rules = ["retention.eternal"]',
         "bounded_unless_rules names retention.eternal, not rules"),
        ("transfer.toml", 'denial_explains = ["safeguards"]', 'denial_explains = ["excuses"]',
         "denial_explains names excuses, not concepts"),
        ("rights.toml", '"refusal", "refused", "free"]', '"refusal", "shrug"]',
         "synonyms names shrug, not concepts"),
        ("rights.toml", 'mirror_of = "rights.self-service-to-request"', 'mirror_of = "rights.nowhere"',
         "request-to-self-service: 'mirror_of' must name a swap rule of this file"),
        ("rights.toml", 'mirror_of = "rights.self-service-to-request"',
         'mirror_of = "rights.self-service-to-request"\nold = ["in person"]',
         "a mirrored rule takes its phrases from rights.self-service-to-request"),
        ("rights.toml", 'access = ["identity_document"]', 'teleport = ["passport"]',
         "object_not names teleport, not concepts"),
        ("rights.toml", 'access = ["identity_document"]', "access = 3", "object_not.access"),
        ("rights.toml", "respond = 31", "verify = 31",
         r"\[within_law\] names verify, not concepts of 'bounded'"),
        ("rights.toml", "respond = 31", 'respond = "a month"',
         "must map concepts to a number of days above 0"),
        ("rights.toml", "respond = 31", "respond = 0", "must map concepts to a number of days above 0"),
        ("legal_basis.toml", 'new = ["legitimate interest*"]', 'new = ["terms.goodwill"]',
         "'terms.goodwill' names no concept of 'terms'"),
        ("cues.toml", 'on_practice = "neutral"\npractice_says = ',
         'on_practice = "narrows"\npractice_says = ', "swap cue.will-to-may: 'on_practice' must be neutral"),
        ("cues.toml", "practice_says = ", "practice_said = ",
         "swap cue.will-to-may: 'on_practice' needs practice_says"),
        ("transfer.toml", 'concepts = ["eea", "eu", "united_kingdom", "switzerland"]',
         'concepts = ["eea", "atlantis"]', "concept_not_before_shared names atlantis, not concepts"),
        ("transfer.toml", '[[concept_not_after_shared]]\nconcepts = [',
         '[[concept_not_after_shared]]\nplaces = [', r"each \[\[concept_not_after_shared\]\] holds concepts"),
    ],
)  # fmt: skip
def test_a_broken_ontology_table_is_named(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        load_rulebook(_broken(tmp_path, file, old, new))


def test_an_age_alone_is_read_as_the_childrens_threshold_a_count_of_things_is_not(rulebook: RuleBook) -> None:
    from policydiff.classify.profile import Region, profile

    def numbers(text: str) -> list[tuple[str, Category | None]]:
        found = profile(Region(text, [(0, len(text))]), rulebook)
        return [(quantity.text, category) for quantity, category in found.numbers]

    assert numbers("You must be at least 16 to open an account.") == [("at least 16", Category.CHILDREN)]
    assert numbers("Members aged 18 or older may vote.") == [("aged 18", Category.CHILDREN)]
    assert numbers("Passwords need at least 16 characters.")[0][1] is None


def test_the_phrases_of_a_synonym_concept_are_one_member_and_no_verb(rulebook: RuleBook) -> None:
    from policydiff.classify.profile import member_key
    from policydiff.classify.rulebook import Match

    rights = rulebook.by_category(Category.RIGHTS)
    keys = {
        member_key(Match("opt_out", Category.RIGHTS, words, 0, len(words)), rights)
        for words in ("opt out", "unsubscribe")
    }
    assert keys == {"opt_out"}
    assert (
        "opt_out" in rights.synonyms and "opt_out" not in rights.grouped
    )  # no verb: its going is a right gone


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("This summary is provided to enable you to choose.", False),  # an infinitive of purpose
        ("Your details are provided to our couriers.", True),
        ("Your details are provided to help desks we hire.", True),  # "help" a noun's word: a party
    ],
)
def test_a_sharing_phrase_ending_in_to_before_a_verb_is_no_sharing(
    rulebook: RuleBook, text: str, read: bool
) -> None:
    found = [m.name for m in rulebook.find_terms(text) if m.category is Category.SHARING]
    assert ("share" in found) is read
