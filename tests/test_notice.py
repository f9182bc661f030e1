"""policydiff.notice and ``policydiff notice``: golden notices for the fixtures, dates, consent, escaping.

Dates are injected (``--publish-date``), never scrubbed; the golden files are the exact bytes
the command writes, so ``test_wheel.py`` can hold an installed wheel to the same files.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import FIXTURES, GOLDEN, as_review, assert_golden
from typer.testing import CliRunner, Result

import policydiff.classify
from policydiff.classify.rules import load_rulebook
from policydiff.cli import app
from policydiff.commands.notice import Drafted, draft_notice
from policydiff.compare import compare
from policydiff.config import Settings, load_settings, parse_settings
from policydiff.errors import InputError
from policydiff.load import load
from policydiff.model import Report, Severity
from policydiff.notice import (
    IN_APP_LIMIT,
    continued_use_clauses,
    is_notice_file,
    missed_period,
    notice_warnings,
    plan_notice,
    render_notice,
    send_by_date,
)

RULES = Path(policydiff.classify.__file__).parent / "rules"
JOYPIX = ("joypix/privacy-v2.0.txt", "joypix/privacy-v2.1.html")
JOYCLIP = ("joyclip/privacy-2026-01-03.txt", "joyclip/privacy-2026-04-01.md")
NOTICE_FILES = (
    "email.html",
    "email.txt",
    "announcement.md",
    "announcement.html",
    "in-app.txt",
    "history-entry.md",
    "notice.json",
)
# A JoyClip project for the second fixture: fewer links than JoyPix's config, no redline or history page.
JOYCLIP_CONFIG = """
[organization]
name = "JoyClip"
product = "JoyClip"
contact = "joycliphelp@163.com"
website = "https://joyclip.example"

[notice]
period_days = 30
policy_url = "https://joyclip.example/privacy"

[notice.links]
consent = "https://joyclip.example/settings/consent"
export = "mailto:joycliphelp@163.com"

[email]
from = "privacy@joyclip.example"
subject = "Action needed: the JoyClip Privacy Policy changes"
"""
HOSTILE_CLAUSES = (
    "<script>alert('x')</script> We share your email address with advertising partners.",
    '<img src="x" onerror="alert(1)"> We collect your precise location. [click here](javascript:alert(1))'
    ' <a href="javascript:alert(2)">go</a>',
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled example project as the working folder (relative paths, as a user runs it)."""
    shutil.copytree(FIXTURES, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    monkeypatch.setenv("POLICYDIFF_TODAY", "2026-04-20")  # the goldens' publish date: not late
    (tmp_path / "project" / "joyclip.toml").write_text(JOYCLIP_CONFIG, encoding="utf-8")
    return tmp_path / "project"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["notice", *args])


def joypix(*extra: str) -> Result:
    return invoke(*JOYPIX, "--config", "policydiff.toml", "--publish-date", "2026-04-20", *extra)


def report_for(old: str, new: str) -> Report:
    return compare(load(old), load(new))


# ------------------------------------------------------------------ golden files


def test_joypix_notice_matches_the_golden_files(project: Path) -> None:
    result = joypix()
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (project / "notice").iterdir()) == sorted(NOTICE_FILES)
    assert result.stdout.splitlines() == [f"wrote {Path('notice') / name}" for name in NOTICE_FILES]
    for name in NOTICE_FILES:
        assert_golden(f"notice/joypix/{name}", (project / "notice" / name).read_text(encoding="utf-8"))


def test_joyclip_notice_matches_the_golden_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYDIFF_TODAY", "2026-04-01")  # drafted on its publish date: in time
    result = invoke(
        *JOYCLIP,
        "--config",
        "joyclip.toml",
        "--publish-date",
        "2026-04-01",
        "--effective-date",
        "2026-05-15",
        "--out",
        "joyclip-notice",
    )
    assert result.exit_code == 0, result.stderr
    for name in NOTICE_FILES:
        assert_golden(
            f"notice/joyclip/{name}", (project / "joyclip-notice" / name).read_text(encoding="utf-8")
        )


def test_the_golden_folders_hold_every_output() -> None:
    for pair in ("joypix", "joyclip"):
        assert sorted(p.name for p in (GOLDEN / "notice" / pair).iterdir()) == sorted(NOTICE_FILES)


