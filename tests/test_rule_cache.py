"""policydiff.rule_cache: the compiled rule book kept between runs, keyed by what it is built from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import policydiff.rule_cache as rule_cache
from policydiff.classify import converse, equivalents, load_rulebook, practice, statements
from policydiff.cli.options import rule_cache_folder
from policydiff.compare import Judgement, compare
from policydiff.load import load_bytes
from policydiff.text import fold

RULES = Path(rule_cache.__file__).parent / "classify" / "rules"


def _pickles(folder: Path) -> list[Path]:
    return sorted(folder.glob("rulebook-*.pickle"))


def _refuse_to_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(folder: Path | None = None) -> None:
        raise AssertionError("built, though a usable compiled rule book was kept")

    monkeypatch.setattr("policydiff.classify.load_rulebook", refuse)


def test_the_first_run_builds_and_keeps_it_the_next_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = rule_cache.cached_rulebook(tmp_path)
    assert [p.name for p in _pickles(tmp_path)] == [f"rulebook-{rule_cache.rulebook_key()}.pickle"]
    _refuse_to_build(monkeypatch)
    read = rule_cache.cached_rulebook(tmp_path)
    assert read is not built
    assert [c.category for c in read.categories] == [c.category for c in built.categories]


def test_what_was_read_judges_as_what_was_built(tmp_path: Path) -> None:
    old = load_bytes(b"# P\n\nWe collect your email address.\n", "old.md")
    new = load_bytes(b"# P\n\nWe collect your email address and precise location.\n", "new.md")
    rule_cache.cached_rulebook(tmp_path)
    kept = compare(old, new, Judgement(rulebook=rule_cache.cached_rulebook(tmp_path)))
    assert kept == compare(old, new, Judgement(rulebook=load_rulebook()))
    assert kept.severity.value == "major"


def test_a_changed_rule_file_names_another_rule_book(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    before = rule_cache.rulebook_key(copy)
    assert before == rule_cache.rulebook_key(RULES)
    retention = copy / "retention.toml"
    retention.write_text(retention.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert rule_cache.rulebook_key(copy) != before


def test_a_damaged_file_is_built_again_and_replaced(tmp_path: Path) -> None:
    rule_cache.cached_rulebook(tmp_path)
    (kept,) = _pickles(tmp_path)
    kept.write_bytes(b"not a pickle")
    assert rule_cache.cached_rulebook(tmp_path).categories
    assert kept.read_bytes().startswith(b"\x80")  # a pickle again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_a_file_others_could_have_written_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule_cache.cached_rulebook(tmp_path)
    (kept,) = _pickles(tmp_path)
    kept.chmod(0o666)
    calls = []
    monkeypatch.setattr("policydiff.classify.load_rulebook", lambda: calls.append(1) or load_rulebook())
    rule_cache.cached_rulebook(tmp_path)
    assert calls == [1]


def test_older_rule_books_beyond_the_newest_few_are_removed_when_a_new_one_is_kept(tmp_path: Path) -> None:
    stale = [tmp_path / f"rulebook-{n:016x}.pickle" for n in range(rule_cache._KEPT + 1)]
    for age, path in enumerate(stale):
        path.write_bytes(b"old")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))  # the first the newest
    rule_cache.cached_rulebook(tmp_path)
    kept = [tmp_path / f"rulebook-{rule_cache.rulebook_key()}.pickle", *stale[: rule_cache._KEPT - 1]]
    assert _pickles(tmp_path) == sorted(kept)


def test_a_folder_that_cannot_be_written_keeps_nothing_and_the_run_goes_on(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert rule_cache.cached_rulebook(blocked / "cache").categories
    assert rule_cache.cached_rulebook(None).categories


def test_runs_side_by_side_each_get_a_whole_rule_book(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from policydiff.rule_cache import cached_rulebook;"
        "print(len(cached_rulebook(Path(sys.argv[1])).categories))"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {run.communicate(timeout=60)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert outputs == {str(len(load_rulebook().categories))}
    assert len(_pickles(tmp_path)) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".policydiff-")]  # no temporary left


def test_where_the_command_line_keeps_it(tmp_path: Path) -> None:
    assert rule_cache_folder({"POLICYDIFF_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert rule_cache_folder({"POLICYDIFF_CACHE_DIR": ""}) is None  # empty: kept nowhere
    assert rule_cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "policydiff"
    assert rule_cache_folder({}) == Path.home() / ".cache" / "policydiff"


def _command_line_diff(tmp_path: Path) -> tuple[list[str], dict[str, str], Path]:
    """A pair in ``tmp_path``, the ``diff`` command that compares it, its environment and its cache."""
    (tmp_path / "old.md").write_text("# P\n\nWe collect your email.\n", encoding="utf-8")
    (tmp_path / "new.md").write_text("# P\n\nWe collect your email and name.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "POLICYDIFF_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "policydiff", "diff", "old.md", "new.md", "--format", "json"]
    return command, env, cache


def test_a_diff_from_the_command_line_keeps_it_where_it_is_told(tmp_path: Path) -> None:
    command, env, cache = _command_line_diff(tmp_path)
    first = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    second = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert '"major": 1' in first.stdout
    assert len(_pickles(cache)) == 1


def test_a_changed_ontology_file_names_another_rule_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "ontology"
    shutil.copytree(RULES.parent / "ontology", copy)
    before = rule_cache.rulebook_key()
    monkeypatch.setattr(rule_cache, "_ONTOLOGY", copy)
    assert rule_cache.rulebook_key() == before
    scope = copy / "scope.toml"
    scope.write_text(scope.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert rule_cache.rulebook_key() != before


def test_the_ontology_readers_kept_with_it_are_the_ones_a_run_reads_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule_cache.cached_rulebook(tmp_path)
    built = (practice.practice_reader(), statements.statement_reader(), equivalents.forms())
    flows = converse.converse_reader()
    # a new process: nothing read yet, and no ontology file may be read
    monkeypatch.setattr(practice, "READERS", {})
    monkeypatch.setattr(statements, "READERS", {})
    monkeypatch.setattr(converse, "READERS", {})
    monkeypatch.setattr(equivalents, "FORMS", [])
    for module in (practice, statements, equivalents, converse):
        monkeypatch.setattr(module, "_read", lambda *folder: pytest.fail("read the ontology's TOML"))
    rule_cache.cached_rulebook(tmp_path)
    assert not practice.READERS and not statements.READERS  # unpickled only when first read with
    kept = (practice.practice_reader(), statements.statement_reader(), equivalents.forms())
    assert all(one is not other for one, other in zip(kept, built, strict=True))  # unpickled, not read
    assert kept[0].verbs.pattern == built[0].verbs.pattern
    assert kept[1] == built[1] and kept[2] == built[2]
    assert not converse.READERS and converse.converse_reader() is not flows
    assert converse.converse_reader().stems == flows.stems
    assert equivalents.canonical(fold("We'll share it, e.g. with partners.")) == equivalents.canonical(
        fold("We will share it, for example with partners.")
    )


def test_a_kept_rule_book_without_its_readers_is_built_again(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / f"rulebook-{rule_cache.rulebook_key()}.pickle"
    path.write_bytes(pickle.dumps(load_rulebook()))  # as a version that kept no readers wrote it
    path.chmod(0o600)
    assert rule_cache.cached_rulebook(tmp_path).categories
    assert isinstance(pickle.loads(path.read_bytes()), tuple)


def test_another_regular_expression_engine_names_another_rule_book(monkeypatch: pytest.MonkeyPatch) -> None:
    # the patterns are kept as the engine's programs: another engine must never read them
    before = rule_cache.rulebook_key()
    monkeypatch.setattr(rule_cache.pattern_pickle, "ENGINE", "sre 0 4")
    assert rule_cache.rulebook_key() != before


def test_the_module_patterns_come_back_as_the_engines_programs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policydiff import lazy_re, pattern_pickle, text

    monkeypatch.setattr(lazy_re, "_PROGRAMS", {})
    monkeypatch.setattr(lazy_re, "_BUILD", [])
    rule_cache.cached_rulebook(tmp_path)  # built: the programs of the patterns made so far kept with it
    assert not lazy_re._PROGRAMS
    rule_cache.cached_rulebook(tmp_path)  # read: handed to the lazy patterns
    key = (text.WORD.pattern, 0)
    assert key in lazy_re._PROGRAMS
    assert lazy_re._BUILD[0] is pattern_pickle.rebuilt
    fresh = lazy_re.lazy(text.WORD.pattern)
    assert fresh.findall("we keep it") == ["we", "keep", "it"]


def test_a_pattern_reads_the_same_in_every_run(tmp_path: Path) -> None:
    # A pattern whose source changes from run to run (built from a set, whose order follows the
    # string hash) is never found among the kept programs: every run would compile it, and keep the
    # rule book again for it. The sources are compared across two runs that hash strings apart.
    script = (
        "import hashlib, policydiff.lazy_re as lazy_re\n"
        "from policydiff.compare import compare\n"
        "from policydiff.load import load_bytes\n"
        "from policydiff.render import render\n"
        "old = load_bytes(b'# P\\n\\nWe collect your email address. We keep it for a year.\\n', 'old.md')\n"
        "new = load_bytes(b'# P\\n\\nWe collect your email address and location. We keep it for 2 years,"
        " as the law requires. We\\'ll notify you 30 days before changes.\\n', 'new.md')\n"
        "render(compare(old, new), 'json')\n"
        "print(hashlib.sha256(repr(sorted(map(repr, lazy_re.patterns()))).encode()).hexdigest())\n"
    )
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        seen.add(done.stdout.strip())
    assert len(seen) == 1


def test_a_pattern_new_since_the_rule_book_was_kept_is_kept_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policydiff import lazy_re

    monkeypatch.setattr(lazy_re, "_PROGRAMS", {})
    monkeypatch.setattr(lazy_re, "_BUILD", [])
    monkeypatch.setattr(lazy_re, "_MISSED", [])
    rule_cache.cached_rulebook(tmp_path)  # built
    assert not rule_cache.keep_new_patterns()  # (a run that built it has nothing to add)
    rule_cache.cached_rulebook(tmp_path)  # read
    assert not rule_cache.keep_new_patterns()  # nothing new compiled
    fresh = lazy_re.lazy(r"\bpolicydiff-test-pattern-\d+\b")
    assert fresh.search("a policydiff-test-pattern-42 here")  # compiled from its source: new
    assert rule_cache.keep_new_patterns()
    monkeypatch.setattr(lazy_re, "_PROGRAMS", {})
    monkeypatch.setattr(lazy_re, "_MISSED", [])
    _refuse_to_build(monkeypatch)
    rule_cache.cached_rulebook(tmp_path)  # read again: the new pattern's program is handed now
    assert (fresh.pattern, 0) in lazy_re.handed()
    assert not rule_cache.keep_new_patterns()


def test_a_diff_from_the_command_line_keeps_a_pattern_the_kept_rule_book_lacked(tmp_path: Path) -> None:
    import pickle

    from policydiff import pattern_pickle, text

    command, env, cache = _command_line_diff(tmp_path)
    subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=True)
    [kept] = _pickles(cache)
    book, readers, programs = pickle.loads(kept.read_bytes())
    key = (text.WORD.pattern, 0)  # a pattern every diff reads with
    assert key in programs
    del programs[key]  # as if made by a newer policydiff than the one that kept the rule book
    kept.write_bytes(pattern_pickle.dumps((book, readers, programs)))
    subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=True)
    assert key in pickle.loads(kept.read_bytes())[2]
