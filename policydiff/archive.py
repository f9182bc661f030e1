"""The version history of each policy, as plain files meant to be committed to git.

    <archive>/<policy>/history.json                  the versions, oldest first (policydiff.history/1)
    <archive>/<policy>/versions/<date>--<label>.md   the normalised text of each version
    <archive>/<policy>/redlines/<date>--<label>.*    each version's report against the one before
    <archive>/<policy>/snapshots/<timestamp>.html    raw fetched pages

Every file is written atomically (a temporary file, then a rename) by a writer that holds the
policy's exclusive lock (``<archive>/.locks/<policy>.lock`` through filelock: ``flock`` on POSIX,
``LockFileEx`` on Windows; the folder ignores itself in git), so concurrent writers never lose or
corrupt a version.
The clock is never read here: dates come from the caller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import Any

from policydiff.errors import InputError
from policydiff.files import TEMP_PREFIX, write_atomic
from policydiff.lazy_re import lazy
from policydiff.model import Severity, Version

__all__ = [
    "HISTORY_SCHEMA",
    "PolicyArchive",
    "history_json",
    "known_policies",
    "parse_date",
    "parse_reference",
    "reference_path",
]

HISTORY_SCHEMA = "policydiff.history/1"
HISTORY_FILE = "history.json"
LOCKS_DIR = ".locks"
_POLICY_ID = r"[a-z0-9][a-z0-9_-]{0,63}"  # as config.py accepts
_LABEL = lazy(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
_REFERENCE = lazy(rf"^(?P<policy>{_POLICY_ID})@(?P<ref>[A-Za-z0-9][A-Za-z0-9._+-]{{0,63}})$")
_ISO_DATE = lazy(r"^\d{4}-\d{2}-\d{2}$")
_KNOWN_DIRS = {"file": "versions", "redline": "redlines", "snapshot": "snapshots"}


def parse_date(text: str, name: str = "date") -> str:
    """``text`` checked as an ISO date ``YYYY-MM-DD``; ``InputError`` naming ``name`` otherwise."""
    try:
        if _ISO_DATE.match(text):
            day = dt.date.fromisoformat(text)
            if day.year < 1990 or day.year > 2999:  # a typo; and date arithmetic past 9999 fails
                raise InputError(f"{name}: {text} is out of range (1990-01-01 to 2999-12-31)")
            return day.isoformat()
    except ValueError:
        pass
    raise InputError(f"{name}: {text!r} is not a date as YYYY-MM-DD")


def check_label(label: str) -> str:
    """A version label usable in a file name: letters, digits, ``.``, ``_``, ``+``, ``-``."""
    if not _LABEL.match(label):
        raise InputError(
            f"--version: {label!r} is not a usable label (letters, digits, '.', '_', '+', '-'; e.g. v2.1)"
        )
    return label


def parse_reference(source: str) -> tuple[str, str] | None:
    """``(policy, ref)`` when ``source`` reads ``POLICY@REF``, else None."""
    match = _REFERENCE.match(source)
    return (match.group("policy"), match.group("ref")) if match else None


def reference_path(source: str, root: Path) -> Path | None:
    """The version file a ``POLICY@REF`` source names, or None when ``source`` is no reference.

    A source that is an existing file always wins over a reference.
    """
    parsed = parse_reference(source)
    if parsed is None or Path(source).exists():
        return None
    policy, ref = parsed
    archive = PolicyArchive(root, policy)
    if not archive.history_path.is_file():
        known = ", ".join(known_policies(root)) or "none"
        raise InputError(
            f"{source}: no such file, and no policy '{policy}' recorded in {root} (recorded: {known})"
        )
    return archive.path_of(archive.resolve(ref, source))


def reference_version(source: str, root: Path) -> tuple[Path, Version] | None:
    """Like ``reference_path``, with the version itself (its format says how to read the file)."""
    path = reference_path(source, root)
    if path is None:
        return None
    policy, ref = parse_reference(source) or ("", "")
    return path, PolicyArchive(root, policy).resolve(ref, source)


def known_policies(root: Path) -> list[str]:
    """The policies with a history in the archive at ``root``."""
    if not root.is_dir():
        return []
    return sorted(folder.name for folder in root.iterdir() if (folder / HISTORY_FILE).is_file())


class PolicyArchive:
    """One policy's folder in the archive: read its history, resolve references, add versions."""

    def __init__(self, root: Path, policy_id: str) -> None:
        self.root = root
        self.policy = policy_id
        self.folder = root / policy_id
        self.history_path = self.folder / HISTORY_FILE
        self._locked = False

    # ------------------------------------------------------------------ reading

    def versions(self) -> tuple[Version, ...]:
        """The recorded versions, oldest first; empty when none was recorded."""
        try:
            raw = self.history_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{self.history_path}: cannot be read: {error}") from None
        return parse_history(raw, self.history_path)

    def latest(self) -> Version | None:
        versions = self.versions()
        return versions[-1] if versions else None

    def path_of(self, version: Version) -> Path:
        return self.folder / version.file

    def read_text(self, version: Version) -> str:
        """The normalised text of a recorded version."""
        path = self.path_of(version)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(
                f"{path}: cannot read version {version.label}: {error.strerror or error}"
            ) from None

    def resolve(self, ref: str, name: str | None = None) -> Version:
        """The version ``ref`` names: ``latest``, ``previous``, a label (``v2.0`` or ``2.0``) or a date."""
        name = name or f"{self.policy}@{ref}"
        versions = self.versions()
        if not versions:
            raise InputError(f"{name}: no versions recorded yet in {self.folder}")
        found = _find(versions, ref)
        if found is not None:
            return found
        known = ", ".join(f"{v.label} ({v.date})" for v in reversed(versions))
        special = "latest, previous, " if len(versions) > 1 else "latest, "
        raise InputError(f"{name}: no such version (known: {special}{known})")

    # ------------------------------------------------------------------ writing

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the policy's write lock (an OS lock on a file, so a kill releases it)."""
        from filelock import FileLock

        self.folder.mkdir(parents=True, exist_ok=True)
        locks = self.root / LOCKS_DIR
        locks.mkdir(exist_ok=True)
        ignore = locks / ".gitignore"
        if not ignore.exists():  # lock files are no history: the folder keeps itself out of git
            write_atomic(ignore, b"*\n")
        try:
            with FileLock(locks / f"{self.policy}.lock"):  # blocks until the writer before us is done
                self._locked = True
                yield
        finally:
            self._locked = False

    @property
    def holds_lock(self) -> bool:
        """Whether this object holds the policy's write lock now."""
        return self._locked

    def free_label(self, candidates: Sequence[str | None], date: str) -> str:
        """The first candidate label not recorded yet, else ``<date>-2``, ``<date>-3``, …"""
        taken = {version.label for version in self.versions()}
        for candidate in candidates:
            if candidate and _LABEL.match(candidate) and candidate not in taken:
                return candidate
        number = 2
        while f"{date}-{number}" in taken:
            number += 1
        return f"{date}-{number}"

    def add(
        self,
        *,
        label: str,
        date: str,
        text: str,
        source: str,
        severity: Severity,
        notice: bool = False,
        summary: Sequence[str] = (),
        redline: tuple[str, str] | None = None,
        snapshot: tuple[str, bytes] | None = None,
        format: str = "markdown",
    ) -> Version:
        """Store ``text`` as a new version and append it to the history; the lock must be held.

        ``redline`` is ``(extension, text)``, ``snapshot`` ``(timestamp, raw bytes)``.
        """
        if not self._locked:
            raise RuntimeError("PolicyArchive.add needs the lock: use `with archive.locked():`")
        check_label(label)
        date = parse_date(date, "--date")
        version = Version(
            label=label,
            date=date,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            source=source,
            file=f"versions/{date}--{label}.md",
            severity=severity,
            notice=notice,
            summary=tuple(summary),
            redline=f"redlines/{date}--{label}.{redline[0]}" if redline else None,
            snapshot=self._snapshot_name(snapshot[0]) if snapshot else None,
            format=format,
        )
        self._store(version, text, redline, snapshot)
        return version

    def _store(
        self, version: Version, text: str, redline: tuple[str, str] | None, snapshot: tuple[str, bytes] | None
    ) -> None:
        """Write a new version's files and append it to the history, once it proves new."""
        versions = self.versions()
        _check_new(versions, version.label, version.date, self.policy)
        # the files first, the history last: a kill in between leaves only unlisted files behind
        write_atomic(self.path_of(version), text.encode("utf-8"))
        if redline and version.redline:
            write_atomic(self.folder / version.redline, redline[1].encode("utf-8"))
        if snapshot and version.snapshot:
            write_atomic(self.folder / version.snapshot, snapshot[1])
        self._write_history((*versions, version))

    def keep_rejected(self, timestamp: str, raw: bytes, extension: str) -> str:
        """Keep a page that was not recorded (a bot check, a shrunk page) for a human to look at."""
        if not self._locked:
            raise RuntimeError("PolicyArchive.keep_rejected needs the lock")
        name = self._snapshot_name(f"{timestamp}.rejected.{extension}")
        write_atomic(self.folder / name, raw)
        return name

    def _snapshot_name(self, file_name: str) -> str:
        stem, dot, extension = file_name.partition(".")
        name, number = f"snapshots/{file_name}", 2
        while (self.folder / name).exists():  # two fetches within one second
            name, number = f"snapshots/{stem}-{number}{dot}{extension}", number + 1
        return name

    def _write_history(self, versions: Sequence[Version]) -> None:
        write_atomic(self.history_path, history_json(self.policy, versions).encode("utf-8"))

    def sweep(self) -> None:
        """Remove what a killed writer left: temporary files (also in the notice folders), and
        version files the history never listed. The lock must be held; a writer sweeps before it
        adds (``record`` does, so every ``check`` does)."""
        if not self._locked:
            raise RuntimeError("PolicyArchive.sweep needs the lock: use `with archive.locked():`")
        versions = self.versions()
        listed = {self.folder / path for v in versions for path in (v.file, v.redline, v.snapshot) if path}
        notices = self.folder / "notices"
        drafts = sorted(p for p in notices.iterdir() if p.is_dir()) if notices.is_dir() else []
        for folder in (self.folder, *(self.folder / name for name in _KNOWN_DIRS.values()), notices, *drafts):
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                stray = folder.name in ("versions", "redlines") and path not in listed
                if path.name.startswith(TEMP_PREFIX) or (stray and re.match(r"\d{4}-\d\d-\d\d--", path.name)):
                    with suppress(OSError):
                        path.unlink()