# ------------------------------------------------------------------ dates


def test_the_effective_date_defaults_to_publish_plus_the_period(project: Path) -> None:
    assert joypix().exit_code == 0
    document = json.loads((project / "notice" / "notice.json").read_text(encoding="utf-8"))
    assert (document["publish_date"], document["effective_date"]) == ("2026-04-20", "2026-05-20")
    assert "<strong>May 20, 2026</strong>" in (project / "notice" / "email.html").read_text(encoding="utf-8")


def test_a_longer_config_period_sets_the_default(project: Path) -> None:
    settings = parse_settings({"notice": {"period_days": 45}}, project / "policydiff.toml")
    plan = plan_notice(report_for(*JOYPIX), _complete(settings), date(2026, 4, 20))
    assert (plan.effective_date, plan.period_days) == ("2026-06-04", 45)


def test_the_old_policys_promise_outlasts_a_shorter_config_period(project: Path) -> None:
    settings = _complete(parse_settings({"notice": {"period_days": 7}}, project / "policydiff.toml"))
    plan = plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20))
    assert (plan.effective_date, plan.period_days) == ("2026-05-20", 30)
    with pytest.raises(InputError) as refused:
        plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20), date(2026, 5, 1))
    message = refused.value.message
    assert "2026-05-01" in message and "2026-05-20" in message
    assert "the old policy's promise of 30 days at clause 10.b2" in message


def test_an_early_effective_date_is_refused_with_both_dates_and_the_rule(project: Path) -> None:
    result = joypix("--effective-date", "2026-05-19")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "2026-05-19" in result.stderr and "2026-05-20" in result.stderr
    assert "[notice] period_days = 30 in policydiff.toml" in result.stderr
    assert "at clause 10.b2" in result.stderr
    assert not (project / "notice").exists()


def test_a_later_effective_date_is_kept(project: Path) -> None:
    assert joypix("--effective-date", "2026-06-01").exit_code == 0
    text = (project / "notice" / "email.txt").read_text(encoding="utf-8")
    assert "takes effect on *June 1, 2026*" in text


def test_a_bad_date_is_a_usage_error(project: Path) -> None:
    result = invoke(*JOYPIX, "--config", "policydiff.toml", "--publish-date", "20 April")
    assert result.exit_code == 2
    assert result.stderr == "policydiff: --publish-date: not a date YYYY-MM-DD (got '20 April')\n"


# ------------------------------------------------------------------ a send-by date already past


def test_a_send_by_date_already_past_is_said_in_one_plain_sentence(project: Path) -> None:
    settings = load_settings(project / "policydiff.toml")
    plan = plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20))
    assert send_by_date(plan) == date(2026, 4, 20)  # takes effect May 20, 30 days after it goes out
    assert missed_period(plan, date(2026, 4, 20)) is None  # sent today, the period is met
    assert missed_period(plan, date(2026, 4, 27)) == (
        "the 30-day notice period cannot be met: send-by date 2026-04-20 is past (today is 2026-04-27), "
        "yet the notices say the new version takes effect on May 20, 2026; sent today, it allows an "
        "effective date of 2026-05-27 or later (draft again with --effective-date)"
    )
    # a later effective date leaves time: the send-by date is that date less the period
    roomy = plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20), date(2026, 7, 1))
    assert send_by_date(roomy) == date(2026, 6, 1)
    assert missed_period(roomy, date(2026, 6, 1)) is None
    assert (missed_period(roomy, date(2026, 6, 2)) or "").startswith(
        "the 30-day notice period cannot be met: send-by date 2026-06-01 is past"
    )


def test_no_notice_needed_has_no_send_by_date_to_miss(project: Path) -> None:
    settings = load_settings(project / "policydiff.toml")
    same = plan_notice(report_for(JOYPIX[0], JOYPIX[0]), settings, date(2026, 4, 20))
    assert not same.required and missed_period(same, date(2027, 1, 1)) is None


