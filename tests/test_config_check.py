"""policydiff config check: every problem of a config in one run, one line each; ok when there is none."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.commands.config_check import check_config
from policydiff.config import CONFIG_NAME

# a config a notice can be drafted from; each case below replaces some of its tables
VALID = {
    "": "",
    "organization": 'name = "JoyPix LLC"\ncontact = "support@joypix.ai"\n',
    "notice": 'policy_url = "https://joypix.ai/privacy"\n',
    "email": 'from = "JoyPix Privacy <privacy@joypix.ai>"\n',
}


def config_text(**tables: str) -> str:
    """VALID with ``tables`` replaced (None of them: left out); "" is the top level, "policies" the end."""
    merged = {**VALID, **tables}
    head = merged.pop("", "")
    tail = merged.pop("policies", "")
    body = "".join(
        f"[{name.replace('_', '.')}]\n{text}\n" for name, text in merged.items() if text is not None
    )
    return head + body + tail


MISSING = {
    "organization.name": "organization.name: missing: needed for a notice (the notice names the controller)",
    "organization.contact": (
        "organization.contact: missing: needed for a notice (the notice says whom to ask)"
    ),
    "email.from": "email.from: missing: needed for a notice (the email needs a sender)",
    "notice.policy_url": (
        "notice.policy_url: missing: needed for a notice (the notice links to the full new policy)"
    ),
}

SENDER = 'email.from: must be an e-mail address or "Name <address>", the address in ASCII'

# (config text, every problem line config check must print for it, without the file name)
BROKEN: list[tuple[str, list[str]]] = [
    (  # 1 three bad organisation values
        config_text(organization="name = 5\ncontact = 'call us'\nwebsite = 'joypix.ai'\n"),
        [
            "organization.name: must be a string (got 5)",
            "organization.contact: must be an e-mail address or an https URL (got 'call us')",
            "organization.website: must be an http(s) URL (got 'joypix.ai')",
        ],
    ),
    (  # 2 unknown keys, at the top and in tables
        config_text(
            **{"": "archivee = 1\n"},
            organization='name = "JoyPix LLC"\ncontact = "support@joypix.ai"\nfax = "1"\n',
            email='from = "privacy@joypix.ai"\ncc = "legal@joypix.ai"\n',
        ),
        [
            "config.archivee: unknown key (allowed: organization, notice, email, archive, limits, policy)",
            "organization.fax: unknown key (allowed: name, product, contact, website)",
            "email.cc: unknown key (allowed: from, subject, api_host, delivery, send_delay_minutes, "
            "batch_size)",
        ],
    ),
    (  # 3 a bad period and two bad major rules
        config_text(
            notice='policy_url = "https://joypix.ai/privacy"\n'
            'period_days = "thirty"\nmajor = ["sharing:grows", "nonsense"]\n'
        ),
        [
            "notice.period_days: must be a whole number of days from 0 to 366 (got 'thirty')",
            "notice.major: 'sharing:grows' is not 'category:direction' (e.g. 'sharing:expands')",
            "notice.major: 'nonsense' is not 'category:direction' (e.g. 'sharing:expands')",
        ],
    ),
    (  # 4 period out of range, links that are not https
        config_text(
            notice="period_days = 400\npolicy_url = 'http://joypix.ai/privacy'\n"
            "redline_url = 'https://joypix.ai/a b'\n"
        ),
        [
            "notice.period_days: must be a whole number of days from 0 to 366 (got 400)",
            "notice.policy_url: must be an absolute https URL (got 'http://joypix.ai/privacy')",
            "notice.redline_url: must be an absolute https URL (got 'https://joypix.ai/a b')",
        ],
    ),
    (  # 5 four problems in [notice.links]
        config_text(
            notice_links="consent = 'http://joypix.ai/consent'\nobject = 'mailto:nobody'\n"
            "export = 5\nshop = 'https://joypix.ai/shop'\n"
        ),
        [
            "notice.links.shop: unknown key (allowed: consent, object, opt_out, withdraw_consent, export, "
            "close_account)",
            "notice.links.consent: must be an absolute https URL or mailto: address "
            "(got 'http://joypix.ai/consent')",
            "notice.links.object: must be an absolute https URL or mailto: address (got 'mailto:nobody')",
            "notice.links.export: must be a string (got 5)",
        ],
    ),
    (  # 6 a sender that is no address, a two-line subject, an ftp API host
        config_text(email="from = 'privacy'\nsubject = \"Hi\\nthere\"\napi_host = 'ftp://api.example.com'\n"),
        [
            f"{SENDER} (got 'privacy')",
            "email.subject: must be one line, without control characters (got 'Hi\\nthere')",
            "email.api_host: must be an http(s) URL (got 'ftp://api.example.com')",
        ],
    ),
    (  # 7 a non-ASCII address SendGrid refuses, a subject that is a number
        config_text(email="from = 'jöy@joypix.ai'\nsubject = 5\n"),
        [
            f"{SENDER} (got 'jöy@joypix.ai')",
            "email.subject: must be a string (got 5)",
        ],
    ),
    (  # 8 a display name with an unquoted comma, an archive path that is a number
        config_text(email="from = 'JoyPix, LLC <privacy@joypix.ai>'\n", archive="path = 5\n"),
        [
            f"{SENDER} (got 'JoyPix, LLC <privacy@joypix.ai>')",
            "archive.path: must be a string (got 5)",
        ],
    ),
    (  # 9 an unclosed address, a product on two lines
        config_text(
            organization='name = "JoyPix LLC"\nproduct = "Joy\\nPix"\ncontact = "support@joypix.ai"\n',
            email="from = 'JoyPix <privacy@joypix.ai'\n",
        ),
        [
            "organization.product: must be one line, without control characters (got 'Joy\\nPix')",
            f"{SENDER} (got 'JoyPix <privacy@joypix.ai')",
        ],
    ),
    (  # 10 tables that are strings: no "missing" line under a table already wrong
        config_text(organization=None, **{"": "organization = 'JoyPix'\narchive = 'policies'\n"}),
        ["organization: must be a table", "archive: must be a table"],
    ),
    (  # 11 policy and notice of the wrong shape
        config_text(notice=None, **{"": "policy = 'joypix'\nnotice = 3\n"}),
        ["notice: must be a table", "config.policy: must be an array of tables ([[policy]])"],
    ),
    (  # 12 three problems in one [[policy]]
        config_text(policies="[[policy]]\nid = 'JoyPix'\nurl = 'joypix.ai'\nselect = 'main >'\n"),
        [
            "policy[1].id: must be lowercase letters, digits, '-' or '_' (got 'JoyPix')",
            "policy[1].select: bad CSS selector 'main >': Invalid character ' ' position 4",
            "policy[1].url: must be an http(s) URL (got 'joypix.ai')",
        ],
    ),
    (  # 13 a duplicate id, a bad remove list and an unknown key
        config_text(
            policies="[[policy]]\nid = 'a'\n[[policy]]\nid = 'a'\nremove = [1]\nschedule = 'daily'\n"
        ),
        [
            "policy[2].schedule: unknown key (allowed: id, title, url, source, select, remove, redirects_to)",
            "policy[2].id: duplicate policy id 'a'",
            "policy[2].remove: must be a list of strings (got [1])",
        ],
    ),
    (  # 14 a policy without an id, a source file that is not there
        config_text(policies="[[policy]]\ntitle = 'no id'\n[[policy]]\nid = 'b'\nsource = 'missing.md'\n"),
        [
            "policy[1].id: must be lowercase letters, digits, '-' or '_' (got '')",
            "policy[2].source: no such file {folder}/missing.md",
        ],
    ),
    (  # 15 a templates folder that is not there, a period that is a boolean
        config_text(
            notice="policy_url = 'https://joypix.ai/privacy'\nperiod_days = true\ntemplates = 'nowhere'\n"
        ),
        [
            "notice.period_days: must be a whole number of days from 0 to 366 (got True)",
            "notice.templates: no such folder {folder}/nowhere",
        ],
    ),
    (  # 16 an empty config: everything a notice needs is missing
        "",
        list(MISSING.values()),
    ),
    (  # 17 a name but nothing else a notice needs, and a policy url that is no URL
        "[organization]\nname = 'JoyPix LLC'\n[[policy]]\nid = 'a'\nurl = 'https://'\n",
        [
            "policy[1].url: must be an http(s) URL (got 'https://')",
            MISSING["organization.contact"],
            MISSING["email.from"],
            MISSING["notice.policy_url"],
        ],
    ),
    (  # 18 [notice.links] that is a string, major that is a number
        config_text(
            notice="policy_url = 'https://joypix.ai/privacy'\nmajor = 5\nlinks = 'https://joypix.ai'\n"
        ),
        ["notice.major: must be a list of strings (got 5)", "notice.links: must be a table"],
    ),
    (  # 19 an http contact (a notice links to it), a website with a space
        config_text(
            organization="name = 'JoyPix LLC'\ncontact = 'http://joypix.ai/contact'\n"
            "website = 'https://joy pix.ai'\n"
        ),
        [
            "organization.contact: must be an e-mail address or an https URL (got 'http://joypix.ai/contact')",
            "organization.website: must be an http(s) URL (got 'https://joy pix.ai')",
        ],
    ),
    (  # 20 an empty subject, an API host without a scheme
        config_text(email="from = 'privacy@joypix.ai'\nsubject = ''\napi_host = 'api.sendgrid.com'\n"),
        [
            "email.subject: must not be empty",
            "email.api_host: must be an http(s) URL (got 'api.sendgrid.com')",
        ],
    ),
    (  # 21 a select that is a number, a remove selector that does not compile
        config_text(policies="[[policy]]\nid = 'a'\nselect = 5\nremove = ['.ok', '[x']\n"),
        [
            "policy[1].select: must be a string (got 5)",
            "policy[1].remove: bad CSS selector '[x': Malformed attribute selector at position 0",
        ],
    ),
    (  # 22 misspelt tables: the real ones are then missing
        "[organization]\nname = 'JoyPix LLC'\ncontact = 'support@joypix.ai'\n"
        "[notices]\npolicy_url = 'https://joypix.ai/privacy'\n[emails]\nfrom = 'privacy@joypix.ai'\n",
        [
            "config.emails: unknown key (allowed: organization, notice, email, archive, limits, policy)",
            "config.notices: unknown key (allowed: organization, notice, email, archive, limits, policy)",
            MISSING["email.from"],
            MISSING["notice.policy_url"],
        ],
    ),
    (  # 23 an id too long, a title that is a number
        config_text(policies=f"[[policy]]\nid = '{'a' * 65}'\ntitle = 3\n"),
        [
            f"policy[1].id: must be lowercase letters, digits, '-' or '_' (got '{'a' * 65}')",
            "policy[1].title: must be a string (got 3)",
        ],
    ),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("text", "expected"), BROKEN, ids=[f"case{n}" for n in range(1, len(BROKEN) + 1)])
def test_config_check_lists_every_problem_in_one_run(project: Path, text: str, expected: list[str]) -> None:
    (project / CONFIG_NAME).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "check"])
    assert (result.exit_code, result.stdout) == (2, "")
    lines = [line.format(folder=project) for line in expected]
    assert result.stderr.splitlines() == [f"policydiff: {CONFIG_NAME}: {line}" for line in lines]
    assert len(lines) >= 2 and "Traceback" not in result.stderr


def test_there_are_at_least_twenty_broken_configs() -> None:
    assert len(BROKEN) >= 20 and len({text for text, _ in BROKEN}) == len(BROKEN)


def test_the_other_commands_name_the_first_problem_and_point_to_config_check(project: Path) -> None:
    text, expected = BROKEN[0]
    (project / CONFIG_NAME).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["history", "joypix"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"policydiff: {project / CONFIG_NAME}: {expected[0]} (2 more: run 'policydiff config check')\n"
    )


def test_a_good_config_is_ok(project: Path) -> None:
    (project / CONFIG_NAME).write_text(config_text(), encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "check"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{CONFIG_NAME}: ok\n", "")


def test_the_bundled_example_is_ok_and_found_walking_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES, project / "fixtures")
    monkeypatch.chdir(project / "fixtures" / "joypix")
    result = CliRunner().invoke(app, ["config", "check"])
    assert (result.exit_code, result.stdout) == (0, f"{project / 'fixtures' / CONFIG_NAME}: ok\n")
    done = check_config(None, project / "fixtures" / "joypix")
    assert done.config == project / "fixtures" / CONFIG_NAME and done.problems == ()


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, [], f"{CONFIG_NAME}: not found here or in a parent folder (run 'policydiff init')"),
        (None, ["--config", "other.toml"], "other.toml: no such config file"),
        ("[organization\n", [], f"{CONFIG_NAME}: not valid TOML: Expected ']' at the end of a table"),
        ("name = '\udcff'", [], f"{CONFIG_NAME}: cannot read config"),
    ],
)
def test_a_config_that_cannot_be_read_is_one_line(
    project: Path, setup: str | None, args: list[str], message: str
) -> None:
    if setup is not None:
        (project / CONFIG_NAME).write_bytes(setup.encode("utf-8", "surrogateescape"))
    result = CliRunner().invoke(app, ["config", "check", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("policydiff: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_config_check_as_a_real_process(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text(BROKEN[4][0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "policydiff", "config", "check", "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    lines = done.stderr.splitlines()
    assert lines == [f"policydiff: elsewhere.toml: {line}" for line in BROKEN[4][1]]
    assert "Traceback" not in done.stderr
    config.write_text(config_text(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "policydiff", "config", "check", "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "elsewhere.toml: ok\n", "")


def test_config_without_a_subcommand_shows_its_help() -> None:
    result = CliRunner().invoke(app, ["config", "--help"])
    assert result.exit_code == 0 and result.stdout.startswith("Usage: policydiff config")
    assert "check" in result.stdout
