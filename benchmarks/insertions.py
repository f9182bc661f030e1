"""A context probe: sentences of our own put into each dev policy, judged as a pair.

`benchmarks/mutations.py` rewrites what a policy says; this probe adds what it did not say, in the
places a real edit puts it: appended to a paragraph of the policy (`append`) or as a paragraph of
its own after it (`para`). Each sentence is ours (none is corpus text) and is either material (a
new kind of data, purpose, recipient, place, period; a right or a safeguard taken away: the
change holding it should be major or review) or neutral (courtesies, reading guidance, asides
about the company: it should be neither major nor, ideally, review). What it measures is whether
the judgement reads a sentence by what it says, whatever clause it lands in.

Run from the repository root (the project installed):

    python benchmarks/insertions.py                     # both modes, 2 per policy, seed 11
    python benchmarks/insertions.py --mode para --per-policy 3 --seed 7 --failures
    python benchmarks/insertions.py --material mine.txt --neutral plain.txt   # a set of your own
    python benchmarks/insertions.py --by-sentence       # each sentence's verdicts, tallied

A set of your own (one sentence a line, "#" for a comment) measures what the built-in sets cannot
once the rules were written beside them: write it before reading the rules, run it once, and
report that first figure (the built-in sets were tuned on).

A paragraph is picked among those of more than 25 words that are no heading, list item, table or
quote; paragraphs ending in a lead-in colon are skipped (the sentence would become an item).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ota" / "pairs"

# Sentences that change what a policy permits: the change holding one is major (or review).
MATERIAL = [
    "We may also collect your precise location in the background, even when the app is closed.",
    "We may sell your personal information to data brokers.",
    "We use the content you upload to train our generative AI models.",
    "We keep your data indefinitely, even after you delete your account.",
    "We may share your health information with insurers.",
    "We may transfer your data to servers located in Brazil.",
    "We may change this policy at any time without notice to you.",
    "We collect your fingerprints and face scans to verify your identity.",
    "We share your browsing history with advertising partners to show you targeted ads elsewhere.",
    "We may disclose your data to government authorities without a court order.",
    "Our service is now open to children aged 10 and over.",
    "We may read your private messages to improve our products.",
    "We record your calls with our support team and share the recordings with our AI vendor.",
    "We also receive information about you from data brokers and combine it with what we hold.",
    "Our partners may also use this information for their own purposes.",
    "We may also infer your age range and household income from this data.",
    "In some cases, a human reviewer may listen to these recordings.",
    "These providers are located in Vietnam and the Philippines.",
    "You will no longer be able to download a copy of your data.",
    "We may use automated systems to make decisions about your loans without human review.",
]
# Sentences that change nothing a user could rely on: the change holding one is not major.
NEUTRAL = [
    "For more details, please see the relevant section below.",
    "If you have any questions about this, feel free to reach out.",
    "We take the protection of your information seriously.",
    "Please read this section carefully.",
    "You can find more information in our Help Center.",
    "Our mission is to connect people with the music they love.",
    "Our headquarters are located in Dublin, Ireland.",
    "Some features may not be available in all countries.",
    "Our products are designed with privacy in mind.",
    "We will keep this page up to date.",
]
_RANK = {"none": 0, "editorial": 1, "minor": 2, "review": 3, "major": 4}


@dataclass(frozen=True)
class Run:
    """One sentence put into one policy in one mode, and what the judgement said of it."""

    policy: str
    mode: str
    material: bool
    sentence: str
    severity: str = "none"
    rules: tuple[str, ...] = ()

    @property
    def wrong(self) -> bool:
        flagged = self.severity in ("major", "review")
        return not flagged if self.material else self.severity == "major"


def sentences_from(path: Path) -> list[str]:
    """The sentences of a set file: one a line, blank lines and "#" comments left out."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def paragraphs(text: str) -> list[int]:
    """The indexes of the paragraphs a sentence may join: plain prose of more than 25 words."""
    return [
        index
        for index, part in enumerate(text.split("\n\n"))
        if len(part.split()) > 25
        and not part.lstrip().startswith(("|", "#", "-", "*", ">", "1."))
        and not part.rstrip().endswith(":")
    ]


def placed(text: str, index: int, sentence: str, mode: str) -> str:
    """The text with ``sentence`` appended to paragraph ``index``, or put after it as its own."""
    parts = text.split("\n\n")
    if mode == "para":
        parts.insert(index + 1, sentence)
    else:
        parts[index] = parts[index].rstrip() + " " + sentence
    return "\n\n".join(parts)


