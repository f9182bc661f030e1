"""policydiff init: a config a notice can be drafted from, from flags or from answers checked one by one."""

from __future__ import annotations

import codecs
import os
import pty
import select
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import click
import pytest
import typer.main
from helpers import ROOT
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.commands.config_check import check_config
from policydiff.commands.init import (
    QUESTIONS,
    answer_problem,
    config_text,
    flag_problems,
    init_project,
    suggestion,
)
from policydiff.config import CONFIG_KEYS, CONFIG_NAME, NOTICE_NEEDS, check_value, load_settings
from policydiff.errors import InputError

ANSWERS = {
    "organization.name": 'Joy "Pix" \\ {LLC}',
    "organization.product": "JoyPix.ai",
    "organization.contact": "support@joypix.ai",
    "organization.website": "https://joypix.ai/",
    "notice.policy_url": "https://joypix.ai/privacy",
    "email.from": '"JoyPix, LLC" <privacy@joypix.ai>',
    "notice.links.consent": "https://joypix.ai/account/consent",
    "notice.links.object": "mailto:privacy@joypix.ai",
    "notice.links.opt_out": "https://joypix.ai/account/ads",
    "notice.links.withdraw_consent": "https://joypix.ai/account/consent",
    "notice.links.export": "https://joypix.ai/account/export",
    "notice.links.close_account": "https://joypix.ai/account/close",
}
FLAGS = [arg for q in QUESTIONS for arg in (q.flag, ANSWERS[q.key])]
REQUIRED_FLAGS = ["--name", "--contact", "--policy-url", "--from"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- the library


def test_init_writes_a_config_that_passes_config_check(tmp_path: Path) -> None:
    done = init_project(tmp_path / CONFIG_NAME, ANSWERS)
    assert check_config(done.config, tmp_path).problems == ()
    settings = load_settings(done.config)
    assert settings.organization.name == 'Joy "Pix" \\ {LLC}'  # quotes, backslash and braces kept
    assert settings.organization.website == "https://joypix.ai/"
    assert settings.email.sender == '"JoyPix, LLC" <privacy@joypix.ai>'
    assert settings.notice.policy_url == "https://joypix.ai/privacy"
    assert settings.notice.links.object == "mailto:privacy@joypix.ai"
    assert settings.notice.links.close_account == "https://joypix.ai/account/close"
    assert [p.id for p in settings.policies] == ["privacy"] and settings.policies[0].url is None
    assert settings.policies[0].title == "JoyPix.ai Privacy Policy"
    assert '# url = "https://joypix.ai/privacy"' in done.config.read_text()  # not watched unasked
    assert done.archive == tmp_path / "policies" and done.archive.is_dir() and not done.overwritten
    with pytest.raises(InputError, match="already exists; use --force"):
        init_project(tmp_path / CONFIG_NAME, {**ANSWERS, "organization.name": "Other"})
    assert load_settings(done.config).organization.name == 'Joy "Pix" \\ {LLC}'
    assert init_project(
        tmp_path / CONFIG_NAME, {**ANSWERS, "organization.name": "Other"}, force=True
    ).overwritten
    assert load_settings(done.config).organization.name == "Other"


def test_init_writes_nothing_a_notice_could_not_use(tmp_path: Path) -> None:
    answers = {"organization.name": "JoyPix LLC", "notice.policy_url": "https://joypix.ai/privacy"}
    with pytest.raises(InputError) as error:
        init_project(tmp_path / CONFIG_NAME, answers)
    assert error.value.message == (
        f"{tmp_path / CONFIG_NAME}: organization.contact, email.from: missing, and every notice needs them "
        "(nothing written)"
    )
    with pytest.raises(InputError, match="organization.website: must be an http"):
        init_project(tmp_path / CONFIG_NAME, {**ANSWERS, "organization.website": "joypix.ai"})
    assert list(tmp_path.iterdir()) == []


def test_the_config_points_to_the_reference_that_exists() -> None:
    head = config_text(ANSWERS).split("\n\n", 1)[0]
    assert "docs/config.md" in head and "policydiff config check" in head
    assert "README" not in config_text(ANSWERS)
    assert (ROOT / "docs" / "config.md").is_file()


def test_unanswered_questions_stay_examples_that_would_pass() -> None:
    text = config_text({})
    data = tomllib.loads(text)
    assert data["organization"] == {} and data["notice"] == {"period_days": 30, "links": {}}
    assert data["email"] == {"subject": "We're updating our Privacy Policy"}
    for question in QUESTIONS:
        name = question.key.rpartition(".")[2]
        assert f'# {name} = "{question.example}"' in text
        assert check_value(question.key, question.example) is None, question.key


def test_init_asks_for_everything_a_notice_needs_and_has_a_flag_for_each() -> None:
    assert {q.key for q in QUESTIONS if q.required} == set(NOTICE_NEEDS)
    assert {q.key for q in QUESTIONS} <= {k.key for k in CONFIG_KEYS}
    links = {k.key for k in CONFIG_KEYS if k.key.startswith("notice.links.")}
    assert links <= {q.key for q in QUESTIONS}
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    options = {opt for param in group.commands["init"].params for opt in param.opts}
    assert {q.flag for q in QUESTIONS} <= options
    assert sorted(q.flag for q in QUESTIONS if q.required) == sorted(REQUIRED_FLAGS)


def test_each_answer_is_checked_on_its_own() -> None:
    by_key = {q.key: q for q in QUESTIONS}
    assert answer_problem(by_key["organization.website"], "joypix.ai") == (
        "must be an http(s) URL (got 'joypix.ai')"
    )
    assert answer_problem(by_key["organization.website"], "  ") is None  # optional: skipped
    assert answer_problem(by_key["organization.name"], "") == (
        "needed for a notice (the notice names the controller)"
    )
    assert answer_problem(by_key["email.from"], "JoyPix <privacy@joypix.ai>") is None
    assert answer_problem(by_key["notice.links.consent"], "http://joypix.ai/consent") is not None


def test_suggestions_come_from_earlier_answers_and_are_valid() -> None:
    earlier = {"organization.name": "JoyPix, LLC", "organization.contact": "support@joypix.ai"}
    assert suggestion("organization.product", earlier) == "JoyPix, LLC"
    assert suggestion("email.from", earlier) == '"JoyPix, LLC" <support@joypix.ai>'
    assert suggestion("email.from", {"organization.contact": "https://joypix.ai/contact"}) is None
    assert suggestion("notice.policy_url", {"organization.website": "https://joypix.ai/"}) == (
        "https://joypix.ai/privacy"
    )
    assert suggestion("notice.policy_url", {"organization.website": "http://joypix.ai"}) is None
    assert suggestion("organization.name", earlier) is None


def test_flag_problems_name_every_bad_and_every_missing_flag() -> None:
    assert flag_problems(ANSWERS) is None
    assert flag_problems({"organization.website": "joypix.ai", "organization.name": "JoyPix LLC"}) == (
        "--website: must be an http(s) URL (got 'joypix.ai'); missing --contact, --policy-url, --from: every "
        "notice needs them, and without a terminal init asks nothing (nothing written)"
    )


# ------------------------------------------------------- without a terminal


def test_init_with_every_flag_writes_a_config_config_check_accepts(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init", *FLAGS])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote policydiff.toml; versions will be kept in policies/\n",
        "",
    )
    check = runner.invoke(app, ["config", "check"])
    assert (check.exit_code, check.stdout) == (0, "policydiff.toml: ok\n")
    settings = load_settings(project / CONFIG_NAME)
    assert settings.notice.links.export == "https://joypix.ai/account/export"


def test_init_with_only_the_required_flags_is_enough(project: Path) -> None:
    flags = [arg for q in QUESTIONS if q.required for arg in (q.flag, ANSWERS[q.key])]
    result = CliRunner().invoke(app, ["init", *flags])
    assert result.exit_code == 0, result.stderr
    assert check_config(None, project).problems == ()
    settings = load_settings(project / CONFIG_NAME)
    assert settings.organization.product == "" and settings.notice.links.consent is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [],
            "missing --name, --contact, --policy-url, --from: every notice needs them, and without a "
            "terminal init asks nothing (nothing written)",
        ),
        (
            ["--name", "JoyPix LLC", "--contact", "support@joypix.ai", "--from", ""],
            "missing --policy-url, --from: every notice needs them",
        ),
        (
            [*FLAGS, "--website", "joypix.ai", "--from", "privacy", "--opt-out-url", "http://x.io"],
            "--website: must be an http(s) URL (got 'joypix.ai'); --from: must be an e-mail address or "
            "\"Name <address>\", the address in ASCII (got 'privacy'); --opt-out-url: must be an absolute "
            "https URL or mailto: address (got 'http://x.io') (nothing written)",
        ),
        (
            ["--name", "JoyPix LLC", "--website", "joypix.ai"],
            "--website: must be an http(s) URL (got 'joypix.ai'); missing --contact, --policy-url, --from",
        ),
    ],
)
def test_init_without_a_terminal_names_every_missing_or_bad_flag(
    project: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, ["init", *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("policydiff: " + message) and result.stderr.count("\n") == 1
    assert list(project.iterdir()) == []  # nothing written: no config, no archive


def test_init_never_overwrites_without_force(project: Path) -> None:
    (project / CONFIG_NAME).write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", *FLAGS])
    assert result.exit_code == 2
    assert (
        result.stderr == f"policydiff: {project / CONFIG_NAME}: already exists; use --force to overwrite it\n"
    )
    assert (project / CONFIG_NAME).read_text() == "# mine\n"
    assert CliRunner().invoke(app, ["init", *FLAGS, "--force"]).exit_code == 0
    assert load_settings(project / CONFIG_NAME).organization.product == "JoyPix.ai"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policydiff", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_init_as_a_real_process_without_a_terminal(tmp_path: Path) -> None:
    done = run(["init", "--name", "JoyPix LLC"], tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "policydiff: missing --contact, --policy-url, --from: every notice needs them, and without a "
        "terminal init asks nothing (nothing written)\n"
    )
    assert list(tmp_path.iterdir()) == []
    done = run(["init", *FLAGS], tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    checked = run(["config", "check"], tmp_path)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "policydiff.toml: ok\n", "")


# ------------------------------------------------------------ at a terminal


class Terminal:
    """``policydiff ARGS`` run on a pseudo-terminal: what it shows, and answers typed into it."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "policydiff", *args],
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            close_fds=True,
            env={**os.environ, "TERM": "dumb", "PYTHONIOENCODING": "utf-8"},
        )
        os.close(slave)
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.seen = ""
        self.cursor = 0

    def _read(self, deadline: float) -> bool:
        """Read what the terminal shows next; False when the program closed it."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: every end of the terminal is closed
            chunk = b""
        self.seen += self.decoder.decode(chunk)
        return bool(chunk)

    def expect(self, text: str, timeout: float = 60.0) -> str:
        """Everything shown up to ``text`` since the last expect; fails if it never shows."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.cursor :]:
            if time.monotonic() > deadline or not self._read(deadline):
                raise AssertionError(f"{text!r} never shown; the terminal shows:\n{self.seen}")
        end = self.seen.index(text, self.cursor) + len(text)
        shown, self.cursor = self.seen[self.cursor : end], end
        return shown

    def type(self, answer: str) -> None:
        os.write(self.master, answer.encode("utf-8") + b"\r")

    def finish(self, timeout: float = 20.0) -> int:
        """Its exit code, once it ends (killed if it is still waiting for an answer after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(deadline):
            pass
        os.close(self.master)
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait(timeout=timeout)


AGAIN = "please answer again"


def test_init_at_a_terminal_re_asks_a_bad_answer_and_keeps_the_good_ones(tmp_path: Path) -> None:
    terminal = Terminal(["init"], tmp_path)
    try:
        terminal.expect("docs/config.md")
        terminal.expect("Organisation name (the controller): ")
        terminal.type("")  # required: asked again
        assert "needed for a notice (the notice names the controller); " + AGAIN in terminal.expect(
            "Organisation name (the controller): "
        )
        terminal.type("JoyPix, LLC")
        terminal.expect("Product the policy covers [JoyPix, LLC]: ")
        terminal.type("JoyPix.ai")
        terminal.expect("Privacy contact users can write to (e-mail or https URL): ")
        terminal.type("call us")
        shown = terminal.expect("Privacy contact users can write to (e-mail or https URL): ")
        assert f"must be an e-mail address or an https URL (got 'call us'); {AGAIN}" in shown
        assert "Organisation name" not in shown and "Product" not in shown  # earlier answers kept
        terminal.type("support@joypix.ai")
        terminal.expect("Website (https://…) (optional): ")
        terminal.type("joypix.ai")
        assert "must be an http(s) URL (got 'joypix.ai')" in terminal.expect(
            "Website (https://…) (optional): "
        )
        terminal.type("https://joypix.ai")
        terminal.expect("Where the full policy is published (https://…) [https://joypix.ai/privacy]: ")
        terminal.type("")  # the suggestion
        sender = 'Notice email sender, verified in SendGrid ("Name <address>" or an address) '
        terminal.expect(sender + '["JoyPix, LLC" <support@joypix.ai>]: ')
        terminal.type("privacy")
        assert "(got 'privacy')" in terminal.expect(sender)
        terminal.type("JoyPix Privacy <privacy@joypix.ai>")
        terminal.expect("opt in to a change that needs consent (https:// or mailto:) (optional): ")
        terminal.type("http://joypix.ai/consent")
        terminal.expect(AGAIN)
        terminal.expect("(optional): ")
        terminal.type("https://joypix.ai/consent")
        for ask in ("to object", "to opt out", "to withdraw", "download", "close an account"):
            terminal.expect(ask)
            terminal.expect("(optional): ")
            terminal.type("https://joypix.ai/account" if ask == "download" else "")
        terminal.expect("wrote policydiff.toml; versions will be kept in policies/")
    finally:
        code = terminal.finish()
    assert code == 0, terminal.seen
    assert "Traceback" not in terminal.seen
    assert check_config(tmp_path / CONFIG_NAME, tmp_path).problems == ()
    settings = load_settings(tmp_path / CONFIG_NAME)
    assert (settings.organization.name, settings.organization.product) == ("JoyPix, LLC", "JoyPix.ai")
    assert (settings.organization.contact, settings.organization.website) == (
        "support@joypix.ai",
        "https://joypix.ai",
    )
    assert settings.notice.policy_url == "https://joypix.ai/privacy"
    assert settings.email.sender == "JoyPix Privacy <privacy@joypix.ai>"
    assert settings.notice.links.consent == "https://joypix.ai/consent"
    assert settings.notice.links.export == "https://joypix.ai/account"
    assert settings.notice.links.object is None


def test_init_at_a_terminal_asks_only_what_the_flags_leave_out_or_get_wrong(tmp_path: Path) -> None:
    flags = ["--name", "JoyPix LLC", "--contact", "support@joypix.ai", "--from", "privacy@joypix.ai"]
    links = [f for q in QUESTIONS if q.key.startswith("notice.links.") for f in (q.flag, ANSWERS[q.key])]
    terminal = Terminal(
        ["init", *flags, *links, "--product", "JoyPix.ai", "--website", "joypix.ai"], tmp_path
    )
    try:
        shown = terminal.expect("Website (https://…) (optional): ")
        assert "\n--website: must be an http(s) URL (got 'joypix.ai')\r\n" in shown
        assert "Organisation name" not in shown and "Product" not in shown
        terminal.type("https://joypix.ai")
        terminal.expect("Where the full policy is published (https://…) [https://joypix.ai/privacy]: ")
        terminal.type("https://joypix.ai/legal/privacy")
        shown = terminal.expect("wrote policydiff.toml")
        assert "sender" not in shown and "consent" not in shown  # given by flags: not asked
    finally:
        code = terminal.finish()
    assert code == 0, terminal.seen
    settings = load_settings(tmp_path / CONFIG_NAME)
    assert settings.notice.policy_url == "https://joypix.ai/legal/privacy"
    assert settings.organization.website == "https://joypix.ai"
    assert settings.notice.links.close_account == ANSWERS["notice.links.close_account"]


def test_init_at_a_terminal_ended_with_ctrl_d_writes_nothing(tmp_path: Path) -> None:
    terminal = Terminal(["init"], tmp_path)
    try:
        terminal.expect("Organisation name (the controller): ")
        terminal.type("JoyPix LLC")
        terminal.expect("Product the policy covers [JoyPix LLC]: ")
        os.write(terminal.master, b"\x04")  # end of input
        terminal.expect("policydiff: aborted: nothing was done")
    finally:
        code = terminal.finish()
    assert code == 2 and "Traceback" not in terminal.seen
    assert list(tmp_path.iterdir()) == []
