"""Atomic, isolated output: a PDF is the old one or the complete new one; interrupted builds leave nothing.

The kill tests start a real build in a subprocess whose writer stops half-way through its first PDF
(the helper script below replaces ``_write_all`` with a slow one), then kill it the way a user or the
system would: Ctrl-C (SIGINT), ``kill`` (SIGTERM) or ``kill -9`` (SIGKILL).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, restore_sigint, write_leaflet
from handbill.atomic import is_temp_name, remove_stale_temps, temp_name
from handbill.cli import main
from handbill.errors import OutputError
from handbill.render.write import write_atomic
from pdfcheck import pdfium_text

HELPER = '''
import os, sys, time
from pathlib import Path
import handbill.atomic as writer

marker = Path(sys.argv[1])

def slow_write(fd, data):
    os.write(fd, bytes(data[: len(data) // 2]))
    marker.write_text(str(os.getpid()))
    time.sleep(120)

writer._write_all = slow_write
from handbill.cli import main
sys.exit(main(sys.argv[2:]))
'''

TWO_LANGUAGES = {"en": "# Hi\n\nText.\n", "fr": "# Salut\n\nTexte.\n"}


def build(leaflet: Path, out: Path, *extra: str) -> int:
    return main(["-q", "build", str(leaflet), "--out", str(out), "--jobs", "1", *extra])


def complete_pdf(path: Path) -> bool:
    """A whole PDF: header, end marker, and pypdfium2 reads its text."""
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and bool(pdfium_text(path).strip())


# -- the writer ------------------------------------------------------------------------------------------

def test_write_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a3-poster.fa.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert os.listdir(target.parent) == ["a3-poster.fa.pdf"]


def test_temporary_names_are_recognisable() -> None:
    name = temp_name("a3-poster.fa.pdf", pid=4242)
    assert name.startswith(".a3-poster.fa.pdf.4242.") and name.endswith(".tmp")
    assert is_temp_name(name)
    assert not is_temp_name("a3-poster.fa.pdf") and not is_temp_name(".a3-poster.fa.pdf.tmp")


def dead_pid() -> int:
    """The id of a process that has finished (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_of_dead_writers_are_removed_live_ones_kept(tmp_path: Path) -> None:
    """A writer killed outright leaves its temporary file; the next write removes it, but never one of
    a writer still running (a parallel build, or another worker of this one)."""
    stale = tmp_path / temp_name("a4-flyer.en.pdf", pid=dead_pid())
    mine = tmp_path / temp_name("a4-flyer.en.pdf")
    parents = tmp_path / temp_name("a3-poster.en.pdf", pid=os.getppid())
    unrelated = tmp_path / ".notes.tmp"
    for path in (stale, mine, parents, unrelated):
        path.write_bytes(b"partial")
    write_atomic(tmp_path / "a4-flyer.en.pdf", b"new")
    assert not stale.exists()
    assert mine.exists() and parents.exists() and unrelated.exists()
    assert remove_stale_temps(tmp_path) == []


@pytest.mark.parametrize(("error", "words"), [
    (OSError(28, "No space left on device"), "the disk is full"),
    (PermissionError(13, "Permission denied"), "permission denied"),
    (OSError(30, "Read-only file system"), "the disk is read-only"),
    (OSError(5, "Input/output error"), "the disk reported an input/output error"),
    (OSError(71, "Protocol error"), "protocol error"),
])
def test_write_errors_become_one_message_and_no_temporary(tmp_path: Path, monkeypatch, error: OSError,
                                                         words: str) -> None:
    target = tmp_path / "a4-flyer.en.pdf"
    target.write_bytes(b"old")

    def fail(fd: int, data) -> int:
        raise error

    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert caught.value.file == target
    assert f"cannot write the PDF: {words}" in str(caught.value)
    assert "previous PDF there is unchanged" in str(caught.value)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["a4-flyer.en.pdf"]


# -- a batch ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_job_never_damages_another_jobs_output(tmp_path: Path, capsys, jobs: str) -> None:
    """fr fails (a character no font has); en is rewritten whole; fr's previous PDF is left as it was."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, TWO_LANGUAGES)
    out = tmp_path / "out"
    assert build(leaflet, out) == 0
    en, fr = out / "lf" / "a4-flyer.en.pdf", out / "lf" / "a4-flyer.fr.pdf"
    old_en, old_fr = en.read_bytes(), fr.read_bytes()
    (leaflet / "statement.en.md").write_text("# Hello\n\nNew text.\n", encoding="utf-8")
    (leaflet / "statement.fr.md").write_text("# Salut\n\nLe signe \U00010FB0.\n", encoding="utf-8")
    assert main(["build", str(leaflet), "--out", str(out), "--jobs", jobs]) == 1
    output = capsys.readouterr().out
    assert "failed   a4-flyer.fr: " in output and "statement.fr.md:3: U+10FB0 CHORASMIAN LETTER ALEPH" in output
    assert en.read_bytes() != old_en and complete_pdf(en) and "Newtext." in pdfium_text(en).replace(" ", "")
    assert fr.read_bytes() == old_fr
    assert sorted(os.listdir(out / "lf")) == ["a4-flyer.en.pdf", "a4-flyer.fr.pdf"]


# -- killing a build mid-write -------------------------------------------------------------------------------

def start_stuck_build(tmp_path: Path) -> tuple[subprocess.Popen, Path, dict[str, bytes]]:
    """Build once, change the sources, start a second build that stops half-way through its first PDF."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, TWO_LANGUAGES)
    out = tmp_path / "out"
    assert build(leaflet, out) == 0
    before = {p.name: p.read_bytes() for p in (out / "lf").iterdir()}
    for lang in TWO_LANGUAGES:
        (leaflet / f"statement.{lang}.md").write_text("# Changed\n\nA different text.\n", encoding="utf-8")
    helper, marker = tmp_path / "helper.py", tmp_path / "writing"
    helper.write_text(HELPER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(helper), str(marker), "-q", "build", str(leaflet),
                                "--out", str(out), "--jobs", "1"], preexec_fn=restore_sigint,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the build did not reach the write: {process.communicate()}")
        time.sleep(0.02)
    return process, leaflet, before


def files(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_killed_build_leaves_old_pdfs_and_no_temporary(tmp_path: Path, sig: int) -> None:
    """``kill`` (SIGTERM) or Ctrl-C while a PDF is half written: the build unwinds, removes its temporary
    file and exits; the PDFs are the old, complete ones, and the next build writes the new ones."""
    process, leaflet, before = start_stuck_build(tmp_path)
    folder = tmp_path / "out" / "lf"
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig], err
    assert "Traceback" not in err
    assert files(folder) == sorted(before)
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert build(leaflet, tmp_path / "out") == 0
    assert files(folder) == sorted(before)
    assert all(complete_pdf(folder / name) for name in before)
    assert all("Adifferenttext." in pdfium_text(folder / name).replace(" ", "") for name in before)


def test_sigkill_leaves_nothing_or_a_temporary_the_next_run_removes(tmp_path: Path) -> None:
    """SIGKILL cannot be caught. Where the system lets a complete unnamed file (O_TMPFILE) be named,
    a killed writer leaves nothing; elsewhere (this sandbox refuses linkat through /proc) it leaves one
    recognisable temporary file, which the next build into the folder removes."""
    process, leaflet, before = start_stuck_build(tmp_path)
    folder = tmp_path / "out" / "lf"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    left = [name for name in files(folder) if name not in before]
    assert all(is_temp_name(name) and name.startswith(".a4-flyer.en.pdf.") for name in left) and len(left) <= 1
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert build(leaflet, tmp_path / "out") == 0
    assert files(folder) == sorted(before)


def test_a_named_temporary_of_a_killed_writer_goes_next_run(tmp_path: Path, monkeypatch) -> None:
    """Where O_TMPFILE is missing, a killed writer's named temporary is removed by the next write."""
    import handbill.atomic as writer

    stale = tmp_path / temp_name("a4-flyer.en.pdf", pid=dead_pid())
    stale.write_bytes(b"%PDF-1.6 half")
    monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)
    write_atomic(tmp_path / "a4-flyer.en.pdf", b"%PDF-1.6 whole")
    assert files(tmp_path) == ["a4-flyer.en.pdf"]


def test_ctrl_c_mid_write_removes_the_temporary_at_once(tmp_path: Path) -> None:
    process, _, before = start_stuck_build(tmp_path)
    folder = tmp_path / "out" / "lf"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert files(folder) == sorted(before)
    assert {name: (folder / name).read_bytes() for name in before} == before


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_mode_is_given_before_the_umask_or_exactly(tmp_path: Path, monkeypatch, unnamed: bool) -> None:
    """replace_file's mode is filtered by the umask unless exact (serve keeps an edited file's 0664)."""
    import stat

    import handbill.atomic as writer

    if not unnamed:
        monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)
    old = os.umask(0o027)
    try:
        writer.replace_file(tmp_path / "umask", b"a", mode=0o666)
        writer.replace_file(tmp_path / "exact", b"b", mode=0o664, exact=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "umask").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "exact").stat().st_mode) == 0o664
    assert sorted(os.listdir(tmp_path)) == ["exact", "umask"]