def test_the_drafts_say_when_their_send_by_date_is_past(project: Path) -> None:
    settings = load_settings(project / "policydiff.toml")
    report = report_for(*JOYPIX)
    on_time = draft_notice(report, settings, date(2026, 4, 20), None, project / "a", today=date(2026, 4, 20))
    assert on_time.late is None
    assert "late" not in json.loads((project / "a" / "notice.json").read_text(encoding="utf-8"))
    late = draft_notice(report, settings, date(2026, 4, 20), None, project / "b", today=date(2026, 5, 2))
    assert late.late is not None and late.late.startswith("the 30-day notice period cannot be met")
    document = json.loads((project / "b" / "notice.json").read_text(encoding="utf-8"))
    assert document["late"] == {"send_by_date": "2026-04-20", "today": "2026-05-02", "message": late.late}
    # only the plan tells the team: what users read is the same as when it is on time
    for name in NOTICE_FILES:
        if name != "notice.json":
            assert (project / "a" / name).read_bytes() == (project / "b" / name).read_bytes(), name
    # without today (the library's old call) nothing is judged
    unjudged = draft_notice(report, settings, date(2026, 4, 20), None, project / "c")
    assert unjudged.late is None


# ------------------------------------------------------------------ no material change


def test_no_material_change_writes_only_the_history_entry(project: Path) -> None:
    old = Path(JOYPIX[0])
    (project / "typo.txt").write_text(
        old.read_text(encoding="utf-8").replace("register/log within", "register/log in to"), encoding="utf-8"
    )
    result = invoke(str(old), "typo.txt", "--config", "policydiff.toml", "--publish-date", "2026-04-20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "no material change: no advance notice is needed",
        f"wrote {Path('notice') / 'history-entry.md'}",
    ]
    assert [p.name for p in (project / "notice").iterdir()] == ["history-entry.md"]
    entry = (project / "notice" / "history-entry.md").read_text(encoding="utf-8")
    assert entry.startswith("- Updated April 20, 2026: v2.0.\n")
    assert "No material change: no advance notice is needed." in entry
    assert "Changes of wording or layout only: 1." in entry


# ------------------------------------------------------------------ changes a lawyer must decide


def _ids(report: Report, severity: Severity) -> list[str]:
    return [change.id for change in report.changes if change.severity is severity]


def _pending_lines(report: Report, policy: str) -> list[str]:
    return [
        f"change {c.id} at {(c.new or c.old).path} needs a lawyer's decision: "  # type: ignore[union-attr]
        f"policydiff review {policy} {c.id} --as editorial|minor|major"
        for c in report.changes
        if c.severity is Severity.REVIEW
    ]


def test_pending_reviews_without_a_major_change_draft_nothing(project: Path) -> None:
    """Nobody has concluded that no notice is needed: the notice refuses, one line per pending change."""
    settings = load_settings(project / "policydiff.toml")
    report = report_for(*JOYPIX)
    pending = as_review(report, *_ids(report, Severity.MAJOR))
    assert not pending.notice.required and pending.notice.pending_review >= 1
    with pytest.raises(InputError) as refused:
        draft_notice(pending, settings, date(2026, 4, 20), None, project / "notice")
    assert refused.value.exit_code == 2
    assert list(refused.value.details) == _pending_lines(pending, "POLICY")
    count = pending.notice.pending_review
    assert refused.value.message == (
        f"{pending.old.source} → {pending.new.source}: no notice drafted: {count} changes need a lawyer's"
        " decision before anyone can say no notice is needed (record both versions and compare them as"
        " POLICY@VERSION, where reviews apply)"
    )
    assert not (project / "notice").exists()
    with pytest.raises(InputError) as archived:
        draft_notice(pending, settings, date(2026, 4, 20), None, project / "notice", policy="joypix")
    assert list(archived.value.details) == _pending_lines(pending, "joypix")
    assert archived.value.message.endswith("before anyone can say no notice is needed")
    with pytest.raises(InputError):  # the library's planning refuses the same way
        plan_notice(pending, settings, date(2026, 4, 20))


