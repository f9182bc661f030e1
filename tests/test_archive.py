"""policydiff.archive: history.json, atomic writes, the lock, references; concurrent and killed writers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import JOYPIX_OLD, ROOT, small_policy, write_project
from typer.testing import CliRunner

from policydiff.archive import (
    HISTORY_SCHEMA,
    PolicyArchive,
    history_json,
    parse_history,
    parse_reference,
    reference_path,
)
from policydiff.cli import app
from policydiff.commands.record import record_version
from policydiff.config import load_settings
from policydiff.errors import InputError
from policydiff.files import TEMP_PREFIX
from policydiff.load import load
from policydiff.model import Severity

TODAY = dt.date(2026, 3, 17)


def add(archive: PolicyArchive, label: str, date: str, text: str, **more: object) -> None:
    with archive.locked():
        archive.add(label=label, date=date, text=text, source="test.md", severity=Severity.NONE, **more)  # type: ignore[arg-type]


def assert_consistent(folder: Path) -> list[str]:
    """history.json parses, every listed file exists with the recorded hash; returns the labels."""
    versions = parse_history((folder / "history.json").read_text(encoding="utf-8"), folder / "history.json")
    for version in versions:
        data = (folder / version.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == version.sha256, version.file
    labels = [version.label for version in versions]
    assert len(labels) == len(set(labels)), labels
    return labels


def test_add_stores_the_text_and_appends_to_the_history(tmp_path: Path) -> None:
    archive = PolicyArchive(tmp_path, "p")
    add(archive, "v1.0", "2025-01-28", "one\n")
    add(
        archive,
        "v2.0",
        "2026-03-17",
        "two\n",
        redline=("md", "# redline"),
        snapshot=("20260317T100000Z.html", b"<p>"),
    )
    versions = archive.versions()
    assert [v.label for v in versions] == ["v1.0", "v2.0"]
    assert versions[1].file == "versions/2026-03-17--v2.0.md"
    assert archive.read_text(versions[1]) == "two\n"
    assert (tmp_path / "p" / "redlines" / "2026-03-17--v2.0.md").read_text() == "# redline"
    assert (tmp_path / "p" / "snapshots" / "20260317T100000Z.html").read_bytes() == b"<p>"
    data = json.loads((tmp_path / "p" / "history.json").read_text())
    assert data["schema"] == HISTORY_SCHEMA and data["policy"] == "p"
    assert data["versions"][1]["sha256"] == hashlib.sha256(b"two\n").hexdigest()
    assert parse_history(history_json("p", versions), Path("x")) == versions


def test_add_needs_the_lock(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="lock"):
        PolicyArchive(tmp_path, "p").add(
            label="v1", date="2026-01-01", text="x", source="s", severity=Severity.NONE
        )


@pytest.mark.parametrize(
    ("label", "date", "message"),
    [
        ("v1.0", "2026-04-01", "already recorded"),
        ("v3", "2025-01-01", "before the latest version"),
        ("v3", "2026-02-30", "not a date"),
        ("../x", "2026-04-01", "not a usable label"),
        ("a b", "2026-04-01", "not a usable label"),
    ],
)
def test_add_refuses_bad_labels_dates_and_nothing_changes(
    tmp_path: Path, label: str, date: str, message: str
) -> None:
    archive = PolicyArchive(tmp_path, "p")
    add(archive, "v1.0", "2026-03-17", "one\n")
    before = archive.history_path.read_bytes()
    with pytest.raises(InputError, match=message):
        add(archive, label, date, "two\n")
    assert archive.history_path.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "p" / "versions").iterdir()) == ["2026-03-17--v1.0.md"]


def test_free_label_takes_the_first_unused_candidate(tmp_path: Path) -> None:
    archive = PolicyArchive(tmp_path, "p")
    add(archive, "v2.0", "2026-03-17", "one\n")
    add(archive, "2026-03-18", "2026-03-18", "two\n")
    assert archive.free_label(("v2.1", "2026-03-18"), "2026-03-18") == "v2.1"
    assert archive.free_label(("v2.0", "2026-03-19"), "2026-03-19") == "2026-03-19"
    assert archive.free_label(("v2.0", "2026-03-18"), "2026-03-18") == "2026-03-18-2"
    assert archive.free_label((None, "bad label"), "2026-03-18") == "2026-03-18-2"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"versions": []}', "not a policydiff history"),
        (f'{{"schema": "{HISTORY_SCHEMA}", "versions": {{}}}}', "versions: must be a list"),
        (f'{{"schema": "{HISTORY_SCHEMA}", "versions": [1]}}', r"versions\[0\]: must be an object"),
    ],
)
def test_a_broken_history_is_an_input_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "history.json").write_text(content)
    with pytest.raises(InputError, match=message) as error:
        PolicyArchive(tmp_path, "p").versions()
    assert "history.json" in error.value.message


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("file", "../../etc/passwd", "must be a path under versions/"),
        ("file", "/etc/passwd", "must be a path under versions/"),
        ("redline", "versions/x.md", "must be a path under redlines/"),
        ("severity", "huge", "must be one of"),
        ("date", "17/03/2026", "not a date"),
        ("notice", "yes", "true or false"),
        ("summary", "text", "list of strings"),
        ("label", "", "non-empty string"),
    ],
)
def test_a_hand_edited_entry_is_checked(tmp_path: Path, key: str, value: str, message: str) -> None:
    archive = PolicyArchive(tmp_path, "p")
    add(archive, "v1.0", "2026-03-17", "one\n")
    data = json.loads(archive.history_path.read_text())
    data["versions"][0][key] = value
    archive.history_path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=message) as error:
        archive.versions()
    assert f"versions[0].{key}" in error.value.message


# ---------------------------------------------------------------------- references


@pytest.fixture
def three(tmp_path: Path) -> PolicyArchive:
    archive = PolicyArchive(tmp_path / "policies", "joypix")
    add(archive, "v1.0", "2025-01-28", "one\n")
    add(archive, "v2.0", "2026-03-17", "two\n")
    add(archive, "v2.1", "2026-03-17", "three\n")
    return archive


@pytest.mark.parametrize(
    ("ref", "label"),
    [("latest", "v2.1"), ("previous", "v2.0"), ("v1.0", "v1.0"), ("1.0", "v1.0"), ("2025-01-28", "v1.0"),
     ("2026-03-17", "v2.1")],
)  # fmt: skip
def test_resolve(three: PolicyArchive, ref: str, label: str) -> None:
    assert three.resolve(ref).label == label


def test_an_unknown_reference_lists_what_exists(three: PolicyArchive) -> None:
    with pytest.raises(InputError) as error:
        three.resolve("v9")
    assert error.value.message == (
        "joypix@v9: no such version (known: latest, previous, v2.1 (2026-03-17), v2.0 (2026-03-17), "
        "v1.0 (2025-01-28))"
    )


def test_previous_of_a_single_version_is_unknown(tmp_path: Path) -> None:
    archive = PolicyArchive(tmp_path, "p")
    add(archive, "v1.0", "2026-03-17", "one\n")
    with pytest.raises(InputError, match=r"known: latest, v1.0 \(2026-03-17\)\)$"):
        archive.resolve("previous")


def test_parse_reference_only_reads_policy_at_ref() -> None:
    assert parse_reference("joypix@v2.0") == ("joypix", "v2.0")
    assert parse_reference("joy_pix-2@2026-03-17") == ("joy_pix-2", "2026-03-17")
    for source in ("policy.md", "https://user@example.com/privacy", "-", "Joypix@v2", "a@b/c", "a@"):
        assert parse_reference(source) is None, source


def test_reference_path_an_existing_file_wins(
    three: PolicyArchive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert reference_path("joypix@latest", three.root) == three.folder / "versions" / "2026-03-17--v2.1.md"
    Path("joypix@latest").write_text("a file with that name")
    assert reference_path("joypix@latest", three.root) is None
    assert reference_path("notes.md", three.root) is None


def test_reference_to_an_unknown_policy_names_the_recorded_ones(three: PolicyArchive) -> None:
    with pytest.raises(InputError) as error:
        reference_path("jopyix@latest", three.root)
    assert "no policy 'jopyix'" in error.value.message and "(recorded: joypix)" in error.value.message


def test_commands_accept_references(
    three: PolicyArchive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path)
    result = CliRunner().invoke(app, ["segment", "joypix@latest", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"].endswith("2026-03-17--v2.1.md")
    result = CliRunner().invoke(app, ["diff", "joypix@v1.0", "joypix@previous", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["old"]["source"].endswith("--v1.0.md") and report["new"]["source"].endswith("--v2.0.md")
    result = CliRunner().invoke(app, ["diff", "joypix@v1.0", "joypix@v7"])
    assert result.exit_code == 2 and "joypix@v7: no such version (known: latest, previous" in result.stderr


# ---------------------------------------------------------------------- concurrency and kills


def _project(tmp_path: Path) -> Path:
    return write_project(tmp_path)


def test_concurrent_records_keep_every_version_and_never_show_a_partial_file(tmp_path: Path) -> None:
    config = _project(tmp_path)
    count = 8
    for number in range(count):
        (tmp_path / f"text{number}.md").write_text(small_policy(number + 1))
    history = tmp_path / "policies" / "p" / "history.json"
    problems: list[str] = []
    seen: set[int] = set()
    stop = threading.Event()

    def watch() -> None:
        # a reader running all along: history.json is always whole and names only files that exist
        while not stop.wait(0.002):  # a short pause leaves the CPU to the writers
            try:
                raw = history.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            try:
                versions = parse_history(raw, history)
            except InputError as error:
                problems.append(error.message)
                continue
            seen.add(len(versions))
            problems.extend(v.file for v in versions if not (history.parent / v.file).is_file())

    watcher = threading.Thread(target=watch)
    watcher.start()
    command = [
        sys.executable,
        "-m",
        "policydiff",
        "record",
        "p",
        "--config",
        str(config),
        "--date",
        "2026-03-17",
    ]
    processes = [
        subprocess.Popen(
            [*command, str(tmp_path / f"text{n}.md"), "--version", f"v{n}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    codes = [process.returncode for process in processes]
    stop.set()
    watcher.join()
    assert codes == [0] * count, errors
    assert problems == []
    labels = assert_consistent(history.parent)
    assert sorted(labels) == sorted(f"v{n}" for n in range(count))
    versions = PolicyArchive(tmp_path / "policies", "p").versions()
    assert [v.severity is Severity.NONE for v in versions] == [True] + [False] * (count - 1)
    assert max(seen) == count


def test_concurrent_records_of_the_same_text_store_it_once(tmp_path: Path) -> None:
    config = _project(tmp_path)
    (tmp_path / "same.md").write_text(small_policy(1))
    command = [
        sys.executable,
        "-m",
        "policydiff",
        "record",
        "p",
        str(tmp_path / "same.md"),
        "--config",
        str(config),
    ]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0] * 4
    assert sum("no new version recorded" in output for output in outputs) == 3
    assert len(assert_consistent(tmp_path / "policies" / "p")) == 1


_RECORD_FOREVER = """
import datetime as dt, sys
from pathlib import Path
from policydiff.config import load_settings
from policydiff.load import load
from policydiff.commands.record import record_version
from policydiff.commands.common import judgement
settings = load_settings(Path(sys.argv[1]))
documents = [load(path) for path in sys.argv[2:]]
# (the rulebook built and cached first: a cold build outlasts the kill window, and a child killed
# in it would record nothing for the test to find)
judgement(settings)
print("ready", flush=True)
for number in range(10**6):
    record_version(settings, "p", documents[number % len(documents)], None, None, dt.date(2026, 3, 17))
