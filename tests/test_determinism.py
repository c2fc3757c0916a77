"""Same sources, same bytes: no clock, no paths, no random ids, no dependence on hashing or worker count.

The seed leaflet is built in separate processes, from different working directories, into differently
named output folders, with different hash seeds (set and dict orders) and each with an empty font
instance cache (so instancing variable fonts is compared too), and the PDFs are compared byte for
byte. The creation date inside comes from the leaflet's ``date`` or SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, write_leaflet
from handbill.cli import main


def build_in_process(out: Path, *extra: str, cwd: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """Build the seed with ``python -m handbill.cli`` in a fresh process; the PDFs by file name."""
    result = subprocess.run([sys.executable, "-m", "handbill.cli", "-q", "build", str(SEED), "--out", str(out),
                             *extra], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = out / SEED.name
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


def test_two_processes_give_identical_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build_in_process(tmp_path / "a" / "out", "--jobs", "1", cwd=tmp_path / "a",
                             env={"PYTHONHASHSEED": "1", "HANDBILL_CACHE": str(tmp_path / "a" / "cache")})
    second = build_in_process(tmp_path / "b" / "elsewhere", "--jobs", "1", cwd=tmp_path / "b",
                              env={"PYTHONHASHSEED": "2", "HANDBILL_CACHE": str(tmp_path / "b" / "cache")})
    assert len(first) == 12
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"differ between runs: {different}"
    assert not any(os.fsencode(str(tmp_path)) in data for data in first.values()), "a path is in the PDF"


def jobs_flag_available() -> bool:
    """True when ``handbill build --help`` lists --jobs (parallel builds)."""
    result = subprocess.run([sys.executable, "-m", "handbill.cli", "build", "--help"], capture_output=True,
                            text=True, check=False)
    return "--jobs" in result.stdout


def test_one_or_two_workers_give_identical_bytes(tmp_path: Path) -> None:
    if not jobs_flag_available():
        pytest.skip("handbill build has no --jobs option yet")
    serial = build_in_process(tmp_path / "one", "--jobs", "1", cwd=tmp_path)
    parallel = build_in_process(tmp_path / "two", "--jobs", "2", cwd=tmp_path)
    assert serial.keys() == parallel.keys() and len(serial) == 12
    assert [name for name in serial if serial[name] != parallel[name]] == []


def creation_date(path: Path) -> str:
    """The document's /CreationDate as written."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return document.get_metadata_dict()["CreationDate"]
    finally:
        document.close()


def build_minimal(tmp_path: Path, capsys) -> Path:
    toml = (SEED / "leaflet.toml").read_text(encoding="utf-8").replace('["a4-flyer", "a3-poster"]', '["a4-flyer"]')
    leaflet = write_leaflet(tmp_path / "dated", toml, {"en": "# Hi\n\nText.\n"})
    assert main(["-q", "build", str(leaflet), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0, capsys.readouterr()
    return tmp_path / "out" / "dated" / "a4-flyer.en.pdf"


def test_the_creation_date_is_the_leaflets_date(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert creation_date(build_minimal(tmp_path, capsys)).startswith("D:20230509120000")


def test_source_date_epoch_sets_the_creation_date(tmp_path: Path, capsys, monkeypatch) -> None:
    epoch = int(datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert creation_date(build_minimal(tmp_path, capsys)).startswith("D:20240102030405")
