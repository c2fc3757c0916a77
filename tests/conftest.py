"""Shared fixtures: the repository's paths and one build of the seed leaflet per test session."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest

from handbill.build import BuildReport, build

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "leaflets" / "victory-day-2023"
WORLD = ROOT / "tests" / "fixtures" / "world"

# Tests see the shipped layouts and catalog, never the real user folder's (handbill/project.py).
os.environ.setdefault("HANDBILL_USER_DIR", tempfile.mkdtemp(prefix="handbill-test-user-"))
# The on-disk cache (font metrics, hyphenation, ICC) starts empty for each test session.
os.environ.setdefault("HANDBILL_CACHE", tempfile.mkdtemp(prefix="handbill-test-cache-"))


def write_leaflet(folder: Path, toml: str, statements: dict[str, str] | None = None) -> Path:
    """A leaflet folder with the given leaflet.toml text and statement files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "leaflet.toml").write_text(toml, encoding="utf-8")
    for lang, text in (statements or {}).items():
        (folder / f"statement.{lang}.md").write_text(text, encoding="utf-8")
    return folder


MINIMAL_TOML = """title = "Test"
date = 2024-05-01
lang = "en"
layouts = ["a4-flyer"]
organisation = "Test Network"
[[slogans]]
lang = "en"
text = "Bread and roses"
"""


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """The seed leaflet built once: (report, folder holding the PDFs)."""
    out = tmp_path_factory.mktemp("out")
    report = build(SEED, out_dir=out)
    assert not report.failed, [str(r.error) for r in report.failed]
    return report, out / SEED.name


@pytest.fixture(scope="session")
def world_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """Every version of the world leaflet's flyer, built once: (report, folder of PDFs)."""
    out = tmp_path_factory.mktemp("world")
    report = build(WORLD, out_dir=out)
    return report, out / WORLD.name


def restore_sigint() -> None:
    """For subprocess.Popen(preexec_fn=...): give the child the default SIGINT, as a command run from a
    terminal has. A test run started in the background inherits SIGINT ignored, and a Python child that
    starts with it ignored never raises KeyboardInterrupt, so Ctrl-C tests would hang."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
