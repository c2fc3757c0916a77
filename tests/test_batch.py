"""Batch runs: parallel jobs, progress on a terminal only, the summary and exit status when one job fails."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from conftest import ROOT, SEED, write_leaflet
from handbill.batch import JobOutcome
from handbill.cli import main
from handbill.report import Progress, summary_table

FAILING_TOML = """title = "Test"
date = 2024-05-01
lang = "en"
layouts = ["a6-card"]
[[slogans]]
lang = "en"
text = "Bread and roses"
[[slogans]]
lang = "akk"
text = "\U00010FB0\U00010FB1"
"""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _outcome(lang: str, error: str | None = None) -> JobOutcome:
    return JobOutcome("a6-card", lang, () if error else (ROOT / f"a6-card.{lang}.pdf",), error, 0.1)


def test_progress_draws_a_bar_on_a_terminal():
    stream = _Terminal()
    progress = Progress(stream)
    progress.start(2)
    progress(_outcome("en"))
    progress(_outcome("fa"))
    text = stream.getvalue()
    assert "\r[" in text and "2/2" in text and text.endswith("\n")


def test_progress_is_a_plain_log_in_a_pipe():
    stream = io.StringIO()
    progress = Progress(stream)
    progress.start(2)
    progress(_outcome("en"))
    progress(_outcome("fa", "boom"))
    lines = stream.getvalue().splitlines()
    assert lines == ["[1/2] a6-card.en ok (0.10 s)", "[2/2] a6-card.fa FAILED (0.10 s)"]
    assert "\r" not in stream.getvalue()


def test_quiet_progress_prints_nothing():
    stream = _Terminal()
    progress = Progress(stream, quiet=True)
    progress.start(1)
    progress(_outcome("en"))
    assert stream.getvalue() == ""


def test_real_terminal_gets_the_bar_and_a_pipe_does_not(tmp_path):
    command = [sys.executable, "-m", "handbill.cli", "build", str(SEED), "--layout", "a6-card", "--lang", "en",
               "--lang", "fa", "--out", str(tmp_path)]
    env = dict(os.environ)
    piped = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert "\r" not in piped.stderr and "[2/2]" in piped.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait() == 0
    os.close(leader)
    assert b"\r[" in b"".join(chunks)


def test_one_failing_job_does_not_stop_the_others(tmp_path, capsys):
    leaflet = write_leaflet(tmp_path / "mixed", FAILING_TOML)
    status = main(["build", str(leaflet), "--out", str(tmp_path / "out"), "--jobs", "2"])
    out = capsys.readouterr().out
    assert status == 1
    assert (tmp_path / "out" / "mixed" / "a6-card.en.pdf").is_file()
    assert not (tmp_path / "out" / "mixed" / "a6-card.akk.pdf").exists()
    assert "failed   a6-card.akk: " in out and "U+10FB0" in out
    assert "1 written, 0 skipped, 1 failed" in out
    table = out.splitlines()
    header = next(line for line in table if line.startswith("layout"))
    row = next(line for line in table if line.startswith("a6-card "))
    assert header.split()[1:] == ["en", "akk"]
    assert row.split()[1:] == ["✓", "✗"]


def test_summary_table_ascii_fallback():
    table = summary_table([_outcome("en"), _outcome("fa", "boom")], [], unicode=False)
    assert "a6-card" in table and " W" in table and " X" in table