"""


def test_a_writer_killed_at_random_points_leaves_a_consistent_archive(tmp_path: Path) -> None:
    config = _project(tmp_path)
    texts = []
    for number in range(3):
        texts.append(tmp_path / f"text{number}.md")
        texts[-1].write_text(small_policy(number + 1))
    chooser = random.Random(20260317)
    folder = tmp_path / "policies" / "p"
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", _RECORD_FOREVER, str(config), *map(str, texts)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(chooser.uniform(0.05, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        if folder.exists() and (folder / "history.json").exists():
            assert_consistent(folder)
    labels = assert_consistent(folder)
    assert len(labels) >= 3  # the writer did record between the kills
    # the next writer sweeps what a killed one left: temporary files, unlisted version files
    settings = load_settings(config)
    latest = PolicyArchive(settings.archive, "p").latest()
    assert latest is not None
    other = next(t for t in texts if hashlib.sha256(t.read_bytes()).hexdigest() != latest.sha256)
    record_version(settings, "p", load(str(other)), None, None, dt.date(2026, 3, 17))
    listed = {str(folder / v.file) for v in PolicyArchive(settings.archive, "p").versions()}
    on_disk = {str(p) for p in folder.rglob("*") if p.is_file() and p.parent.name == "versions"}
    assert on_disk == listed
    assert not [p for p in folder.rglob(f"{TEMP_PREFIX}*")]


def test_a_record_command_killed_at_any_moment_keeps_the_previous_state(tmp_path: Path) -> None:
    config = _project(tmp_path)
    settings = load_settings(config)
    record_version(settings, "p", load(str(JOYPIX_OLD)), None, None, dt.date(2026, 3, 17))
    folder = tmp_path / "policies" / "p"
    before = (folder / "history.json").read_bytes()
    new = ROOT / "fixtures" / "joypix" / "privacy-v2.1.html"
    chooser = random.Random(5)
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "policydiff", "record", "p", str(new), "--config", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chooser.uniform(0.2, 1.0))
        child.kill()
        child.wait(timeout=30)
        after = (folder / "history.json").read_bytes()
        labels = assert_consistent(folder)
        assert after == before or labels == ["v2.0", "v2.1"]
        if after != before:
            break


def test_the_archive_records_without_fcntl(tmp_path: Path) -> None:
    """No POSIX-only import: where ``fcntl`` does not exist (Windows), the archive still records."""
    script = f"""
import sys
sys.modules["fcntl"] = None  # importing it now raises ImportError, as on Windows
from pathlib import Path
from policydiff.archive import PolicyArchive
from policydiff.model import Severity
archive = PolicyArchive(Path({str(tmp_path)!r}), "p")
with archive.locked():
    archive.add(label="v1", date="2026-01-01", text="We collect a name.", source="s", severity=Severity.NONE)
print(archive.latest().label)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "v1"


def test_lock_files_keep_out_of_git(tmp_path: Path) -> None:
    add(PolicyArchive(tmp_path, "p"), "v1", "2026-01-01", "We collect your name.")
    locks = tmp_path / ".locks"
    assert (locks / ".gitignore").read_text() == "*\n"
    assert (locks / "p.lock").exists()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".locks" not in status and "p/history.json" in status
