"""policydiff.commands.init: a commented config every command accepts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import (
    COMMANDS_NOW,
    COMMANDS_TODAY,
    JOYPIX_POLICY,
    command_project,
)
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.commands.init import config_text, init_project
from policydiff.config import Organization, load_settings
from policydiff.errors import InputError

TODAY, NOW, JOYPIX = COMMANDS_TODAY, COMMANDS_NOW, JOYPIX_POLICY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return command_project(tmp_path, monkeypatch)


# ---------------------------------------------------------------------- init


def test_init_writes_a_config_every_command_accepts(tmp_path: Path) -> None:
    organization = Organization('Joy "Pix" \\ LLC', "JoyPix.ai", "support@joypix.ai", "https://joypix.ai/")
    done = init_project(tmp_path / "policydiff.toml", organization)
    settings = load_settings(done.config)
    assert settings.organization == Organization(
        'Joy "Pix" \\ LLC', "JoyPix.ai", "support@joypix.ai", "https://joypix.ai/"
    )
    assert settings.email.sender == "support@joypix.ai"
    assert [p.id for p in settings.policies] == ["privacy"] and settings.policies[0].url is None
    assert '# url = "https://joypix.ai/privacy"' in done.config.read_text()
    assert done.archive == tmp_path / "policies" and done.archive.is_dir()
    with pytest.raises(InputError, match="already exists; use --force"):
        init_project(tmp_path / "policydiff.toml", Organization("Other"))
    assert load_settings(done.config).organization.name == 'Joy "Pix" \\ LLC'
    assert init_project(tmp_path / "policydiff.toml", Organization("Other"), force=True).overwritten
    assert load_settings(done.config).organization.name == "Other"


def test_init_without_answers_leaves_examples_commented() -> None:
    data = tomllib.loads(config_text(Organization()))
    assert data["organization"] == {} and data["archive"] == {"path": "policies"}


def test_init_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["init", "--name", "JoyPix LLC", "--website", "joypix.ai"])
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("policydiff: ")
        and "organization.website: must be an http(s) URL" in result.stderr
    )
    assert not (tmp_path / "policydiff.toml").exists()
    result = runner.invoke(app, ["init", "--name", "JoyPix LLC", "--contact", "support@joypix.ai"])
    assert (
        result.exit_code == 0
        and result.stdout == "wrote policydiff.toml; versions will be kept in policies/\n"
    )
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 2 and "policydiff.toml: already exists; use --force" in result.stderr
    assert runner.invoke(app, ["init", "--force", "--product", "JoyPix.ai"]).exit_code == 0
    assert load_settings(tmp_path / "policydiff.toml").organization == Organization("", "JoyPix.ai")
