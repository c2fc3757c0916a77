"""Fault injection: planted cache entries, workers killed mid-job, the build killed, concurrent builds.

Each test compares against a clean build of the same leaflet: what survives a fault must be
byte-identical to what a build without the fault writes. The suite runs in CI in about half a minute.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import SEED, restore_sigint
from handbill import batch
from handbill.atomic import is_temp_name
from handbill.cli import main

pytestmark = pytest.mark.slow


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def run_cli(*args: str, cache: Path | str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBILL_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "handbill.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seed built with the cache off, one process: the reference every fault is compared with."""
    out = tmp_path_factory.mktemp("clean")
    result = run_cli("-q", "build", str(SEED), "--out", str(out), "--jobs", "1", cache="off")
    assert result.returncode == 0, result.stderr
    return pdfs(out / SEED.name)


# -- the cache -------------------------------------------------------------------------------------------


class Marker:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (Path(self.path).write_text, ("code ran",))


def test_planted_pickles_in_every_cache_entry_run_nothing(tmp_path: Path, clean: dict[str, bytes]):
    """Fill a cache, replace every entry with a pickle that would write a marker file (and, in a second
    round, with random bytes): the builds run no code and write the same bytes as with the cache off."""
    cache = tmp_path / "cache"
    assert run_cli("-q", "build", str(SEED), "--out", str(tmp_path / "fill"), cache=cache).returncode == 0
    entries = [p for p in cache.rglob("*") if p.is_file()]
    kinds = {p.parent.name for p in entries}
    assert {"faces", "hyphenation", "icc"} <= kinds, kinds
    marker = tmp_path / "marker"
    for round_, payload in enumerate([pickle.dumps(Marker(str(marker)), protocol=0), os.urandom(3000)]):
        for entry in entries:
            entry.write_bytes(payload)
        result = run_cli("-q", "build", str(SEED), "--out", str(tmp_path / f"out{round_}"), cache=cache)
        assert result.returncode == 0 and "error" not in result.stderr, result.stderr
        assert not marker.exists()
        assert pdfs(tmp_path / f"out{round_}" / SEED.name) == clean
    assert all(p.read_bytes() != payload for p in entries)  # every entry was rebuilt and replaced


def test_an_unsafe_cache_folder_is_refused_with_a_message(tmp_path: Path):
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    result = run_cli("build", str(SEED), "--out", str(tmp_path / "out"), cache=cache)
    assert result.returncode == 1 and "writable by others" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("build", str(SEED), "--out", str(tmp_path / "out"), cache="rel/cache", cwd=tmp_path)
    assert result.returncode == 1 and "not an absolute path" in result.stderr
    assert not (tmp_path / "rel").exists()


# -- workers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_worker_killed_mid_job_fails_that_job_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys,
                                                      clean: dict[str, bytes], seed: int):
    """SIGKILL one worker at a random moment of a random job: exit 1, that job reported failed with the
    signal, every other PDF written and byte-identical to a clean build, no temporary file after the next."""
    rng = random.Random(seed)
    names = sorted(clean)
    parent = os.getpid()
    victim_index = rng.randrange(1, len(names))  # job 0 runs in the build process itself
    delay = rng.uniform(0, 0.05)
    original = batch.run_one

    def run_one(job, out_dir, separations=False):
        if os.getpid() != parent and job.filename == victim[0]:
            threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()
            outcome = original(job, out_dir, separations)
            time.sleep(5)  # the kill lands within the job, before its outcome is sent
            return outcome
        return original(job, out_dir, separations)

    from handbill.build import plan

    _, jobs, _ = plan(SEED)
    victim = [jobs[victim_index].filename]
    monkeypatch.setattr(batch, "run_one", run_one)
    out = tmp_path / "out"
    status = main(["build", str(SEED), "--out", str(out), "--jobs", "2"])
    printed = capsys.readouterr()
    assert status == 1
    label = victim[0].removesuffix(".pdf")
    failed = [line for line in printed.out.splitlines() if "SIGKILL" in line]
    assert failed and label in failed[0], printed.out
    written = pdfs(out / SEED.name)
    assert {k: v for k, v in written.items() if k != victim[0]} == {k: v for k, v in clean.items() if k != victim[0]}
    monkeypatch.setattr(batch, "run_one", original)
    assert main(["-q", "build", str(SEED), "--out", str(out), "--jobs", "2"]) == 0
    assert pdfs(out / SEED.name) == clean
    assert not [n for n in os.listdir(out / SEED.name) if is_temp_name(n)]