def test_majors_are_drafted_and_the_pending_reviews_warned_of(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policydiff.cli.compare_commands import _print_drafted

    settings = load_settings(project / "policydiff.toml")
    report = report_for(*JOYPIX)
    editorial = _ids(report, Severity.EDITORIAL)[0]
    both = as_review(report, editorial)
    assert both.notice.required and both.notice.pending_review >= 1
    drafted = draft_notice(both, settings, date(2026, 4, 20), None, project / "notice", policy="joypix")
    assert drafted.plan.required and list(drafted.pending) == _pending_lines(both, "joypix")
    told = {c.id for c in drafted.plan.changes} | {c.id for c in drafted.plan.other_changes}
    assert told.isdisjoint(_ids(both, Severity.REVIEW)) and set(_ids(both, Severity.MAJOR)) <= told
    assert (project / "notice" / "email.html").is_file()
    _print_drafted(drafted, Path("notice"))
    out, err = capsys.readouterr()
    assert "wrote notice" in out and "needs a lawyer's decision" not in out
    warnings = err.splitlines()
    pending = [f"policydiff: warning: {line}" for line in _pending_lines(both, "joypix")]
    assert warnings[-len(pending) - 1 : -1] == pending
    assert warnings[-1] == (
        "policydiff: warning: the notices tell only of the major changes; if a lawyer decides a pending"
        " change is major, draft them again with --force"
    )
    quiet = Drafted(drafted.plan, drafted.folder, drafted.files)
    _print_drafted(quiet, Path("notice"))
    assert "lawyer" not in capsys.readouterr().err


# ------------------------------------------------------------------ writing


def test_existing_notice_files_are_kept_unless_forced(project: Path) -> None:
    assert joypix().exit_code == 0
    (project / "notice" / "email.fr.html").write_text("stale", encoding="utf-8")
    (project / "notice" / "recipients.csv").write_text("email\n", encoding="utf-8")
    again = joypix()
    assert again.exit_code == 2
    assert "already holds notice files" in again.stderr and "--force" in again.stderr
    forced = joypix("--force")
    assert forced.exit_code == 0, forced.stderr
    names = sorted(p.name for p in (project / "notice").iterdir())
    assert names == sorted([*NOTICE_FILES, "recipients.csv"])  # the stale French email is gone


def test_is_notice_file_knows_every_output_in_every_locale() -> None:
    assert all(is_notice_file(name) for name in NOTICE_FILES)
    assert is_notice_file("email.fr.html") and is_notice_file("in-app.pt-BR.txt")
    assert not is_notice_file("recipients.csv") and not is_notice_file("email.eml")


# ------------------------------------------------------------------ consent


def test_consent_changes_warn_and_ask_for_an_explicit_opt_in(project: Path) -> None:
    result = joypix()
    # the consent warnings; a pending review is warned of too, in its own words
    warnings = [line for line in result.stderr.splitlines() if "may require opt-in consent" in line]
    report = report_for(*JOYPIX)
    consent = [c for c in report.changes if c.consent.may_be_required]
    assert {c.id for c in consent} == {"043fbb40", "9ab5da15", "c6ec41c7"}
    assert len(warnings) == len(consent)
    for change, warning in zip(consent, warnings, strict=True):
        assert f"change {change.id} ({change.new.path if change.new else ''}:" in warning
        assert "may require opt-in consent" in warning
    for name in ("email.html", "email.txt", "announcement.md", "announcement.html", "in-app.txt"):
        text = (project / "notice" / name).read_text(encoding="utf-8")
        assert "is not consent" in text, name
    for name in ("email.html", "email.txt", "announcement.md", "announcement.html"):
        text = (project / "notice" / name).read_text(encoding="utf-8")
        assert "https://joypix.ai/account/privacy/consent" in text, name
    html = (project / "notice" / "email.html").read_text(encoding="utf-8")
    assert html.count(">Yes, I agree to this change</a>") == len(consent)


def test_each_consent_change_gets_its_own_choice(project: Path) -> None:
    report = report_for(*JOYPIX)
    settings = load_settings(project / "policydiff.toml")
    plan = plan_notice(report, settings, date(2026, 4, 20))
    links = [c.consent_url for c in plan.changes if c.consent]
    base = "https://joypix.ai/account/privacy/consent"
    assert links == [f"{base}#change-{c.id}" for c in plan.changes if c.consent] and len(set(links)) == 3
    assert all(c.consent_url is None for c in plan.changes if not c.consent)
    own = replace(settings.notice.links, consent="https://joypix.ai/consent/{change}?from=email")
    plan = plan_notice(
        report, replace(settings, notice=replace(settings.notice, links=own)), date(2026, 4, 20)
    )
    assert [c.consent_url for c in plan.changes if c.consent] == [
        f"https://joypix.ai/consent/{c.id}?from=email" for c in plan.changes if c.consent
    ]
    result = joypix()
    assert result.exit_code == 0, result.stderr
    html = (project / "notice" / "email.html").read_text(encoding="utf-8")
    for change in (c for c in plan.changes if c.consent):
        assert html.count(f'href="{base}#change-{change.id}"') == 1


def test_a_bare_from_address_takes_the_organisation_as_its_display_name(project: Path) -> None:
    settings = load_settings(project / "policydiff.toml")
    assert settings.email.sender == "privacy@joypix.ai"
    plan = plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20))
    assert plan.sender == "JoyPix LLC <privacy@joypix.ai>"
    named = replace(settings, email=replace(settings.email, sender="Privacy Team <privacy@joypix.ai>"))
    assert (
        plan_notice(report_for(*JOYPIX), named, date(2026, 4, 20)).sender
        == "Privacy Team <privacy@joypix.ai>"
    )
    comma = replace(settings, organization=replace(settings.organization, name="JoyPix, Inc."))
    assert (
        plan_notice(report_for(*JOYPIX), comma, date(2026, 4, 20)).sender
        == '"JoyPix, Inc." <privacy@joypix.ai>'
    )


