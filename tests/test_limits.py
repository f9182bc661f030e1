"""policydiff.limits: every resource limit is refused with one line naming it, and can be raised."""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from test_load_pdf import build_pdf
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.config import parse_settings
from policydiff.errors import InputError
from policydiff.limits import LIMIT_KEYS, LimitError, Limits, with_flags
from policydiff.load import load, load_bytes

POLICY = "# Privacy Policy\n\n## What we collect\n\nWe collect your email address to run your account.\n"


def _run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stderr


def _one_line_naming(stderr: str, key: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert f"over the {key} limit" in lines[0]
    assert f"--limit {key}=N" in lines[0] and f"[limits] {key}" in lines[0]
    assert "Traceback" not in stderr


# ------------------------------------------------------------------ the flags and the config


def test_every_limit_is_described_and_has_a_default_in_range() -> None:
    assert [spec.key for spec in LIMIT_KEYS] == list(Limits.__dataclass_fields__)
    for spec in LIMIT_KEYS:
        assert spec.low <= getattr(Limits(), spec.key) <= spec.high


def test_flags_set_limits_and_bad_flags_are_input_errors() -> None:
    assert with_flags(Limits(), ["input_mb=50", "seconds = 5"]) == Limits(input_mb=50, seconds=5)
    assert with_flags(Limits(), ["html_elements=1_000_000"]).html_elements == 1_000_000
    for flag, problem in [
        ("input_mb", "give KEY=N"),
        ("input_mb=", "give KEY=N"),
        ("size=5", "no limit 'size'"),
        ("input_mb=lots", "must be a whole number from 1 to 1,024 MB (got 'lots')"),
        ("pdf_pages=0", "must be a whole number from 1"),
    ]:
        with pytest.raises(InputError, match=re.escape(problem)):
            with_flags(Limits(), [flag])


def test_the_config_table_sets_limits_and_names_a_bad_value(tmp_path: Path) -> None:
    settings = parse_settings({"limits": {"input_mb": 40, "pdf_pages": 50}}, tmp_path / "policydiff.toml")
    assert settings.limits == Limits(input_mb=40, pdf_pages=50)
    with pytest.raises(InputError, match=r"limits\.seconds: must be a whole number from 1 to 86,400"):
        parse_settings({"limits": {"seconds": "soon"}}, tmp_path / "policydiff.toml")
    with pytest.raises(InputError, match=r"limits\.memory: unknown key"):
        parse_settings({"limits": {"memory": 1}}, tmp_path / "policydiff.toml")


def test_a_bad_limit_flag_is_one_line_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "p.md"
    source.write_text(POLICY, encoding="utf-8")
    code, stderr = _run("segment", str(source), "--limit", "input_mb=huge")
    assert code == 2 and stderr.count("\n") == 1 and "--limit: input_mb must be a whole number" in stderr


def test_the_flag_wins_over_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "policydiff.toml").write_text("[limits]\ninput_mb = 1\n", encoding="utf-8")
    big = tmp_path / "big.md"
    big.write_text(POLICY + "\n\nWe keep logs. " * 100_000, encoding="utf-8")  # 1.5 MB
    monkeypatch.chdir(tmp_path)
    code, stderr = _run("segment", "big.md")
    assert code == 2
    _one_line_naming(stderr, "input_mb")
    assert _run("segment", "big.md", "--limit", "input_mb=2")[0] == 0


# ------------------------------------------------------------------ each limit, breached


def test_a_file_over_the_input_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"We collect your name. " * 60_000)  # 1.3 MB
    code, stderr = _run("diff", str(big), str(big), "--limit", "input_mb=1")
    assert code == 2 and stderr.startswith(f"policydiff: {big}: 1,320,000 bytes")
    _one_line_naming(stderr, "input_mb")


def test_standard_input_and_devices_stop_at_the_input_limit(tmp_path: Path) -> None:
    code, stderr = _run("segment", "-", "--limit", "input_mb=1", stdin=b"We collect your name. " * 60_000)
    assert code == 2 and "<stdin>: more than 1,000,000 bytes" in stderr
    _one_line_naming(stderr, "input_mb")
    # a device reports no size and never ends: the bounded read stops it all the same
    code, stderr = _run("segment", "/dev/zero", "--limit", "input_mb=1")
    assert code == 2
    _one_line_naming(stderr, "input_mb")


def test_bytes_in_hand_are_held_to_the_input_limit() -> None:
    with pytest.raises(LimitError, match="over the input_mb limit"):
        load_bytes(b"x" * 1_000_001, "page.txt", limits=Limits(input_mb=1))


