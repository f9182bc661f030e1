"""policydiff.config: finding ``policydiff.toml``, and one clear line for every kind of bad value."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.config import CONFIG_NAME, Settings, find_config, load_settings
from policydiff.errors import InputError
from policydiff.model import Category, Direction


def write(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_config_reads_as_the_spec_describes() -> None:
    settings = load_settings(FIXTURES / CONFIG_NAME)
    assert settings.organization.name == "JoyPix LLC" and settings.organization.website == "https://joypix.ai"
    assert settings.notice.period_days == 30 and settings.notice.major is None
    assert settings.email.sender == "privacy@joypix.ai"
    assert settings.archive == FIXTURES / "policies"
    joypix = settings.policy("joypix")
    assert (joypix.url, joypix.source, joypix.select, joypix.remove) == (
        None,
        str(FIXTURES / "joypix" / "privacy-v2.1.html"),
        "main",
        (".cookie-banner",),
    )
    assert settings.policy("joyclip").source == str(FIXTURES / "joyclip" / "privacy-2026-04-01.md")


def test_the_config_is_found_walking_up(tmp_path: Path) -> None:
    config = write(tmp_path, '[archive]\npath = "history"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == config
    settings = load_settings(None, search_from=deep)
    assert settings.path == config and settings.archive == tmp_path / "history"


def test_no_config_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(None, search_from=tmp_path) == Settings()
    assert load_settings(None) == Settings()


def test_major_rules_and_period(tmp_path: Path) -> None:
    config = write(tmp_path, '[notice]\nperiod_days = 45\nmajor = ["sharing:expands", "ai"]\n')
    notice = load_settings(config).notice
    assert notice.period_days == 45
    assert notice.major == frozenset(
        {(Category.SHARING, Direction.EXPANDS), (Category.AI, Direction.EXPANDS)}
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "archivee = 1\n",
            "config.archivee: unknown key (allowed: organization, notice, email, archive, policy)",
        ),
        ("[organization]\nname = 'x'\nfax = '1'\n", "organization.fax: unknown key"),
        ("[organization]\nname = 5\n", "organization.name: must be a string (got 5)"),
        (
            "[organization]\nwebsite = 'joypix.ai'\n",
            "organization.website: must be an http(s) URL (got 'joypix.ai')",
        ),
        ("[organization]\ncontact = 'call us'\n", "organization.contact: must be an e-mail address or a URL"),
        ("[notice]\nperiod_days = 'thirty'\n", "notice.period_days: must be a whole number of days"),
        ("[notice]\nperiod_days = 400\n", "notice.period_days: must be a whole number of days from 0 to 366"),
        ("[notice]\nperiod_days = true\n", "notice.period_days: must be a whole number"),
        (
            "[notice]\nmajor = ['sharing:grows']\n",
            "notice.major: 'sharing:grows' is not 'category:direction'",
        ),
        ("[notice]\nmajor = 'x:y'\n", "notice.major: 'x:y' is not 'category:direction'"),
        ("[email]\nfrom = 'privacy'\n", "email.from: must be an e-mail address (got 'privacy')"),
        ("[archive]\npath = 5\n", "archive.path: must be a string (got 5)"),
        ("archive = 'policies'\n", "archive: must be a table"),
        ("policy = 'joypix'\n", "config.policy: must be an array of tables ([[policy]])"),
        (
            "[[policy]]\nid = 'JoyPix'\n",
            "policy[1].id: must be lowercase letters, digits, '-' or '_' (got 'JoyPix')",
        ),
        ("[[policy]]\ntitle = 'no id'\n", "policy[1].id: must be lowercase letters"),
        ("[[policy]]\nid = 'a'\n[[policy]]\nid = 'a'\n", "policy[2].id: duplicate policy id 'a'"),
        ("[[policy]]\nid = 'a'\nurl = 'ftp://joypix.ai/privacy'\n", "policy[1].url: must be an http(s) URL"),
        ("[[policy]]\nid = 'a'\nurl = 'https://'\n", "policy[1].url: must be an http(s) URL"),
        ("[[policy]]\nid = 'a'\nselect = 'main >'\n", "policy[1].select: bad CSS selector 'main >'"),
        ("[[policy]]\nid = 'a'\nremove = ['.ok', '[x']\n", "policy[1].remove: bad CSS selector '[x'"),
        ("[[policy]]\nid = 'a'\nremove = [1]\n", "policy[1].remove: must be a list of strings"),
        ("[[policy]]\nid = 'a'\nschedule = 'daily'\n", "policy[1].schedule: unknown key"),
    ],
)
def test_a_bad_value_is_one_line_naming_file_key_and_problem(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        load_settings(config)
    assert error.value.message.startswith(f"{config}: {message}"), error.value.message
    assert "\n" not in error.value.message and error.value.exit_code == 2


def test_unreadable_configs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.toml: no such config file"):
        load_settings(tmp_path / "missing.toml")
    with pytest.raises(InputError, match=r"policydiff.toml: not valid TOML: .*line 1"):
        load_settings(write(tmp_path, "[organization\n"))
    (tmp_path / "bad.toml").write_bytes(b"name = '\xff'\n")
    with pytest.raises(InputError, match="bad.toml: cannot read config"):
        load_settings(tmp_path / "bad.toml")


def test_an_unknown_policy_lists_the_configured_ones(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "[[policy]]\nid = 'a'\n[[policy]]\nid = 'b'\n"))
    with pytest.raises(InputError, match=r"no policy 'c' \(configured: a, b\)"):
        settings.policy("c")


@pytest.mark.parametrize(
    "command", [["history", "a"], ["record", "a", "x.md"], ["fetch"], ["diff", "a.md", "b.md"]]
)
def test_every_command_reports_a_bad_config_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# A\n\nWe collect your email.\n")
    (tmp_path / "b.md").write_text("# A\n\nWe collect your name.\n")
    write(tmp_path, "[[policy]]\nid = 'a'\nurl = 'joypix.ai'\n")
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert result.stderr == (
        f"policydiff: {tmp_path / CONFIG_NAME}: policy[1].url: must be an http(s) URL (got 'joypix.ai')\n"
    )
    result = CliRunner().invoke(app, [*command, "--config", "elsewhere.toml"])
    assert result.exit_code == 2 and result.stderr == "policydiff: elsewhere.toml: no such config file\n"
