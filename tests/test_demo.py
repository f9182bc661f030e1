"""policydiff demo: check on a copy of the example project, the original untouched, exit 0 once it ran."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from policydiff.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout's ``fixtures/`` in a working directory of its own (the demo's default config)."""
    shutil.copytree(FIXTURES, tmp_path / "checkout" / "fixtures", ignore=shutil.ignore_patterns(".locks"))
    monkeypatch.chdir(tmp_path / "checkout")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path / "checkout" / "fixtures"


def table(stdout: str) -> str:
    """The check table: what stays the same wherever the archive is."""
    return stdout.split("└", 1)[0]


def test_demo_runs_check_on_a_copy_and_leaves_the_example_as_it_was(example: Path, tmp_path: Path) -> None:
    before = snapshot(example)
    done = CliRunner().invoke(app, ["demo", "--into", str(tmp_path / "new" / "demo")])
    assert done.exit_code == 0, done.output
    assert snapshot(example) == before
    copy = tmp_path / "new" / "demo"
    assert "▲ major" in done.stdout and "retention period is longer: 6 months → 24" in done.stdout
    assert f"demo: ran check on a copy of fixtures/ in {copy}/; fixtures/ is unchanged" in done.stdout
    assert f"versions, notices and redlines in {copy / 'policies'}/" in done.stdout
    for policy, date in (("joypix", "2026-04-20"), ("joyclip", "2026-04-01")):
        assert len(list((copy / "policies" / policy / "versions").iterdir())) == 2
        notices = copy / "policies" / policy / "notices" / date
        assert (notices / "email.html").is_file() and (notices / "redline.html").is_file()
        assert f"in{notices}" in re.sub(r"\s+", "", done.stdout)  # check's line, wrapped at 100
    record = json.loads((copy / "check-run.json").read_text(encoding="utf-8"))
    assert [entry["policy"] for entry in record["policies"]] == ["joypix", "joyclip"]
    # the same job as check: the same table as check run on the example itself
    checked = CliRunner().invoke(app, ["check", "--config", str(example / "policydiff.toml")])
    assert table(done.stdout) == table(checked.stdout) and "▲ major" in table(checked.stdout)


def test_demo_defaults_to_a_new_temporary_folder(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    config = tmp_path / "elsewhere.toml"  # a config of another name, and the same project through it
    shutil.copy(example / "policydiff.toml", example / config.name)
    done = CliRunner().invoke(app, ["demo", "--config", str(example / config.name)])
    assert done.exit_code == 0, done.output
    (copy,) = temporary.iterdir()
    assert copy.name.startswith("policydiff-demo-")
    assert (copy / config.name).is_file() and not (copy / "policydiff.toml").exists()
    assert (copy / "policies" / "joypix" / "notices").is_dir()
    assert not (example / "policies" / "joypix" / "notices").exists()


@pytest.mark.parametrize("kind", ["non-empty", "a file", "inside the archive"])
def test_a_folder_the_demo_cannot_use_is_refused_with_one_line(
    example: Path, tmp_path: Path, kind: str
) -> None:
    into = {"non-empty": tmp_path / "full", "a file": tmp_path / "file", "inside the archive": None}[kind]
    if kind == "non-empty":
        (tmp_path / "full").mkdir()
        (tmp_path / "full" / "notes.txt").write_text("mine\n", encoding="utf-8")
    if kind == "a file":
        (tmp_path / "file").write_text("mine\n", encoding="utf-8")
    target = str(into) if into else "fixtures/policies/demo"
    before = snapshot(example)
    done = CliRunner().invoke(app, ["demo", "--into", target])
    assert done.exit_code == 2, done.output
    assert (
        done.stdout == ""
        and done.stderr.count("\n") == 1
        and done.stderr.startswith(f"policydiff: {target}: ")
    )
    assert snapshot(example) == before
    if into is not None:
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["checkout", into.name])


def test_a_project_whose_paths_leave_its_folder_is_refused(example: Path, tmp_path: Path) -> None:
    """A copied config would still reach the original archive through ``../``: nothing is copied."""
    config = example / "policydiff.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('path = "policies"', 'path = "../archive"'),
        encoding="utf-8",
    )
    done = CliRunner().invoke(app, ["demo", "--into", str(tmp_path / "demo")])
    assert done.exit_code == 2 and "lies outside the config's folder" in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "demo").exists()


def test_no_example_here_is_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["demo"])
    assert done.exit_code == 2
    assert done.stderr == (
        "policydiff: fixtures/policydiff.toml: no such config file; "
        "run demo in a policydiff checkout or pass --config\n"
    )


@pytest.mark.parametrize(
    ("check_code", "error", "demo_code"),
    [(0, None, 0), (1, None, 0), (1, "a fetch failed", 1), (3, "a fetch failed", 3), (2, None, 2)],
)
def test_exit_code_is_checks_but_a_pending_result_is_success(
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    check_code: int,
    error: str | None,
    demo_code: int,
) -> None:
    """check's 1 is a CI gate's signal, the result a demo shows; an error keeps check's own code."""

    def check(*, config: Path, json_file: Path) -> None:
        assert config == tmp_path / "demo" / "policydiff.toml"  # run on the copy, never the original
        record = {"policies": [{"policy": "joypix", "error": error, "exit_code": check_code if error else 0}]}
        json_file.write_text(json.dumps(record), encoding="utf-8")
        raise typer.Exit(check_code)

    monkeypatch.setattr("policydiff.cli.demo_command.check", check)
    done = CliRunner().invoke(app, ["demo", "--into", str(tmp_path / "demo")])
    assert done.exit_code == demo_code, done.output
    assert ("check exits 1 on this project" in done.stdout) == (check_code == 1 and demo_code == 0)
