"""policydiff.classify.definitions: the term a clause defines and what it says the term means."""

from __future__ import annotations

from policydiff.classify.definitions import defined_term, definition_body


def test_the_defined_term_quoted_bold_or_capitalised() -> None:
    assert defined_term('"Personal Data" means any information') == "Personal Data"
    assert defined_term("3. **Account**: means your registration with us;") == "Account"
    # a capitalised name may join its words with "and", "of", "or"
    assert defined_term("**Terms of Use** means the contract you accept.") == "Terms of Use"
    assert defined_term("Products and Services: the hosting we sell.") == "Products and Services"
    assert defined_term("We collect your email address.") is None


def test_the_body_is_what_follows_the_defining_word_folded() -> None:
    assert definition_body("6. **Services**: means the Hosting we provide;") == definition_body(
        "7. **Products and Services**: means the hosting we provide;"
    )
    assert definition_body("**Services**: means the hosting we provide") != definition_body(
        "**Services**: means the hosting and backups we provide"
    )
    assert definition_body("We host your apps.") is None
