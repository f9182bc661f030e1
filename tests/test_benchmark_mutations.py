"""The rewrites of ``benchmarks/mutations.py``, on a policy of my own: each changes the text, and
each material one can be found again in what it changed.

No corpus, no policydiff run: every test here takes milliseconds.
"""

from __future__ import annotations

import random

import pytest
from helpers import load_benchmark

pytestmark = pytest.mark.fast


probe = load_benchmark("mutations")

_LONG = (
    "We collect your name, email address and phone number when you sign up for an account, "
    "and we do not sell it to anyone in any way."
)
POLICY = f"""# Acme Privacy Policy

Last updated: 4 May 2025

## Information we collect

{_LONG}

- Account details you give us.
- Usage information from the app.

## How long we keep it

We retain your usage information for 30 days after you close your account, prior to deletion in our systems.

## Your rights

You have the right to ask us to delete your information, and we will respond within 30 days of your request.

## Children

The app is not for children under 13, and we only share data with service providers who help us run it.
"""


def test_every_editorial_rewrite_changes_the_text_it_names() -> None:
    kinds = {m.kind: m for m in probe.editorial("acme", POLICY, random.Random(1))}
    assert {"contraction", "plain-words", "information-data", "spelled-numbers", "date"} <= set(kinds)
    assert "before deletion" in kinds["plain-words"].text
    assert "thirty (30) days" in kinds["spelled-numbers"].text
    assert "March 3, 2027" in kinds["date"].text
    assert all(not m.material for m in kinds.values())


def test_every_material_rewrite_can_be_found_in_its_side() -> None:
    mutations = list(probe.material("acme", POLICY, random.Random(1)))
    kinds = {m.kind for m in mutations}
    assert {"added-sale", "deleted-right", "longer-period", "age-lowered", "only-dropped"} <= kinds
    for mutation in mutations:
        assert mutation.material and mutation.text != POLICY
        side = POLICY if mutation.removed else mutation.text
        assert mutation.find in side
    longer = next(m for m in mutations if m.kind == "longer-period")
    assert "90 days" in longer.find
