"""Shared pytest configuration: the ``--update-golden`` option, and a rule cache of the session's own."""

from __future__ import annotations

from collections.abc import Iterator

import helpers
import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing",
    )


def pytest_configure(config: pytest.Config) -> None:
    helpers.set_update_golden(bool(config.getoption("--update-golden")))


@pytest.fixture(autouse=True, scope="session")
def _rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs keep the compiled rule book in a folder of the test session, never in the user's cache
    (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        yield
