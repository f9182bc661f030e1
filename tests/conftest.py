"""Shared pytest configuration: the ``--update-golden`` option."""

from __future__ import annotations

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