SLOW_WORKERS = '''
import os, sys, time
import handbill.batch as batch
parent = os.getpid()
original = batch.run_one

def run_one(job, out_dir, separations=False):
    if os.getpid() != parent:
        open(sys.argv[1] + "." + str(os.getpid()), "w").close()
        time.sleep(60)
    return original(job, out_dir, separations)

batch.run_one = run_one
from handbill.cli import main
sys.exit(main(sys.argv[2:]))
'''


STUCK_WORKERS = '''
import os, sys, time
from pathlib import Path
import handbill.atomic as writer
parent = os.getpid()
original = writer._write_all

def slow_write(fd, data):
    if os.getpid() == parent:
        return original(fd, data)
    os.write(fd, bytes(data[: len(data) // 2]))
    Path(sys.argv[1] + "." + str(os.getpid())).write_text("")
    time.sleep(60)

writer._write_all = slow_write
writer._write_unnamed = lambda *args: None  # named temporaries, as without O_TMPFILE
from handbill.cli import main
sys.exit(main(sys.argv[2:]))
'''


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("helper_text", [SLOW_WORKERS, "STUCK"], ids=["mid-job", "mid-write"])
def test_killing_the_build_leaves_no_process_and_a_clean_rebuild(tmp_path: Path, clean: dict[str, bytes],
                                                                 helper_text: str):
    """SIGKILL the build while its workers are mid-job (or half-way through writing a PDF): within 5 seconds
    no worker is left, their temporary files are gone, and the next build into the same folder leaves the
    same bytes as a clean build."""
    helper = tmp_path / "helper.py"
    helper.write_text(STUCK_WORKERS if helper_text == "STUCK" else helper_text, encoding="utf-8")
    marks = tmp_path / "worker"
    out = tmp_path / "out"
    env = {**os.environ, "HANDBILL_CACHE": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, str(helper), str(marks), "-q", "build", str(SEED),
                                "--out", str(out), "--jobs", "2"], env=env, preexec_fn=restore_sigint,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("worker.*"))) < 2:
        assert process.poll() is None and time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    workers = [int(p.suffix[1:]) for p in tmp_path.glob("worker.*")]
    assert all(_alive(pid) for pid in workers)
    process.kill()
    process.wait()
    gone_by = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived their build"
    assert not [n for n in os.listdir(out / SEED.name) if is_temp_name(n)]
    result = run_cli("-q", "build", str(SEED), "--out", str(out), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert pdfs(out / SEED.name) == clean
    assert not [n for n in os.listdir(out / SEED.name) if is_temp_name(n)]


def test_concurrent_builds_into_one_folder_and_cache(tmp_path: Path, clean: dict[str, bytes]):
    """Two builds at once into one output folder with one (empty) cache: both succeed (one waits for the
    other's lock), and the PDFs are byte-identical to a clean build."""
    env = {**os.environ, "HANDBILL_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "handbill.cli", "build", str(SEED), "--out", str(tmp_path / "out"),
               "--jobs", "2"]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in processes]
    assert [status for status, _, _ in results] == [0, 0], results
    assert pdfs(tmp_path / "out" / SEED.name) == clean


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_parallel_build_removes_its_workers_temporaries(tmp_path: Path, sig: int):
    """kill or Ctrl-C while workers are half-way through writing: the build stops its workers, they remove
    their temporary files, and nothing but complete PDFs is left, at once (not only after the next build)."""
    helper = tmp_path / "helper.py"
    helper.write_text(STUCK_WORKERS, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "HANDBILL_CACHE": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, str(helper), str(tmp_path / "writing"), "-q", "build", str(SEED),
                                "--out", str(out), "--jobs", "2"], env=env, preexec_fn=restore_sigint,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("writing.*"))) < 2:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    workers = [int(p.suffix[1:]) for p in tmp_path.glob("writing.*")]
    assert len([name for name in os.listdir(out / SEED.name) if is_temp_name(name)]) == 2  # half-written
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig], err
    assert "Traceback" not in err
    assert not [pid for pid in workers if _alive(pid)]
    left = os.listdir(out / SEED.name)
    assert not [name for name in left if is_temp_name(name)], left
    assert all(name.endswith(".pdf") for name in left)