def _find(versions: Sequence[Version], ref: str) -> Version | None:
    if ref == "latest":
        return versions[-1]
    if ref == "previous":
        return versions[-2] if len(versions) > 1 else None
    for wanted in (ref, f"v{ref}"):
        for version in reversed(versions):
            if version.label == wanted:
                return version
    dated = [version for version in versions if version.date == ref]
    return dated[-1] if dated else None  # several on one day: the last of them


def _check_new(versions: Sequence[Version], label: str, date: str, policy: str) -> None:
    for version in versions:
        if version.label == label:
            raise InputError(
                f"{policy}@{label}: this label is already recorded (on {version.date}); "
                "give another with --version"
            )
    if versions and date < versions[-1].date:
        latest = versions[-1]
        raise InputError(
            f"--date: {date} is before the latest version of {policy} ({latest.label}, {latest.date}); "
            "record versions in the order they were published"
        )


# ---------------------------------------------------------------------- history.json


def history_json(policy: str, versions: Sequence[Version]) -> str:
    """``history.json``: schema ``policydiff.history/1``, versions oldest first."""
    document = {
        "schema": HISTORY_SCHEMA,
        "policy": policy,
        "versions": [
            {
                "label": version.label,
                "date": version.date,
                "sha256": version.sha256,
                "source": version.source,
                "file": version.file,
                "severity": version.severity.value,
                "notice": version.notice,
                "summary": list(version.summary),
                "redline": version.redline,
                "snapshot": version.snapshot,
                "format": version.format,
            }
            for version in versions
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_history(raw: str, path: Path) -> tuple[Version, ...]:
    """The versions of a ``history.json``; an ``InputError`` naming the file and the bad entry."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("schema") != HISTORY_SCHEMA:
        raise InputError(f'{path}: not a policydiff history (no "schema": "{HISTORY_SCHEMA}")')
    entries = data.get("versions")
    if not isinstance(entries, list):
        raise InputError(f"{path}: versions: must be a list")
    return tuple(_version(entry, f"{path}: versions[{index}]") for index, entry in enumerate(entries))


def _version(entry: Any, where: str) -> Version:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be an object")
    severity, notice, summary = _judgement(entry, where)
    return Version(
        label=check_label_at(_text(entry, where, "label"), where),
        date=parse_date(_text(entry, where, "date"), f"{where}.date"),
        sha256=_text(entry, where, "sha256"),
        source=_text(entry, where, "source"),
        file=_relative(entry, where, "file", optional=False) or "",
        severity=severity,
        notice=notice,
        summary=summary,
        redline=_relative(entry, where, "redline", optional=True),
        snapshot=_relative(entry, where, "snapshot", optional=True),
        format=_format(entry, where),
    )


def _text(entry: dict[str, Any], where: str, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise InputError(f"{where}.{key}: must be a non-empty string")
    return value


def _relative(entry: dict[str, Any], where: str, key: str, optional: bool) -> str | None:
    """A path under the version's own folder for ``key`` (``versions/``, ``redlines/``, ``snapshots/``)."""
    if optional and entry.get(key) is None:
        return None
    value = PurePosixPath(_text(entry, where, key))
    # a hand-edited path must not lead out of the policy's folder
    if value.is_absolute() or ".." in value.parts or value.parts[0] != _KNOWN_DIRS[key]:
        raise InputError(f"{where}.{key}: must be a path under {_KNOWN_DIRS[key]}/")
    return str(value)


def _judgement(entry: dict[str, Any], where: str) -> tuple[Severity, bool, tuple[str, ...]]:
    """A version's severity, whether it needed notice, and its summary lines."""
    try:
        severity = Severity(str(entry.get("severity")))
    except ValueError:
        raise InputError(f"{where}.severity: must be one of major, review, minor, editorial, none") from None
    summary = entry.get("summary", [])
    if not isinstance(summary, list) or not all(isinstance(line, str) for line in summary):
        raise InputError(f"{where}.summary: must be a list of strings")
    notice = entry.get("notice", False)
    if not isinstance(notice, bool):
        raise InputError(f"{where}.notice: must be true or false")
    return severity, notice, tuple(summary)


def _format(entry: Any, where: str) -> str:
    """The stored text's format; histories written before it was kept read as Markdown."""
    value = entry.get("format", "markdown")
    if value not in _FORMATS:
        raise InputError(f"{where}.format: must be one of {', '.join(sorted(_FORMATS))} (got {value!r})")
    return str(value)


_FORMATS = frozenset({"text", "markdown", "html", "docx", "pdf"})


def check_label_at(label: str, where: str) -> str:
    """A label read from history.json, checked like a new one."""
    if not _LABEL.match(label):
        raise InputError(f"{where}.label: {label!r} is not a usable label")
    return label
