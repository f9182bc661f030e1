"""The advance notices a report's material changes need: plan them, then render the templates.

``plan_notice`` decides every value (pure: the dates come in, the clock is never read);
``render_notice`` fills the Jinja2 templates of ``templates/notice/`` (a project's own folder
overrides them file by file, and ``<name>.<locale>.<ext>.j2`` adds a language). Every sentence
about a change is its rule's ``plain`` words from the rule files plus the report's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policydiff.dates import long_date
from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.model import (
    Category,
    Change,
    ChangeKind,
    ChangeSide,
    Op,
    Report,
    Severity,
)
from policydiff.records import NoticeChange, NoticeLink, NoticePlan
from policydiff.render.common import clean, elide, review_command
from policydiff.render.json_report import dumps, notice_plan_to_dict
from policydiff.text import sentences

if TYPE_CHECKING:
    from policydiff.classify import RuleBook
    from policydiff.config import Settings

DEFAULT_LOCALE = "en"
IN_APP_LIMIT = 280
# (output file, how its template is escaped); the template is notice/<stem>[.<locale>].<ext>.j2
OUTPUTS = (
    ("email.html", "html"),
    ("email.txt", "text"),
    ("announcement.md", "markdown"),
    ("announcement.html", "html"),
    ("in-app.txt", "text"),
    ("history-entry.md", "markdown"),
)
SUBJECT_TEMPLATE = "subject.txt"
# [notice.links] keys in the order a notice lists them, with their words
ACTIONS = (
    ("object", "Object to our processing of your personal information"),
    ("opt_out", "Opt out of optional processing of your personal information"),
    ("withdraw_consent", "Withdraw a consent you have given us"),
    ("export", "Download a copy of your personal information"),
    ("close_account", "Close your account"),
)
_LOCALE = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?"  # fr, pt-BR
_TEMPLATE_NAME = lazy(
    rf"^(?P<stem>[a-z]+(?:-[a-z]+)*)(?:\.(?P<locale>{_LOCALE}))?\.(?P<ext>html|txt|md)\.j2$"
)
_OUTPUT_NAME = lazy(rf"^(?P<stem>[a-z]+(?:-[a-z]+)*)(?:\.{_LOCALE})?\.(?P<ext>html|txt|md)$")
_BULLET = lazy(r"^\s*[-*+•]\s+")
_ORDINAL = lazy(r"^(?P<kind>[bpdr])(?P<number>\d+)(?:~\d+)?$")
_ORDINAL_NAMES = {"b": "item", "p": "paragraph", "d": "definition", "r": "row"}
_GUILLEMETS = str.maketrans({"«": "“", "»": "”"})


# ------------------------------------------------------------------ planning


def plan_notice(
    report: Report,
    settings: Settings,
    publish_date: date,
    effective_date: date | None = None,
    rulebook: RuleBook | None = None,
    *,
    policy: str | None = None,
) -> NoticePlan:
    """Decide every value of the notice set; raise ``InputError`` for an effective date that is too early.

    A report with review changes and no major one raises ``InputError`` too, one detail line per
    pending change: only a lawyer can conclude that no notice is needed. ``policy`` is the
    configured policy the report compares versions of, named in the ``policydiff review`` commands.
    With a major change the notice is drafted for the majors; ``pending_lines`` tells the rest.
    """
    from policydiff.classify import default_rulebook

    rulebook = rulebook or default_rulebook()
    majors = [c for c in report.changes if c.severity is Severity.MAJOR]
    required = bool(majors)
    if not required and (pending := pending_lines(report, policy)):
        raise InputError(_undecided(report, len(pending), policy), details=pending)
    days, source = _period(report, settings) if required else (0, "no material change, so no advance notice")
    timing = _timing(publish_date, effective_date, days, source)
    changes = tuple(_notice_change(c, rulebook) for c in majors)
    if required:
        _require(settings, [c for c in changes if c.consent])
    consent = settings.notice.links.consent
    changes = tuple(
        replace(c, consent_url=consent_link(consent, c.id)) if c.consent and consent else c for c in changes
    )
    minors = (c for c in report.changes if c.severity is Severity.MINOR)
    return _plan(report, settings, timing, changes, tuple(_notice_change(c, rulebook) for c in minors))


def notice_warnings(report: Report, settings: Settings, plan: NoticePlan) -> tuple[str, ...]:
    """What a lawyer should fix before sending, one line each: links the notices go without (by
    config key), and a clause of the new version that takes continued use as consent while the
    notices ask for opt-in consent."""
    lines = [
        f"notice.links.{key} is not set: the notices offer no way to {label[:1].lower()}{label[1:]}"
        for key, label in ACTIONS
        if getattr(settings.notice.links, key) is None
    ]
    for key, what in (
        ("redline_url", "the comparison of the two versions"),
        ("history_url", "earlier versions"),
    ):
        if not getattr(settings.notice, key):
            lines.append(f"notice.{key} is not set: the notices do not link to {what}")
    if plan.consent_needed:
        for where, sentence in continued_use_clauses(report):
            lines.append(
                f"clause {where} of the new version says continued use means acceptance "
                f"(“{elide(sentence, keep_start=90, keep_end=0)}”), while the notices ask for opt-in "
                "consent, which continued use is not: change that clause before publishing"
            )
    return tuple(lines)


def continued_use_clauses(report: Report) -> list[tuple[str, str]]:
    """Each clause of the new version (its path, the sentence) that takes continued use as acceptance."""
    patterns = _continued_use()
    if report.outlines is not None:
        leaves = [(leaf.path, leaf.text) for leaf in report.outlines[1].leaves()]
    else:
        leaves = [("?", report.new_text)]
    found = []
    for path, text in leaves:
        for start, end in sentences(text):
            sentence = " ".join(text[start:end].split())
            if any(pattern.search(sentence) for pattern in patterns):
                found.append((path, clean(sentence)))
                break
    return found


@cache
def _continued_use() -> tuple[re.Pattern[str], ...]:
    import tomllib

    with (Path(__file__).with_name("notice_lint.toml")).open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["continued_use"])


def consent_link(url: str, change_id: str) -> str:
    """One change's own opt-in link: ``{change}`` in the configured URL becomes its id (a link of
    its own), else the consent page gets an anchor per change (``#change-<id>``)."""
    if "{change}" in url:
        return url.replace("{change}", change_id)
    return f"{url.split('#', 1)[0]}#change-{change_id}"


def plain_summaries(report: Report, rulebook: RuleBook | None = None) -> dict[str, str]:
    """Each change of substance in plain words, as the notice tells it: change id → sentence."""
    from policydiff.classify import default_rulebook

    rulebook = rulebook or default_rulebook()
    return {
        change.id: _summary(change, rulebook)[0]
        for change in report.changes
        if change.severity is not Severity.EDITORIAL
    }


def send_by_date(plan: NoticePlan) -> date:
    """The last day the notice can go out for the new version to take effect on its date after the period."""
    return date.fromisoformat(plan.effective_date) - timedelta(days=plan.period_days)


def missed_period(plan: NoticePlan, today: date) -> str | None:
    """One plain sentence when the notice can no longer go out in time (its send-by date is past), else None.

    The drafts stay as planned (their dates are what was asked for); this sentence says they cannot
    be sent as they are, and with which dates they can.
    """
    deadline = send_by_date(plan)
    if not plan.required or deadline >= today:
        return None
    earliest = today + timedelta(days=plan.period_days)
    return (
        f"the {plan.period_days}-day notice period cannot be met: send-by date {deadline.isoformat()} "
        f"is past (today is {today.isoformat()}), yet the notices say the new version takes effect on "
        f"{plan.effective_date_text}; sent today, it allows an effective date of {earliest.isoformat()} "
        f"or later (draft again with --effective-date)"
    )


def pending_lines(report: Report, policy: str | None = None) -> tuple[str, ...]:
    """One line per review change: where it is, and the command that records a lawyer's decision."""
    lines = []
    for change in report.changes:
        if change.severity is Severity.REVIEW:
            side = change.new or change.old
            at = side.path if side else "?"
            command = review_command(change, policy or "POLICY")
            lines.append(f"change {change.id} at {at} needs a lawyer's decision: {command}")
    return tuple(lines)


def _undecided(report: Report, count: int, policy: str | None) -> str:
    changes = "1 change needs" if count == 1 else f"{count} changes need"
    message = (
        f"{clean(report.old.source)} → {clean(report.new.source)}: no notice drafted: {changes} "
        "a lawyer's decision before anyone can say no notice is needed"
    )
    if policy is None:
        # reviews are kept per policy and applied to POLICY@VERSION sources only
        message += " (record both versions and compare them as POLICY@VERSION, where reviews apply)"
    return message


@dataclass(frozen=True, slots=True)
class _Timing:
    """When the notice goes out and the new version takes effect, and the period between them."""

    publish: date
    effective: date
    earliest: date  # publish + days
    days: int
    source: str  # where the period comes from, in words for a message


def _timing(publish: date, effective: date | None, days: int, source: str) -> _Timing:
    """The dates of the notice; an effective date before the period is over is an input error."""
    earliest = publish + timedelta(days=days)
    chosen = effective or earliest
    if chosen < earliest:
        raise InputError(
            f"--effective-date {chosen.isoformat()}: earlier than {earliest.isoformat()}, "
            f"the publish date {publish.isoformat()} + {days} days ({source})"
        )
    return _Timing(publish, chosen, earliest, days, source)


def _plan(
    report: Report,
    settings: Settings,
    timing: _Timing,
    changes: tuple[NoticeChange, ...],
    other_changes: tuple[NoticeChange, ...],
) -> NoticePlan:
    """The plan, field by field as the templates read it."""
    organization, notice, links = settings.organization, settings.notice, settings.notice.links
    contact = organization.contact
    return NoticePlan(
        required=bool(changes),
        publish_date=timing.publish.isoformat(),
        effective_date=timing.effective.isoformat(),
        earliest_effective_date=timing.earliest.isoformat(),
        publish_date_text=long_date(timing.publish),
        effective_date_text=long_date(timing.effective),
        period_days=timing.days,
        period_source=timing.source,
        organization=organization.name,
        product=organization.product or organization.name,
        contact=contact,
        contact_url=contact if contact.startswith("https://") or not contact else f"mailto:{contact}",
        website=organization.website,
        sender=_display_sender(settings.email.sender, organization.name),
        subject=settings.email.subject,
        policy_title=report.new.title or report.old.title or "Privacy Policy",
        old=report.old,
        new=report.new,
        policy_url=notice.policy_url,
        redline_url=notice.redline_url,
        history_url=notice.history_url,
        consent_url=links.consent,
        actions=tuple(
            NoticeLink(key, label, url) for key, label in ACTIONS if (url := getattr(links, key)) is not None
        ),
        changes=changes,
        other_changes=other_changes,
        editorial_count=sum(1 for c in report.changes if c.severity is Severity.EDITORIAL),
        consent_needed=any(c.consent for c in changes),
    )


def _display_sender(sender: str, organization: str) -> str:
    """The From line with a display name: the organisation's, when the config gives a bare address."""
    from email.utils import parseaddr, quote

    name, address = parseaddr(sender)
    if name or not address or not organization:
        return sender
    # quoted when it holds what an address line reserves ("JoyPix, Inc."); Unicode stays as it is:
    # the send path hands the name to SendGrid apart from the address
    special = any(char in organization for char in '()<>@,;:\\".[]')
    return f'"{quote(organization)}" <{address}>' if special else f"{organization} <{address}>"


def _period(report: Report, settings: Settings) -> tuple[int, str]:
    """The advance-notice period and where it comes from, in words for a message."""
    configured = settings.notice.period_days
    where = f" in {settings.path}" if settings.path else " (the default, no config file)"
    config = f"[notice] period_days = {configured}{where}"
    promised = report.notice.promised_days
    if promised is None:
        return configured, config
    clause = report.notice.promised_path
    promise = f"the old policy's promise of {promised} days" + (f" at clause {clause}" if clause else "")
    if promised > configured:
        return promised, f"{promise}; the config says {configured}"
    if promised == configured:
        return configured, f"{config} and {promise}"
    return configured, f"{config}; {promise}"


def _require(settings: Settings, consent: Sequence[NoticeChange]) -> None:
    """The settings a notice cannot do without: who sends it, whom to ask, where the policy is."""
    where = settings.path or "config (no policydiff.toml found)"
    needed = [
        ("organization.name", settings.organization.name, "the notice names the controller"),
        ("organization.contact", settings.organization.contact, "the notice says whom to ask"),
        ("email.from", settings.email.sender, "the email needs a sender"),
        ("notice.policy_url", settings.notice.policy_url, "the notice links to the full new policy"),
    ]
    if consent:
        first = consent[0]
        why = f"change {first.id} ({first.path}) may need opt-in consent, which the notice asks for"
        needed.append(("notice.links.consent", settings.notice.links.consent, why))
    for key, value, why in needed:
        if not value:
            raise InputError(f"{where}: {key}: needed for a notice ({why})")


def _notice_change(change: Change, rulebook: RuleBook) -> NoticeChange:
    side = change.new or change.old
    assert side is not None  # a change has at least one side
    summary, rules = _summary(change, rulebook)
    old_runs, new_runs = _runs(change, Op.DELETE), _runs(change, Op.INSERT)
    return NoticeChange(
        id=change.id,
        kind=change.kind.value,
        severity=change.severity.value,
        path=side.path,
        old_path=change.old.path if change.old else None,
        clause=clause_name(side),
        summary=summary,
        rules=rules,
        categories=tuple(c.value for c in change.categories),
        topics=tuple(rulebook.by_category(c).topic for c in change.categories),
        old_quote="".join(text for _, text in old_runs) if change.old else None,
        new_quote="".join(text for _, text in new_runs) if change.new else None,
        old_runs=old_runs if change.old else (),
        new_runs=new_runs if change.new else (),
        consent=change.consent.may_be_required,
        consent_reasons=change.consent.reasons,
    )


def _summary(change: Change, rulebook: RuleBook) -> tuple[str, tuple[str, ...]]:
    """One sentence: the plain words of the change's leading rule and the words that triggered it."""
    category = change.categories[0] if change.categories else Category.OTHER
    lead = change.reasons[0] if change.reasons else None
    plain = rulebook.plain(lead.rule, change.direction, lead.told) if lead else None
    if lead is None or plain is None:  # no rule tells it: the category's plain words for its direction
        sentence = rulebook.by_category(category).plain[change.direction]
        return f"{sentence[:1].upper()}{sentence[1:]}.", ()
    detail = plain.detail.translate(_GUILLEMETS)
    if plain.quote:
        triggers = [r.trigger for r in change.reasons if r.rule == lead.rule]
        named = _named(triggers, category, rulebook)
        if named is not None:  # the kinds of data, recipients or places, in the user's words
            detail = ", ".join(named[:4])
        else:  # a cue's own words ("unless", "may → will"), quoted
            quoted = dict.fromkeys(elide(clean(t).strip(), keep_start=10, keep_end=0) for t in triggers)
            detail = ", ".join(f"“{t}”" for t in list(quoted)[:4] if t)
    sentence = plain.text + (f": {detail}" if detail else "")
    return f"{sentence[:1].upper()}{sentence[1:].rstrip('.')}.", (lead.rule,)


def _named(triggers: Sequence[str], category: Category, rulebook: RuleBook) -> list[str] | None:
    """What the trigger words name, as the ontology names it ("GPS", "Precise Location" → "your
    precise location"); None when they are no term of the category (a cue's words)."""
    rules = rulebook.by_category(category)
    found = [t for trigger in triggers for t in rulebook.find_terms(trigger) if t.category is category]
    if not found:
        return None
    concepts = list(dict.fromkeys(term.name for term in found))
    # a kind named with one of its sub-kinds says nothing more ("location" beside "precise location")
    above = {parent for concept in concepts for parent in rules.lineage(concept)[1:]}
    labels = dict.fromkeys(
        label for concept in concepts if concept not in above and (label := rules.label(concept)) is not None
    )
    if category is Category.COLLECTION:
        labels = dict.fromkeys(name if name.startswith("your ") else f"your {name}" for name in labels)
    return list(labels)


def _runs(change: Change, changed_op: Op) -> tuple[tuple[bool, str], ...]:
    """One side's wording as (changed?, words) runs: the words the change touched are marked."""
    whole = change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)
    side = change.old if changed_op is Op.DELETE else change.new
    edits = [(e.op, e.text) for e in change.edits if e.op in (Op.EQUAL, changed_op)]
    if not edits and side is not None:
        edits = [(Op.EQUAL, side.text)]
    runs: list[tuple[bool, str]] = []
    for op, raw in edits:
        text = clean(raw)
        marked = op is changed_op and not whole and bool(text.strip())
        if runs and runs[-1][1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not runs:
            text = text.lstrip()
        if not text:
            continue
        if runs and runs[-1][0] is marked:
            runs[-1] = (marked, runs[-1][1] + text)
        else:
            runs.append((marked, text))
    if runs:
        runs[-1] = (runs[-1][0], runs[-1][1].rstrip())
    return _tidy(_drop_bullet(runs))


def _drop_bullet(runs: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Drop a list item's marker ("- "), which may span runs when only the marker was inserted."""
    bullet = _BULLET.match("".join(text for _, text in runs))
    skip = bullet.end() if bullet else 0
    kept = []
    for marked, text in runs:
        kept.append((marked, text[skip:]))
        skip = max(0, skip - len(text))
    return kept


def _tidy(runs: list[tuple[bool, str]]) -> tuple[tuple[bool, str], ...]:
    """Marked runs hold words only: white space moves out, punctuation alone is not marked.

    Markdown's ``**`` must touch a word on its inside, so "**only **" or "you**,**" would print
    their asterisks.
    """
    pieces: list[tuple[bool, str]] = []
    for marked, text in runs:
        core = text.strip()
        if not marked or not any(ch.isalnum() for ch in core):
            pieces.append((False, text))
            continue
        start = text.index(core)
        pieces.extend([(False, text[:start]), (True, core), (False, text[start + len(core) :])])
    tidy: list[tuple[bool, str]] = []
    for marked, text in pieces:
        if not text:
            continue
        if tidy and tidy[-1][0] is marked:
            tidy[-1] = (marked, tidy[-1][1] + text)
        else:
            tidy.append((marked, text))
    return tuple(tidy)


def clause_name(side: ChangeSide) -> str:
    """The clause as a reader finds it: its heading trail and item, or the words it begins with."""
    found = _ORDINAL.match(side.path.rsplit(".", 1)[-1])
    ordinal = f"{_ORDINAL_NAMES[found['kind']]} {found['number']}" if found else ""
    if side.heading:
        return f"{side.heading}, {ordinal}" if ordinal else side.heading
    opening = elide(_BULLET.sub("", clean(side.text).strip()), keep_start=8, keep_end=0, slack=0)
    kind = _ORDINAL_NAMES[found["kind"]] if found else "clause"
    return f"the {kind} beginning “{opening.rstrip(' …')}…”"


# ------------------------------------------------------------------ rendering


def is_notice_file(name: str) -> bool:
    """Whether ``name`` is a file ``render_notice`` writes, in any locale."""
    found = _OUTPUT_NAME.match(name)
    return name == "notice.json" or bool(found and f"{found['stem']}.{found['ext']}" in dict(OUTPUTS))


@dataclass(frozen=True, slots=True)
class _Template:
    output: str  # the file it renders: email.html, email.fr.html
    name: str  # the template: notice/email.html.j2, notice/email.fr.html.j2
    escape: str  # "html" | "text" | "markdown"


def notice_locales(available: set[str]) -> list[str]:
    """English first, then every locale a ``notice/<stem>.<locale>.<ext>.j2`` template exists for."""
    found = set()
    for name in available:
        match = _TEMPLATE_NAME.match(name.removeprefix("notice/"))
        if match and match["locale"]:
            found.add(match["locale"])
    return [DEFAULT_LOCALE, *sorted(found - {DEFAULT_LOCALE})]


def _templates(plan: NoticePlan, locales: Sequence[str], available: set[str]) -> list[_Template]:
    """What to render: every output in English; per locale, the outputs that have a template of their own."""
    outputs = OUTPUTS if plan.required else tuple(o for o in OUTPUTS if o[0] == "history-entry.md")
    chosen = []
    for locale in locales:
        for output, escape in outputs:
            stem, ext = output.rsplit(".", 1)
            if locale == DEFAULT_LOCALE:
                chosen.append(_Template(output, f"notice/{stem}.{ext}.j2", escape))
            elif f"notice/{stem}.{locale}.{ext}.j2" in available:
                chosen.append(_Template(f"{stem}.{locale}.{ext}", f"notice/{stem}.{locale}.{ext}.j2", escape))
        if plan.required and locale != DEFAULT_LOCALE:
            pair = {t.output for t in chosen} & {f"email.{locale}.html", f"email.{locale}.txt"}
            if len(pair) == 1:
                raise InputError(
                    f"notice/email.{locale}.html.j2: an email in {locale} needs both email.{locale}.html.j2 "
                    f"and email.{locale}.txt.j2"
                )
    return chosen


def render_notice(
    plan: NoticePlan, overrides: Sequence[Path] = (), *, today: date | None = None
) -> dict[str, str]:
    """Every notice file, by file name: rendered templates and ``notice.json``; only the history entry
    when no notice is required. With ``today``, a send-by date already past is told in ``notice.json``
    (``late``: the send-by date, today and ``missed_period``'s sentence)."""
    from jinja2 import TemplateError

    environments = _environments(overrides)
    available = set(environments["text"].list_templates(filter_func=lambda name: name.startswith("notice/")))
    locales = notice_locales(available)
    context = {field.name: getattr(plan, field.name) for field in fields(plan)}
    files: dict[str, str] = {}
    try:
        for template in _templates(plan, locales, available):
            locale = template.output.split(".")[1] if template.output.count(".") == 2 else DEFAULT_LOCALE
            text = environments[template.escape].get_template(template.name).render(**context, locale=locale)
            if template.output.startswith("email.") and template.output.endswith(".html"):
                text = _inline_css(text)
            if template.output.startswith("in-app."):
                text = _fitting_in_app(
                    environments[template.escape].get_template(template.name), context, locale
                )
                _check_in_app(template.name, text)
            files[template.output] = text
        subjects = _subjects(plan, locales, available, environments) if plan.required else {}
    except TemplateError as error:
        raise InputError(f"notice template: {type(error).__name__}: {error}") from None
    if plan.required:
        emailed = [loc for loc in locales if loc == DEFAULT_LOCALE or f"email.{loc}.html" in files]
        document = notice_plan_to_dict(plan, subjects, emailed, sorted(files), default_locale=DEFAULT_LOCALE)
        if today is not None and (late := missed_period(plan, today)):
            deadline = send_by_date(plan).isoformat()
            document["late"] = {"send_by_date": deadline, "today": today.isoformat(), "message": late}
        files["notice.json"] = dumps(document)
    return files


def _environments(overrides: Sequence[Path]) -> Mapping[str, Any]:
    from policydiff.render.markdown import MarkdownText, finalize
    from policydiff.render.templates import jinja_env

    markdown = jinja_env(autoescape=False, overrides=overrides, finalize=finalize)
    # a link target composed here, not policy text: config URLs are validated absolute https/mailto
    markdown.filters["url"] = lambda url: MarkdownText(str(url).replace("(", "%28").replace(")", "%29"))
    markdown.filters["md"] = lambda text: MarkdownText(str(text))
    return {
        "html": jinja_env(autoescape=True, overrides=overrides),
        "text": jinja_env(autoescape=False, overrides=overrides),
        "markdown": markdown,
    }


def _inline_css(html: str) -> str:
    """Move the template's <style> rules into style attributes, as mail clients need; fetch nothing."""
    import css_inline

    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)
    return str(inliner.inline(html))


def _fitting_in_app(template: Any, context: Mapping[str, Any], locale: str) -> str:
    """The in-app message, with a long policy title or product name shortened until it fits.

    A page's title can run to hundreds of characters; the message must stay within the limit,
    so the names give way (with an ellipsis) before anything the user must be told.
    """
    text = str(template.render(**context, locale=locale))
    for width in (80, 48, 24):
        if _in_app_length(text) <= IN_APP_LIMIT:
            break
        shorter = {
            **context,
            "policy_title": _shorten(str(context.get("policy_title", "")), width),
            "product": _shorten(str(context.get("product", "")), width),
        }
        text = str(template.render(**shorter, locale=locale))
    return text


def _in_app_length(text: str) -> int:
    return len("\n".join(text.rstrip("\n").split("\n")[:-1]).strip())


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[: width - 1]) + "…"


def _check_in_app(name: str, text: str) -> None:
    lines = text.rstrip("\n").split("\n")
    message, link = "\n".join(lines[:-1]).strip(), lines[-1].strip()
    if not link.startswith("https://") or " " in link:
        raise InputError(f"notice/{name}: the in-app message must end with a line holding one https link")
    if len(message) > IN_APP_LIMIT:
        raise InputError(
            f"notice/{name}: the in-app message has {len(message)} characters;"
            f" at most {IN_APP_LIMIT} and a link"
        )


def _subjects(
    plan: NoticePlan, locales: Sequence[str], available: set[str], environments: Mapping[str, Any]
) -> dict[str, str]:
    context = {field.name: getattr(plan, field.name) for field in fields(plan)}
    subjects = {}
    for locale in locales:
        name = f"notice/subject.{locale}.txt.j2"
        if locale == DEFAULT_LOCALE or name not in available:
            name = "notice/subject.txt.j2"
        subject = " ".join(environments["text"].get_template(name).render(**context, locale=locale).split())
        if not subject:
            raise InputError(f"{name}: the email subject is empty")
        subjects[locale] = subject
    return subjects
