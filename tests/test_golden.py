"""Golden reports of the bundled fixtures: ``compare`` then ``render``, byte for byte.

A change of judgement shows here as a diff; when it is intended, ``pytest --update-golden``
rewrites the files and the diff is reviewed in the commit.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import JOYCLIP_NEW, JOYCLIP_OLD, JOYPIX_NEW, JOYPIX_OLD, ROOT, assert_golden

from policydiff.compare import compare
from policydiff.load import load
from policydiff.model import Document, Report
from policydiff.render import RenderOptions, render_text

PAIRS = {"joypix": (JOYPIX_OLD, JOYPIX_NEW), "joyclip": (JOYCLIP_OLD, JOYCLIP_NEW)}
SUFFIX = {"text": "txt", "json": "json", "md": "md"}


def fixture(path: Path) -> Document:
    # the source as a user types it from the repository root, wherever the tests run
    return replace(load(str(path)), source=path.relative_to(ROOT).as_posix())


@pytest.fixture(scope="module", params=sorted(PAIRS))
def pair_report(request: pytest.FixtureRequest) -> tuple[str, Report]:
    old, new = PAIRS[request.param]
    return request.param, compare(fixture(old), fixture(new))


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_fixture_reports(pair_report: tuple[str, Report], fmt: str) -> None:
    name, report = pair_report
    assert_golden(f"{name}.{SUFFIX[fmt]}", render_text(report, fmt, RenderOptions(color=False, width=100)))