def test_a_continued_use_clause_is_flagged_while_consent_is_asked(project: Path) -> None:
    result = joypix()
    lint = [line for line in result.stderr.splitlines() if "says continued use means acceptance" in line]
    assert len(lint) == 2 and "clause 9.b2 of the new version" in lint[1]
    assert "Continuing to use the Service constitutes your agreement" in lint[1]
    assert all(
        line.startswith("policydiff: warning: ") and line.endswith("before publishing") for line in lint
    )
    # a policy without such a clause, or a notice that asks no consent, draws no such warning
    report = report_for(*JOYPIX)
    settings = load_settings(project / "policydiff.toml")
    plan = plan_notice(report, settings, date(2026, 4, 20))
    assert len([w for w in notice_warnings(report, settings, plan) if "continued use" in w]) == 2
    no_consent = replace(plan, consent_needed=False)
    assert not [w for w in notice_warnings(report, settings, no_consent) if "continued use" in w]
    clean_new = replace(report, new_text="We ask for your consent before we use your photos.", outlines=None)
    assert continued_use_clauses(clean_new) == []


def test_links_the_notices_go_without_are_warned_of_by_key(project: Path) -> None:
    settings = load_settings(project / "policydiff.toml")
    bare = replace(
        settings,
        notice=replace(
            settings.notice,
            redline_url=None,
            links=replace(settings.notice.links, export=None, close_account=None),
        ),
    )
    report = report_for(*JOYPIX)
    warnings = notice_warnings(report, bare, plan_notice(report, bare, date(2026, 4, 20)))
    assert [w for w in warnings if "is not set" in w] == [
        "notice.links.export is not set: the notices offer no way to download a copy of your personal"
        " information",
        "notice.links.close_account is not set: the notices offer no way to close your account",
        "notice.redline_url is not set: the notices do not link to the comparison of the two versions",
    ]


def test_a_consent_change_needs_a_consent_link(project: Path) -> None:
    settings = parse_settings(
        {
            "organization": {"name": "JoyPix LLC", "contact": "support@joypix.ai"},
            "email": {"from": "privacy@joypix.ai"},
            "notice": {"policy_url": "https://joypix.ai/privacy"},
        },
        project / "policydiff.toml",
    )
    with pytest.raises(InputError, match=r"notice\.links\.consent: needed for a notice \(change 043fbb40"):
        plan_notice(report_for(*JOYPIX), settings, date(2026, 4, 20))


def test_a_notice_needs_the_controller_and_the_policy_link(project: Path) -> None:
    result = invoke(*JOYPIX, "--publish-date", "2026-04-20", "--config", "empty.toml")
    assert result.exit_code == 2  # no such file
    (project / "empty.toml").write_text("", encoding="utf-8")
    result = invoke(*JOYPIX, "--publish-date", "2026-04-20", "--config", "empty.toml")
    assert result.exit_code == 2
    assert result.stderr == (
        "policydiff: empty.toml: organization.name: needed for a notice (the notice names the controller)\n"
    )