def _docx(extra: dict[str, tuple[bytes, int]]) -> bytes:
    """A real Word file (python-docx) with extra parts: name → (bytes, zip compression)."""
    import docx

    document = docx.Document()
    document.add_heading("Privacy Policy", 1)
    document.add_paragraph("We collect your email address to run your account.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer, "a") as package:
        for name, (data, compression) in extra.items():
            package.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def test_a_word_package_that_unpacks_too_far_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(_docx({"word/media/filler.bin": (b"\x01" * 2_000_000, zipfile.ZIP_STORED)}))
    code, stderr = _run("segment", str(path), "--limit", "unpacked_mb=1")
    assert code == 2 and "the Word package unpacks to" in stderr
    _one_line_naming(stderr, "unpacked_mb")
    assert _run("segment", str(path))[0] == 0  # within the default


def test_a_word_part_compressed_like_a_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx({"word/media/zeros.bin": (b"\0" * 5_000_000, zipfile.ZIP_DEFLATED)}))
    code, stderr = _run("segment", str(path))
    assert code == 2 and "its part word/media/zeros.bin is compressed" in stderr
    _one_line_naming(stderr, "docx_ratio")
    assert _run("segment", str(path), "--limit", "docx_ratio=10000")[0] == 0


def _page(words: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + words.encode() + b") Tj ET"


def test_a_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(build_pdf([_page(f"Section {n}. We collect your name.") for n in range(1, 6)]))
    code, stderr = _run("segment", str(path), "--limit", "pdf_pages=4")
    assert code == 2 and "it has more than 4 pages" in stderr
    _one_line_naming(stderr, "pdf_pages")
    assert _run("segment", str(path), "--limit", "pdf_pages=5")[0] == 0


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused_before_pdfminer_reads_it(
    tmp_path: Path,
) -> None:
    text = _page("We collect your name.")
    bomb = zlib.compress(b" " * 3_000_000 + text, 9)  # 3 MB of spaces, then the page's text
    pdf = build_pdf([text]).replace(
        b"/Length %d >>" % len(text), b"/Length %d /Filter /FlateDecode >>" % len(bomb)
    )
    pdf = pdf.replace(b"stream\n" + text + b"\nendstream", b"stream\n" + bomb + b"\nendstream")
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf)
    code, stderr = _run("segment", str(path), "--limit", "unpacked_mb=2")
    assert code == 2 and "its streams unpack to more than" in stderr
    _one_line_naming(stderr, "unpacked_mb")


def test_a_page_of_too_many_elements_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<main><h1>Privacy</h1>" + "<p>We collect your name.</p>" * 3000 + "</main>")
    code, stderr = _run("segment", str(path), "--limit", "html_elements=2000")
    assert code == 2 and "the page has 3," in stderr
    _one_line_naming(stderr, "html_elements")
    assert _run("segment", str(path), "--limit", "html_elements=5000")[0] == 0


def test_a_run_past_its_time_budget_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policydiff.commands.diff as diff_command

    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(10)  # a signal interrupts the sleep: the budget, not the sleep, ends the run

    monkeypatch.setattr(diff_command, "diff_sources", slow)
    source = tmp_path / "p.md"
    source.write_text(POLICY, encoding="utf-8")
    started = time.monotonic()
    code, stderr = _run("diff", str(source), str(source), "--limit", "seconds=1")
    assert time.monotonic() - started < 5
    assert code == 2 and "the run took more than 2 seconds for 2 documents" in stderr
    _one_line_naming(stderr, "seconds")


def test_a_host_thread_does_not_make_the_time_budget_end_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread the host started before the run (a test server, an embedding application) is not
    the run's worker: the budget unwinds the run and returns, it does not end the host's process."""
    import threading

    import policydiff.commands.diff as diff_command

    stop = threading.Event()
    host = threading.Thread(target=stop.wait, daemon=True)
    host.start()
    try:
        monkeypatch.setattr(diff_command, "diff_sources", lambda *a, **k: time.sleep(10))
        source = tmp_path / "p.md"
        source.write_text(POLICY, encoding="utf-8")
        code, stderr = _run("diff", str(source), str(source), "--limit", "seconds=1")
    finally:
        stop.set()
        host.join()
    # reaching this line at all is the point: os._exit would have ended pytest
    assert code == 2 and "the run took more than 2 seconds" in stderr


def test_limits_reach_the_loader_through_load(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>We collect your name.</p>" * 1500, encoding="utf-8")
    with pytest.raises(LimitError, match="the page has 1,50"):
        load(str(path), limits=Limits(html_elements=1000))
    assert "We collect your name." in load(str(path)).text