def judge(run: Run, original: Path, text: str, folder: Path) -> Run:
    """Run ``policydiff diff`` on the policy and its edited copy; the severity of the changes whose
    new text holds the sentence."""
    edited = folder / f"{run.policy}-{abs(hash((run.sentence, run.mode))) % 10**8}{original.suffix}"
    edited.write_text(text, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "policydiff", "diff", str(original), str(edited), "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        edited.unlink()
    if done.returncode not in (0, 1):
        said = done.stderr.strip().splitlines()
        return Run(run.policy, run.mode, run.material, run.sentence, "failed", tuple(said[-1:]))
    key = run.sentence[:40].casefold()
    changes = [
        c
        for c in json.loads(done.stdout)["changes"]
        if key in ((c.get("new") or {}).get("text") or "").casefold()
    ]
    severity = max((c["severity"] for c in changes), key=lambda s: _RANK.get(s, 0), default="none")
    rules = tuple(r["rule"] for c in changes if c["severity"] == severity for r in c["reasons"])[:3]
    return Run(run.policy, run.mode, run.material, run.sentence, severity, rules)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of <pair>/{old,new}.*")
    parser.add_argument("--mode", choices=("append", "para", "both"), default="both")
    parser.add_argument("--per-policy", type=int, default=2, help="sentences of each set per policy (2)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--failures", action="store_true", help="list every miss, false major and failed run")
    parser.add_argument(
        "--by-sentence", action="store_true", help="tally each sentence's verdicts over its placements"
    )
    parser.add_argument("--material", type=Path, help="a file of material sentences to use instead of ours")
    parser.add_argument("--neutral", type=Path, help="a file of neutral sentences to use instead of ours")
    args = parser.parse_args(argv)
    material = sentences_from(args.material) if args.material else MATERIAL
    neutral = sentences_from(args.neutral) if args.neutral else NEUTRAL
    rng = random.Random(args.seed)
    modes = ("append", "para") if args.mode == "both" else (args.mode,)
    work = []
    for pair in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        news = [p for p in pair.iterdir() if p.name.startswith("new")]
        if not news:
            continue
        text = news[0].read_text(encoding="utf-8")
        spots = paragraphs(text)
        if not spots:
            continue
        for mode in modes:
            for is_material, pool in ((True, material), (False, neutral)):
                for sentence in rng.sample(pool, min(args.per_policy, len(pool))):
                    index = rng.choice(spots)
                    run = Run(pair.name, mode, is_material, sentence)
                    work.append((run, news[0], placed(text, index, sentence, mode)))
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(args.jobs) as pool:
        runs = list(pool.map(lambda job: judge(job[0], job[1], job[2], Path(folder)), work))
    print(f"{len(runs)} runs on {len({r.policy for r in runs})} policies, seed {args.seed}")
    for mode in modes:
        for wanted in (True, False):
            these = [r for r in runs if r.mode == mode and r.material == wanted]
            if not these:
                continue
            counts = Counter(r.severity for r in these)
            wrong = sum(r.wrong for r in these)
            what = "material (want major or review)" if wanted else "neutral (want no major)"
            shown = ", ".join(
                f"{counts[s]} {s}"
                for s in ("major", "review", "minor", "editorial", "none", "failed")
                if counts[s]
            )
            print(f"  {mode:6} {what:34} {len(these) - wrong}/{len(these)} as wanted   ({shown})")
    if args.failures:
        failed = (r for r in runs if r.wrong or r.severity == "failed")
        for run in sorted(failed, key=lambda r: (r.mode, r.material, r.policy)):
            print(f"  {run.mode:6} {run.policy:34} {run.severity:9} {' '.join(run.rules)} | {run.sentence}")
    if args.by_sentence:
        for (is_material, sentence), tally in sorted(
            _tallies(runs).items(), key=lambda kv: (not kv[0][0], kv[0][1])
        ):
            shown = " ".join(
                f"{s}:{tally[s]}"
                for s in ("major", "review", "minor", "editorial", "none", "failed")
                if tally[s]
            )
            print(f"  {'material' if is_material else 'neutral ':8} {shown:34} | {sentence}")
    return 0


def _tallies(runs: list[Run]) -> dict[tuple[bool, str], Counter[str]]:
    """Each sentence's verdicts over every policy and mode it was put in."""
    tallies: dict[tuple[bool, str], Counter[str]] = {}
    for run in runs:
        tallies.setdefault((run.material, run.sentence), Counter())[run.severity] += 1
    return tallies


if __name__ == "__main__":
    raise SystemExit(main())
