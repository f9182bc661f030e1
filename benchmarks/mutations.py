"""A generalisation probe: each dev policy rewritten one way at a time, judged as a pair.

Run from the repository root:

    python benchmarks/mutations.py                       # every pair of ../shared/corpus/ota, 2 workers
    python benchmarks/mutations.py --only zoom --failures
    python benchmarks/mutations.py --json /tmp/probe.json

The dev pairs' new versions are real policies of many shapes (lists, tables, run-in labels,
setext headings, HTML left in Markdown). Each is rewritten by one mutation of a class the rubric
names, and the original and the rewrite are judged in-process (``load`` + ``compare``):

- **editorial** mutations (a contraction, a plain word for a formal one, British spelling made
  American, "information" for "data", sections or sentences reordered, a date …) should leave the
  pair ``editorial`` or ``none``; a pair judged ``minor``, ``review`` or ``major`` is a false alarm;
- **material** mutations (a sentence added that collects, shares, sells, trains AI, keeps data
  indefinitely …; a right, a denial of sale or an encryption promise deleted; a period tripled; a
  denial turned into "may"; "will" made "may"; "only" dropped; an age lowered; a successor
  controller named …) should give the change that holds them ``major`` or ``review``.

The corpus text is only the context: the sentences and the edits are this script's own, so a rule
tuned to a dev sentence gains nothing here. Seeded per pair, so two runs make the same rewrites.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT.parent / "shared" / "corpus" / "ota" / "pairs"
SEVERITIES = ("none", "editorial", "minor", "review", "major")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
_SENTENCE = re.compile(r"[^.!?\n]*[.!?]")
_PARAGRAPH = re.compile(r"(?m)^(?![#|>\-*\d ]).{120,}$")


@dataclass(frozen=True)
class Mutation:
    """One rewrite of a policy: what it should be judged, and how to find the change that holds it."""

    kind: str
    material: bool
    text: str
    find: str = ""  # words of the rewritten passage (material: the change holding them is judged)
    removed: bool = False  # ``find`` stands in the old version (a deletion)


# ------------------------------------------------------------------ editorial rewrites

_PAIRS_OF_WORDS = {
    "contraction": [("do not", "don't"), ("does not", "doesn't"), ("We will", "We'll"), ("cannot", "can't")],
    "contraction-be": [("you are", "you're"), ("we are", "we're"), ("is not", "isn't")],
    "plain-words": [
        ("prior to", "before"),
        ("in order to", "to"),
        ("in the event that", "if"),
        ("utilize", "use"),
    ],
    "abbreviations": [("e.g.", "for example"), ("i.e.", "that is"), ("U.S.", "US"), (" & ", " and ")],
    "us-spelling": [
        ("organisation", "organization"),
        ("personalise", "personalize"),
        ("recognise", "recognize"),
        ("analyse", "analyze"),
        ("behaviour", "behavior"),
        ("centre", "center"),
        ("authorise", "authorize"),
    ],
    "information-data": [("information", "data")],
    "third-parties": [("third parties", "other companies")],
    "service-providers": [("service providers", "vendors")],
    "delete-erase": [("delete", "erase")],
    "collect-gather": [("collect", "gather")],
    "share-disclose": [("share", "disclose")],
    "policy-name": [("Privacy Policy", "Privacy Notice"), ("privacy policy", "privacy notice")],
}
_SPELLED = {
    "2": "two",
    "3": "three",
    "6": "six",
    "7": "seven",
    "12": "twelve",
    "14": "fourteen",
    "30": "thirty",
    "45": "forty-five",
    "60": "sixty",
    "90": "ninety",
}


def _replace_words(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        word = re.escape(old.strip())
        text = re.sub(rf"(?<![\w&=?]){word}(?![\w&=])(?!')", new.strip(), text)
        text = re.sub(rf"(?<![\w&=?]){word.capitalize()}(?![\w&=])", new.strip().capitalize(), text)
    return text


def editorial(name: str, text: str, rng: random.Random) -> Iterator[Mutation]:
    """Rewrites that change no meaning (LABELING.md, editorial)."""
    for kind, pairs in _PAIRS_OF_WORDS.items():
        yield Mutation(kind, False, _replace_words(text, pairs))
    yield Mutation("oxford-comma", False, re.sub(r"(\w+), (\w+) and (\w+)", r"\1, \2, and \3", text))
    yield Mutation(
        "spelled-numbers",
        False,
        re.sub(
            r"\b(\d{1,2}) (days|months|years)\b",
            lambda m: (
                f"{_SPELLED[m.group(1)]} ({m.group(1)}) {m.group(2)}" if m.group(1) in _SPELLED else m.group()
            ),
            text,
        ),
    )
    yield Mutation("link-targets", False, re.sub(r"\]\((https?://[^/)\s]+)/", r"](\1/legal/", text))
    yield Mutation(
        "date",
        False,
        re.sub(
            r"(?i)(last (?:updated|modified|revised)|effective(?: date)?)(:?\s*\**:?\s*)"
            r"([A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d\d-\d\d)",
            r"\1\2March 3, 2027",
            text,
            count=1,
        ),
    )
    paragraphs = list(_PARAGRAPH.finditer(text))
    rng.shuffle(paragraphs)
    split = swapped = text
    for match in paragraphs[:3]:
        parts = _SENTENCE_BREAK.split(match.group())
        if len(parts) > 1:
            half = len(parts) // 2
            split = split.replace(match.group(), " ".join(parts[:half]) + "\n\n" + " ".join(parts[half:]), 1)
        if len(parts) > 2:
            at = rng.randrange(len(parts) - 1)
            parts[at], parts[at + 1] = parts[at + 1], parts[at]
            swapped = swapped.replace(match.group(), " ".join(parts), 1)
    yield Mutation("paragraphs-split", False, split)
    yield Mutation("sentences-reordered", False, swapped)
    levels = re.findall(r"(?m)^(#{1,4}) ", text)
    if levels:
        level = max(set(levels), key=levels.count)
        sections = re.split(rf"(?m)^(?={level} )", text)
        if len(sections) > 3:
            at = rng.randrange(1, len(sections) - 1)
            sections[at], sections[at + 1] = sections[at + 1], sections[at]
            yield Mutation(
                "sections-reordered", False, "".join(s if s.endswith("\n") else s + "\n" for s in sections)
            )
    lines = text.split("\n")
    items = [i for i in range(len(lines) - 1) if lines[i].startswith("- ") and lines[i + 1].startswith("- ")]
    if items:
        at = rng.choice(items)
        lines[at], lines[at + 1] = lines[at + 1], lines[at]
        yield Mutation("items-reordered", False, "\n".join(lines))


# ------------------------------------------------------------------ material rewrites

_ADDED = [
    ("added-location", "We also collect your precise geolocation from your device."),
    ("added-biometrics", "We may also collect a scan of your face geometry when you verify your identity."),
    ("added-sale", "We sell your personal information to data brokers."),
    (
        "added-advertisers",
        "We may share your email address and purchase history with our advertising partners"
        " for their own marketing.",
    ),
    ("added-ai-training", "We may use the content you upload to train our artificial intelligence models."),
    ("added-indefinite", "We keep your data indefinitely, even after you close your account."),
    ("added-third-party-ads", "We use third-party cookies to show you personalised ads on other websites."),
    ("added-profiling", "We also use your browsing history to build advertising profiles about you."),
    ("added-transfer", "Your information may also be transferred to and stored in China."),
    ("added-no-notice", "We may change this policy at any time without notifying you."),
    ("added-contacts", "We may also access the contacts stored on your phone."),
    ("added-health-sharing", "We may disclose your health information to insurance companies."),
]


# sentences of the policy's own deleted: (kind, the sentences it may pick)
_DELETED = [
    (
        "deleted-right",
        r"\byou (?:have|may have) the right to\b"
        r"|\byou (?:can|may) (?:request|ask us to) (?:access|delete|correct)",
    ),
    ("deleted-no-sale", r"\b(?:do not|don't|will not|never) (?:sell|rent)\b"),
    ("deleted-encryption", r"\bencrypt"),
]
_DENIAL = r"\bwe (?:do not|don't|will not|never) (?:sell|share|rent)\b"
_CONTROLLER = r"\b(data controller|controller of your|responsible for (?:the processing|your personal))\b"
# sentences of the policy's own rewritten once: (kind, the sentences it may pick, what it replaces,
# what it puts instead)
_REWRITES: list[tuple[str, str, str, str | Callable[[re.Match[str]], str]]] = [
    (
        "longer-period",
        r"\b(?:retain|keep|store|delete)\w*\b[^.]*\b\d{1,3} (?:days|months|years)\b",
        r"\b(\d{1,3}) (days|months|years)\b",
        lambda m: f"{int(m.group(1)) * 3} {m.group(2)}",
    ),
    ("denial-lifted", _DENIAL, r"\b(?:do not|don't|will not|never) (sell|share|rent)", r"may \1"),
    ("denial-for-now", _DENIAL, r"\b(do not|don't|will not|never) (sell|share|rent)", r"\1 currently \2"),
    (
        "will-to-may",
        r"\bwe will (?:delete|erase|notify|encrypt|inform|respond|anonymi)",
        r"\b([Ww])e will (delete|erase|notify|encrypt|inform|respond|anonymi)",
        r"\1e may \2",
    ),
    ("only-dropped", r"\bonly (?:share|use|disclose|collect|process)\b", r"\bonly ", ""),
    (
        "age-lowered",
        r"\b(?:under|younger than|below) (?:the age of )?1[3-8]\b",
        r"\b(under|younger than|below) (the age of )?(1[3-8])\b",
        lambda m: f"{m.group(1)} {m.group(2) or ''}{int(m.group(3)) - 2}",
    ),
    (
        "recipient-added",
        r"\bwith (?:our )?(?:service providers|vendors|partners|affiliates)\b",
        r"\bwith (our )?(service providers|vendors|partners|affiliates)\b",
        r"with data brokers, with \1\2",
    ),
    (
        "kind-added",
        r"\b(?:collect|gather|receive)\w*\b[^.]*\b(?:your name|email address|phone number)\b",
        r"\b(your name|email address|phone number)\b",
        r"\1, your fingerprints",
    ),
    (
        "slower-response",
        r"\bwithin (?:30|thirty|one month)\b",
        r"\bwithin (30|thirty|one month)( days)?",
        "within 90 days",
    ),
    ("controller-added", _CONTROLLER, _CONTROLLER, r"\1 (from 1 March, Northwind Data Holdings Ltd)"),
]


def _edits(text: str, rng: random.Random) -> Iterator[Mutation]:
    """Edits of the policy's own sentences that the rubric reads as adverse."""
    sentences = [m for m in _SENTENCE.finditer(text) if 40 < len(m.group()) < 400]

    def pick(pattern: str) -> re.Match[str] | None:
        found = [m for m in sentences if re.search(pattern, m.group(), re.IGNORECASE)]
        return rng.choice(found) if found else None

    def edited(sentence: re.Match[str], new: str) -> str:
        return text[: sentence.start()] + new + text[sentence.end() :]

    for kind, pattern in _DELETED:
        if (sentence := pick(pattern)) is not None:
            yield Mutation(kind, True, edited(sentence, ""), sentence.group(), removed=True)
    for kind, pattern, old, new in _REWRITES:
        if (sentence := pick(pattern)) is not None:
            rewritten = re.sub(old, new, sentence.group(), count=1)
            if rewritten != sentence.group():
                yield Mutation(kind, True, edited(sentence, rewritten), rewritten)


