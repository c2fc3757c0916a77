"""scripts/install-system-deps: its options, and --non-free-profiles enabling Debian's non-free component
for this release only, run against stand-ins for apt and dpkg (nothing is installed)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "install-system-deps"
SOURCES = Path("/etc/apt/sources.list.d/debian.sources")


def stubs(folder: Path) -> dict[str, str]:
    """apt-get, apt-cache, dpkg-query and tee that only say on stderr how they were called (tee: what it was
    given); the script sends their output to /dev/null."""
    for name in ("apt-get", "apt-cache", "dpkg-query"):
        (folder / name).write_text(f'#!/bin/sh\necho "[{name} $*]" >&2\n', encoding="utf-8")
    (folder / "tee").write_text('#!/bin/sh\necho "[tee $*]" >&2\ncat >&2\n', encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60)


def test_an_unknown_option_is_refused(tmp_path: Path):
    done = run(["--tests"], stubs(tmp_path))
    assert done.returncode == 2 and "unknown option --tests" in done.stderr


def test_non_free_profiles_adds_this_releases_non_free_component_and_icc_profiles(tmp_path: Path):
    if os.geteuid() != 0 or not SOURCES.is_file():
        pytest.skip("needs root (no sudo stand-in) and a deb822 Debian source list")
    done = run(["--non-free-profiles"], stubs(tmp_path))
    assert done.returncode == 0, done.stderr
    entry = done.stderr.split("[tee /etc/apt/sources.list.d/handbill-non-free.sources]\n")[1].split("[apt-get")[0]
    assert "Components: non-free\n" in entry and entry.count("Components:") == 1
    assert "Types: deb" in entry and "Signed-By:" in entry
    codename = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines()
                    if "=" in line)["VERSION_CODENAME"].strip('"')
    assert f"Suites: {codename}" in entry
    install = [line for line in done.stderr.splitlines() if line.startswith("[apt-get install")]
    assert install and install[0].rstrip("]").endswith(" icc-profiles")
    plain = run([], stubs(tmp_path))
    assert "handbill-non-free" not in plain.stderr and " icc-profiles]" not in plain.stderr
    assert "[apt-get install" in plain.stderr  # (every package is missing to the dpkg-query stand-in)
