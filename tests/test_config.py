"""policydiff.config: finding ``policydiff.toml``, and one clear line for every kind of bad value."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.config import (
    CONFIG_KEYS,
    CONFIG_NAME,
    NOTICE_NEEDS,
    Settings,
    allowed_keys,
    check_value,
    find_config,
    load_settings,
    notice_problems,
    parse_settings,
    validate,
)
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
            "config.archivee: unknown key (allowed: organization, notice, email, archive, limits, policy)",
        ),
        ("[organization]\nname = 'x'\nfax = '1'\n", "organization.fax: unknown key"),
        ("[organization]\nname = 5\n", "organization.name: must be a string (got 5)"),
        (
            "[organization]\nwebsite = 'joypix.ai'\n",
            "organization.website: must be an http(s) URL (got 'joypix.ai')",
        ),
        (
            "[organization]\ncontact = 'call us'\n",
            "organization.contact: must be an e-mail address or an https URL",
        ),
        (
            "[organization]\ncontact = 'http://joypix.ai/contact'\n",
            "organization.contact: must be an e-mail address or an https URL",
        ),
        ('[organization]\nname = "JoyPix\\nLLC"\n', "organization.name: must be one line"),
        ("[notice]\nperiod_days = 'thirty'\n", "notice.period_days: must be a whole number of days"),
        ("[notice]\nperiod_days = 400\n", "notice.period_days: must be a whole number of days from 0 to 366"),
        ("[notice]\nperiod_days = true\n", "notice.period_days: must be a whole number"),
        (
            "[notice]\nmajor = ['sharing:grows']\n",
            "notice.major: 'sharing:grows' is not 'category:direction'",
        ),
        ("[notice]\nmajor = 'x:y'\n", "notice.major: 'x:y' is not 'category:direction'"),
        ("[email]\nfrom = 'privacy'\n", 'email.from: must be an e-mail address or "Name <address>"'),
        ("[email]\nfrom = 'jöy@joypix.ai'\n", "email.from: must be an e-mail address"),
        ("[email]\nfrom = 'JoyPix, LLC <privacy@joypix.ai>'\n", "email.from: must be an e-mail address"),
        ("[email]\nfrom = 'JoyPix <privacy@joypix.ai'\n", "email.from: must be an e-mail address"),
        ("[email]\nfrom = 'a@joypix.ai, b@joypix.ai'\n", "email.from: must be an e-mail address"),
        ("[email]\nsubject = ''\n", "email.subject: must not be empty"),
        ("[notice.links]\nconsent = 'http://joypix.ai/consent'\n", "notice.links.consent: must be an"),
        ("[notice]\npolicy_url = 'https://joypix.ai/a b'\n", "notice.policy_url: must be an absolute https"),
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


def test_a_loader_names_the_first_problem_and_counts_the_others(tmp_path: Path) -> None:
    config = write(tmp_path, "[organization]\nname = 5\nwebsite = 'x'\n[notice]\nperiod_days = -1\n")
    with pytest.raises(InputError) as error:
        load_settings(config)
    assert error.value.message == (
        f"{config}: organization.name: must be a string (got 5) (2 more: run 'policydiff config check')"
    )


def test_validate_collects_every_problem_instead_of_stopping_at_the_first(tmp_path: Path) -> None:
    data = tomllib.loads(
        "x = 1\n[organization]\nname = 5\n[email]\nfrom = 'nobody'\n"
        "[[policy]]\nid = 'A'\n[[policy]]\nid = 'b'\nremove = 3\n"
    )
    _, problems = validate(data, tmp_path / CONFIG_NAME)
    assert [p.key for p in problems] == [
        "config.x",
        "organization.name",
        "email.from",
        "policy[1].id",
        "policy[2].remove",
    ]


def test_a_display_name_in_the_sender_is_kept_for_send(tmp_path: Path) -> None:
    config = write(tmp_path, '[email]\nfrom = "\\"JoyPix, LLC\\" <privacy@joypix.ai>"\n')
    assert load_settings(config).email.sender == '"JoyPix, LLC" <privacy@joypix.ai>'
    assert check_value("email.from", "JoyPix Privacy <privacy@joypix.ai>") is None
    assert check_value("email.from", "Jöy Privacy <privacy@joypix.ai>") is None  # the name may be Unicode


def test_check_value_checks_one_key_as_the_config_would() -> None:
    assert check_value("organization.website", "https://joypix.ai") is None
    assert check_value("organization.website", "joypix.ai") == "must be an http(s) URL (got 'joypix.ai')"
    assert check_value("notice.links.consent", "mailto:privacy@joypix.ai") is None
    assert check_value("policy[].id", "Bad Id") == (
        "must be lowercase letters, digits, '-' or '_' (got 'Bad Id')"
    )
    assert check_value("notice.period_days", 31) is None


def test_the_tables_take_their_keys_from_the_key_list() -> None:
    assert allowed_keys("") == ("organization", "notice", "email", "archive", "limits", "policy")
    assert allowed_keys("limits") == (
        "input_mb",
        "unpacked_mb",
        "docx_ratio",
        "pdf_pages",
        "html_elements",
        "seconds",
    )
    assert allowed_keys("notice") == (
        "period_days",
        "major",
        "templates",
        "policy_url",
        "redline_url",
        "history_url",
        "links",
    )
    assert allowed_keys("policy[]") == ("id", "title", "url", "source", "select", "remove", "redirects_to")


@pytest.mark.parametrize("key", [config_key.key for config_key in CONFIG_KEYS])
def test_the_validator_checks_every_key_it_lists(key: str) -> None:
    """A table where a value belongs is refused at that very key: no listed key goes unchecked."""
    assert check_value(key, {"a": "table"}) is not None
    table, _, _ = key.rpartition(".")
    assert check_value(f"{table}.not_a_key", "x") == (
        f"unknown key (allowed: {', '.join(allowed_keys(table))})"
    )


def test_what_a_notice_needs_is_what_the_notice_asks_for(tmp_path: Path) -> None:
    """config check's list of notice keys, the docs' "notice" column and policydiff.notice agree."""
    from policydiff import notice

    needed = {k.key for k in CONFIG_KEYS if k.required in ("notice", "notice, send")}
    assert set(NOTICE_NEEDS) == needed
    complete = parse_settings(tomllib.loads(_reference_example()), tmp_path / CONFIG_NAME)
    assert notice_problems(complete) == ()
    notice._require(complete, ())  # the complete example drafts notices
    for key in NOTICE_NEEDS:
        table, _, name = key.rpartition(".")
        data = tomllib.loads(_reference_example())
        del data[table.split(".")[0]][name]
        settings = parse_settings(data, tmp_path / CONFIG_NAME)
        assert [p.key for p in notice_problems(settings)] == [key]
        with pytest.raises(InputError, match=re.escape(f"{key}: needed for a notice")):
            notice._require(settings, ())


# ------------------------------------------------------------ docs/config.md

DOCS = ROOT / "docs" / "config.md"
_ROW = re.compile(r"^\| `(?P<key>[a-z_.\[\]]+)` \| (?P<rest>.*) \|$", re.MULTILINE)


def _documented() -> dict[str, list[str]]:
    rows = {}
    for match in _ROW.finditer(DOCS.read_text(encoding="utf-8")):
        assert match["key"] not in rows, f"{match['key']} documented twice"
        rows[match["key"]] = [cell.strip() for cell in match["rest"].split(" | ")]
    return rows


def _reference_example() -> str:
    block = re.search(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert block, "docs/config.md has no complete example"
    return block.group(1)


def test_docs_list_every_key_the_validator_knows_and_no_other() -> None:
    documented = _documented()
    assert list(documented) == [k.key for k in CONFIG_KEYS]
    for config_key in CONFIG_KEYS:
        kind, default, required, _ = documented[config_key.key]
        assert (kind, default, required) == (config_key.type, config_key.default, config_key.required)


@pytest.mark.parametrize("key", [config_key.key for config_key in CONFIG_KEYS])
def test_each_documented_example_passes_the_validator(key: str) -> None:
    example = _documented()[key][3]
    assert example.startswith("`") and example.endswith("`"), example
    value = tomllib.loads(f"value = {example.strip('`')}")["value"]
    assert check_value(key, value) is None


def test_the_docs_complete_example_sets_every_key_and_is_valid(tmp_path: Path) -> None:
    data = tomllib.loads(_reference_example())
    _, problems = validate(data, tmp_path / CONFIG_NAME)
    assert problems == ()
    keys = set()
    for table, values in data.items():
        for row in values if isinstance(values, list) else [values]:
            prefix = f"{table}[]" if isinstance(values, list) else table
            for name, value in row.items():
                if isinstance(value, dict):
                    keys |= {f"{prefix}.{name}.{inner}" for inner in value}
                else:
                    keys.add(f"{prefix}.{name}")
    assert keys == {k.key for k in CONFIG_KEYS}


@pytest.mark.parametrize(
    ("origins", "problem"),
    [
        (["https://www.joypix.ai/privacy"], "is not an origin"),
        (["ftp://joypix.ai"], "is not an origin"),
        (["https://user@joypix.ai"], "is not an origin"),
        (["https://joypix.ai:99999"], "is not an origin"),
        ("https://www.joypix.ai", None),
    ],
)
def test_redirects_to_takes_origins_only(origins: object, problem: str | None, tmp_path: Path) -> None:
    data = {"policy": [{"id": "p", "url": "https://joypix.ai/privacy", "redirects_to": origins}]}
    if problem is None:
        settings = parse_settings(data, tmp_path / CONFIG_NAME)
        assert settings.policies[0].redirects_to == ("https://www.joypix.ai",)
    else:
        with pytest.raises(InputError, match=f"policy\\[1\\].redirects_to: .*{problem}"):
            parse_settings(data, tmp_path / CONFIG_NAME)


def test_redirects_to_is_canonical(tmp_path: Path) -> None:
    data = {
        "policy": [{"id": "p", "url": "https://a.example/x", "redirects_to": ["HTTPS://WWW.A.example:443/"]}]
    }
    assert parse_settings(data, tmp_path / CONFIG_NAME).policies[0].redirects_to == ("https://www.a.example",)


@pytest.mark.parametrize(
    ("email", "problem"),
    [
        ({"delivery": "later"}, 'email.delivery: must be "scheduled" or "immediate"'),
        ({"send_delay_minutes": 5}, "email.send_delay_minutes: must be a whole number from 15 to 4200"),
        ({"send_delay_minutes": True}, "email.send_delay_minutes: must be a whole number"),
        ({"batch_size": 0}, "email.batch_size: must be a whole number from 1 to 1000"),
        ({"delivery": "immediate", "send_delay_minutes": 30}, "exclude each other"),
    ],
)
def test_the_sending_keys_are_checked(email: dict[str, object], problem: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=re.escape(problem)):
        parse_settings({"email": email}, tmp_path / CONFIG_NAME)


def test_the_sending_keys_are_read(tmp_path: Path) -> None:
    email = parse_settings(
        {"email": {"delivery": "immediate", "batch_size": 10}}, tmp_path / CONFIG_NAME
    ).email
    assert (email.immediate, email.send_delay_minutes, email.batch_size) == (True, None, 10)
    email = parse_settings({"email": {"send_delay_minutes": 45}}, tmp_path / CONFIG_NAME).email
    assert (email.immediate, email.send_delay_minutes, email.batch_size) == (False, 45, None)