# ------------------------------------------------------------------ grounding


@pytest.mark.parametrize("pair", [JOYPIX, JOYCLIP], ids=["joypix", "joyclip"])
def test_every_summary_is_told_from_the_report_and_the_rule_files(
    project: Path, pair: tuple[str, str]
) -> None:
    rulebook = load_rulebook()
    plain = {rule.plain for rule in rulebook.rules()}
    plain |= {text for c in rulebook.categories for text in c.plain.values()}
    plain |= {text for cue in rulebook.cues for text in (cue.plain_added, cue.plain_removed)}
    plain |= {swap.plain for swap in rulebook.swaps} | set(rulebook.lists_plain.values())
    report = report_for(*pair)
    plan = plan_notice(report, load_settings(project / "policydiff.toml"), date(2026, 4, 1))
    by_id = {c.id: c for c in report.changes}
    assert [c.id for c in plan.changes] == [c.id for c in report.changes if c.severity is Severity.MAJOR]
    for told in (*plan.changes, *plan.other_changes):
        change = by_id[told.id]
        sentence, _, detail = told.summary.rstrip(".").partition(": ")
        assert sentence[:1].lower() + sentence[1:] in plain, told.summary
        words = " ".join(r.trigger for r in change.reasons) + " ".join(r.says for r in change.reasons)
        # what the trigger words name, in the ontology's words ("GPS" → "your precise location")
        named = {
            label
            for r in change.reasons
            for term in rulebook.find_terms(r.trigger)
            if term.category is not None
            and (label := rulebook.by_category(term.category).label(term.name)) is not None
        }
        named |= {f"your {label}" for label in named}
        quoted_items = re.findall(r"“([^”]*)”", detail)
        for item in quoted_items or ([detail] if detail in words else detail.split(", ") if detail else []):
            assert (
                item.rstrip(" …") in words.replace("«", "“").replace("»", "”")
                or item in words
                or item in named
            ), detail
        assert not quoted_items or not (set(quoted_items) & named), detail  # a kind is named, never quoted
        side = change.new or change.old
        assert side is not None and told.path == side.path
        assert (side.heading or "") in told.clause
        for quote, original in ((told.old_quote, change.old), (told.new_quote, change.new)):
            if original is not None:
                assert quote is not None and _words(quote) in _words(original.text)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_rule_file_gives_plain_words(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "sharing.toml"
    path.write_text(re.sub(r"(?m)^narrows = .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError, match=r"sharing\.toml: '\[plain\]' must give a sentence for each of"):
        load_rulebook(rules)
    shutil.copy(RULES / "sharing.toml", path)
    cues = rules / "cues.toml"
    cues.write_text(cues.read_text(encoding="utf-8").replace("plain_removed =", "plain_gone =", 1), "utf-8")
    with pytest.raises(InputError, match=r"cue cue\.negation: 'plain_removed' must be a str"):
        load_rulebook(rules)


# ------------------------------------------------------------------ hostile policy text


def test_hostile_policy_text_is_text_in_every_output(project: Path) -> None:
    old = Path(JOYPIX[0]).read_text(encoding="utf-8")
    anchor = "- Statutory Mandatory Requirements:"
    assert anchor in old
    hostile = "".join(f"- {clause}\n" for clause in HOSTILE_CLAUSES)
    (project / "hostile.txt").write_text(old.replace(anchor, hostile + anchor, 1), encoding="utf-8")
    result = invoke(JOYPIX[0], "hostile.txt", "--config", "policydiff.toml", "--publish-date", "2026-04-20")
    assert result.exit_code == 0, result.stderr
    folder = project / "notice"
    document = json.loads((folder / "notice.json").read_text(encoding="utf-8"))
    quotes = [c["new"] for c in document["changes"]]
    assert "<script>alert('x')</script> We share your email address with advertising partners." in quotes
    for name in ("email.html", "announcement.html"):
        page = _Page.parse((folder / name).read_text(encoding="utf-8"))
        assert page.elements.isdisjoint({"script", "img", "iframe", "object", "embed", "form"}), name
        assert not page.handlers, name
        assert all(href.startswith(("https://", "mailto:")) for href in page.hrefs), name
        assert "<script>alert('x')</script>" in page.text and 'onerror="alert(1)"' in page.text, name
        assert "[click here](javascript:alert(1))" in page.text, name
    for name in ("email.txt",):
        text = (folder / name).read_text(encoding="utf-8")
        assert "<script>alert('x')</script>" in text and '<a href="javascript:alert(2)">go</a>' in text
    for name in ("announcement.md",):
        text = (folder / name).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text and "<script" not in text
        assert "\\[click here\\](javascript:alert(1))" in text
        assert not re.search(r"(?<!\\)\]\(javascript:", text)  # no Markdown link to it
        assert '&lt;a href="javascript:alert(2)"&gt;' in text
    assert "<script" not in (folder / "history-entry.md").read_text(encoding="utf-8")


class _Page(HTMLParser):
    """What an HTML notice holds: element names, event-handler attributes, link targets and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: set[str] = set()
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.text = ""

    @classmethod
    def parse(cls, html: str) -> _Page:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text += data


# ------------------------------------------------------------------ templates and locales


def test_a_project_template_overrides_one_file(project: Path) -> None:
    overrides = project / "templates" / "notice"
    overrides.mkdir(parents=True)
    (overrides / "in-app.txt.j2").write_text(
        "{{ product }}: new privacy policy on {{ effective_date_text }}.\n{{ policy_url }}\n",
        encoding="utf-8",
    )
    config = project / "policydiff.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "period_days = 30", 'period_days = 30\ntemplates = "templates"'
        ),
        encoding="utf-8",
    )
    assert joypix().exit_code == 0
    in_app = (project / "notice" / "in-app.txt").read_text(encoding="utf-8")
    assert in_app == "JoyPix.ai: new privacy policy on May 20, 2026.\nhttps://joypix.ai/privacy\n"
    email = (project / "notice" / "email.txt").read_text(encoding="utf-8")
    assert email == (GOLDEN / "notice" / "joypix" / "email.txt").read_text(encoding="utf-8")


def test_a_locale_template_adds_that_language(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "custom" / "notice"
    folder.mkdir(parents=True)
    (folder / "email.fr.html.j2").write_text(
        '<!DOCTYPE html><html lang="{{ locale }}"><head><style>p { color: #111111; }</style></head>'
        "<body><p>Entrée en vigueur : {{ effective_date }}</p></body></html>\n",
        encoding="utf-8",
    )
    (folder / "email.fr.txt.j2").write_text("Entrée en vigueur : {{ effective_date }}\n", encoding="utf-8")
    (folder / "subject.fr.txt.j2").write_text("Notre politique de confidentialité change\n", encoding="utf-8")
    plan = plan_notice(report_for(*JOYPIX), load_settings(project / "policydiff.toml"), date(2026, 4, 20))
    files = render_notice(plan, overrides=[tmp_path / "custom"])
    assert files["email.fr.txt"] == "Entrée en vigueur : 2026-05-20\n"
    assert '<p style="color: #111111;">Entrée en vigueur : 2026-05-20</p>' in files["email.fr.html"]
    assert "announcement.fr.md" not in files  # no French template for it: no French copy
    document = json.loads(files["notice.json"])
    assert document["locales"] == ["en", "fr"]
    assert document["email"] == {
        "from": "JoyPix LLC <privacy@joypix.ai>",
        "subject": "We're updating our Privacy Policy",
        "subjects": {
            "en": "We're updating our Privacy Policy",
            "fr": "Notre politique de confidentialité change",
        },
    }
    (folder / "email.fr.txt.j2").unlink()
    with pytest.raises(
        InputError, match=r"an email in fr needs both email\.fr\.html\.j2 and email\.fr\.txt\.j2"
    ):
        render_notice(plan, overrides=[tmp_path / "custom"])


def test_an_in_app_message_over_280_characters_is_refused(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "custom" / "notice"
    folder.mkdir(parents=True)
    (folder / "in-app.txt.j2").write_text("{{ 'x' * 281 }}\n{{ policy_url }}\n", encoding="utf-8")
    plan = plan_notice(report_for(*JOYPIX), load_settings(project / "policydiff.toml"), date(2026, 4, 20))
    with pytest.raises(
        InputError, match=r"in-app\.txt\.j2: the in-app message has 281 characters; at most 280"
    ):
        render_notice(plan, overrides=[tmp_path / "custom"])
    lines = render_notice(plan)["in-app.txt"].splitlines()
    assert len(lines) == 2 and len(lines[0]) <= IN_APP_LIMIT and lines[1] == "https://joypix.ai/privacy"


def test_an_undefined_template_variable_is_an_error(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "custom" / "notice"
    folder.mkdir(parents=True)
    (folder / "announcement.md.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    plan = plan_notice(report_for(*JOYPIX), load_settings(project / "policydiff.toml"), date(2026, 4, 20))
    with pytest.raises(InputError, match=r"notice template: UndefinedError: 'no_such_value' is undefined"):
        render_notice(plan, overrides=[tmp_path / "custom"])


# ------------------------------------------------------------------ notice.json and config


def test_notice_json_holds_what_send_reads(project: Path) -> None:
    assert joypix().exit_code == 0
    document = json.loads((project / "notice" / "notice.json").read_text(encoding="utf-8"))
    assert document["schema"] == "policydiff.notice/1"
    assert document["locales"] == ["en"]
    assert document["email"]["from"] == "JoyPix LLC <privacy@joypix.ai>"  # the organisation names the sender
    assert document["email"]["subjects"] == {"en": document["email"]["subject"]}
    assert (
        document["policy"]["new"]["version"] == "v2.1"
        and document["policy"]["url"] == "https://joypix.ai/privacy"
    )
    report = report_for(*JOYPIX)
    majors = [c for c in report.changes if c.severity is Severity.MAJOR]
    assert [c["id"] for c in document["changes"]] == [c.id for c in majors]
    for entry, change in zip(document["changes"], majors, strict=True):
        assert set(entry) >= {"id", "path", "summary", "old", "new", "consent"}
        assert entry["consent"]["may_be_required"] is change.consent.may_be_required


def test_notice_links_must_be_absolute_https(tmp_path: Path) -> None:
    where = tmp_path / "policydiff.toml"
    with pytest.raises(InputError, match=r"notice\.policy_url: must be an absolute https URL"):
        parse_settings({"notice": {"policy_url": "http://joypix.ai/privacy"}}, where)
    with pytest.raises(InputError, match=r"notice\.links\.opt_out: must be an absolute https URL or mailto"):
        parse_settings({"notice": {"links": {"opt_out": "javascript:alert(1)"}}}, where)
    with pytest.raises(InputError, match=r"notice\.links\.delete: unknown key"):
        parse_settings({"notice": {"links": {"delete": "https://joypix.ai/d"}}}, where)
    links = parse_settings({"notice": {"links": {"export": "mailto:privacy@joypix.ai"}}}, where).notice.links
    assert links.export == "mailto:privacy@joypix.ai" and links.consent is None


def _complete(settings: Settings) -> Settings:
    """The fixture config's organisation, sender and links, with the period of ``settings``."""
    fixture = load_settings(FIXTURES / "policydiff.toml")
    notice = replace(fixture.notice, period_days=settings.notice.period_days)
    return replace(fixture, path=settings.path, notice=notice)


def test_a_long_policy_title_is_shortened_in_the_in_app_message_not_refused(project: Path) -> None:
    """A page's <h1> of 197 characters (seen in the fuzzing) fits the 280-character message shortened."""
    from dataclasses import replace

    plan = plan_notice(report_for(*JOYPIX), load_settings(project / "policydiff.toml"), date(2026, 4, 20))
    title = "Privacy Policy for the JoyPix Photo Editing, Sharing, Printing and Storage Services " * 3
    long = replace(plan, policy_title=title.strip(), product="JoyPix.ai " * 12)
    files = render_notice(long)
    message, link = files["in-app.txt"].rstrip("\n").split("\n")
    assert len(message) <= IN_APP_LIMIT and link == "https://joypix.ai/privacy"
    assert "…" in message and "may affect you" in message
    assert title.strip() in files["email.txt"]  # only the in-app message gives way