def material(name: str, text: str, rng: random.Random) -> Iterator[Mutation]:
    """Sentences of mine added to the policy's paragraphs, and adverse edits of its own sentences."""
    paragraphs = list(_PARAGRAPH.finditer(text))
    for kind, sentence in _ADDED if paragraphs else ():
        at = rng.choice(paragraphs).end()
        yield Mutation(kind, True, text[:at] + " " + sentence + text[at:], sentence)
    yield from _edits(text, rng)


# ------------------------------------------------------------------ judging


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]+", " ", text.replace("\xa0", " ")).split()).casefold()


def judge_pair(name: str) -> list[dict[str, object]]:
    """Every mutation of one pair's new version, judged against the version itself."""
    from policydiff.compare import Judgement, compare
    from policydiff.load import load

    text = (PAIRS / name / "new.md").read_text(encoding="utf-8")
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "old.md"
        original.write_text(text, encoding="utf-8")
        rewritten = Path(folder) / "new.md"
        rng = random.Random(name)
        for mutation in [*editorial(name, text, rng), *material(name, text, rng)]:
            if mutation.text == text:
                continue
            rewritten.write_text(mutation.text, encoding="utf-8")
            report = compare(load(str(original)), load(str(rewritten)), Judgement())
            if mutation.material:
                words = _words(mutation.find).split()
                key = " ".join(words[2:9] if len(words) > 9 else words)
                held = [
                    c
                    for c in report.changes
                    if (side := (c.old if mutation.removed else c.new)) is not None
                    and key in _words(side.text)
                ]
                change = max(held, key=lambda c: SEVERITIES.index(c.severity.value), default=None)
                verdict = change.severity.value if change is not None else "not found"
                shown = [change] if change is not None else []
                passed = verdict in ("major", "review")
            else:
                verdict = report.severity.value
                shown = [c for c in report.changes if c.severity.value in ("minor", "review", "major")][:3]
                passed = verdict in ("none", "editorial")
            results.append(
                {
                    "pair": name,
                    "kind": mutation.kind,
                    "material": mutation.material,
                    "verdict": verdict,
                    "passed": passed,
                    "changes": [
                        {
                            "severity": c.severity.value,
                            "rule": c.reasons[0].rule if c.reasons else "",
                            "text": ((c.new or c.old).text if (c.new or c.old) else "")[:160],
                        }
                        for c in shown
                    ],
                }
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="pairs whose id contains this")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--failures", action="store_true", help="list every false alarm and every miss")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    args = parser.parse_args()
    names = sorted(
        p.name for p in PAIRS.iterdir() if (p / "new.md").is_file() and (not args.only or args.only in p.name)
    )
    with Pool(max(1, args.jobs)) as pool:
        results = [r for rs in pool.imap_unordered(judge_pair, names) for r in rs]
    results.sort(key=lambda r: (not r["material"], str(r["kind"]), str(r["pair"])))
    print(f"{len(names)} policies, {len(results)} rewrites\n")
    for material_kind, title in (
        (False, "editorial rewrites (want editorial or none)"),
        (True, "material rewrites (want major or review)"),
    ):
        rows = [r for r in results if r["material"] is material_kind]
        print(f"{title}: {sum(1 for r in rows if r['passed'])}/{len(rows)} as wanted")
        by_kind: dict[str, Counter[str]] = {}
        for r in rows:
            by_kind.setdefault(str(r["kind"]), Counter())[str(r["verdict"])] += 1
        for kind, counts in by_kind.items():
            shown = ", ".join(f"{v} {k}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            print(f"  {kind:24} {shown}")
        print()
    if args.failures:
        for r in results:
            if not r["passed"]:
                first = r["changes"][0] if r["changes"] else {}  # type: ignore[index]
                rule, text = first.get("rule", ""), first.get("text", "")[:100]
                print(f"  {r['kind']:22} {r['pair']:32} {r['verdict']:9} {rule} | {text}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
