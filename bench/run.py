"""Benchmark: handbill against Typst and WeasyPrint on the seed leaflet, run side by side.

    python bench/run.py [--peers-python PATH] [--repeat 5]

Measures, on this machine, in one run:
1. the full seed batch (every shipped layout x every language) as one handbill process, against Typst
   compiling the same number of equivalent documents one process each;
2. one A4 flyer as a whole process: handbill, Typst, WeasyPrint;
3. the A4 flyer in one process, time per document once warm (Typst and handbill cache across runs);
4. handbill's first (cold cache) and second (warm cache) batch;
5. peak memory (resident set of the process and its workers) of the batch.
Peers run from a separate virtual environment (`--peers-python`, default bench/.venv/bin/python:
create it with `python3 -m venv bench/.venv && bench/.venv/bin/pip install typst weasyprint`).
Equivalent sources come from bench/peers.py. Prints a table of ratios; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "leaflets" / "victory-day-2023"
NOTO = "/usr/share/fonts/truetype/noto"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def timed(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, int]:
    """Wall time of a whole process and the peak resident memory of its process tree (KiB)."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        raise RuntimeError(f"{command[:4]} failed: {err.decode()[-500:]}")
    return elapsed, peak


def best(runs: int, command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Fastest of several runs (and the largest peak memory seen)."""
    results = [timed(command, env) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def shipped_layouts() -> list[str]:
    """The shipped print layouts: screen layouts ([screen]: posts, stories) make PNG and JPEG images,
    which the peers' documents have no equivalent of."""
    return sorted(p.stem for p in (ROOT / "layouts").glob("*.toml")
                  if "\n[screen]" not in p.read_text(encoding="utf-8"))


def handbill_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "handbill.cli", "-q", "build", *args]


def batch_jobs() -> list[tuple[str, str]]:
    """(versions, lang) of every job of the full seed batch: "slogans" for posters and cards."""
    from handbill.build import plan

    _, jobs, _ = plan(SEED, shipped_layouts())
    return [(job.layout.versions, job.lang) for job in jobs]


def peer_source(kind: str, versions: str, lang: str, sources: Path) -> Path:
    """The equivalent peer document of a handbill job: slogan layouts (posters, cards) map to the A3
    poster, statement layouts (flyers, handbills) to the A4 flyer."""
    shape = "a3-poster" if versions == "slogans" else "a4-flyer"
    suffix = "typ" if kind == "typst" else "html"
    return sources / kind / f"{shape}.{lang}.{suffix}"


TYPST_ONE = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"
WEASY_ONE = "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])"
TYPST_LOOP = """
import sys, time, typst
src, out, fonts, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
typst.compile(src, output=out, font_paths=[fonts])
times = []
for _ in range(n):
    t = time.perf_counter(); typst.compile(src, output=out, font_paths=[fonts]); times.append(time.perf_counter() - t)
print(min(times))
"""
WEASY_LOOP = """
import sys, time, weasyprint
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
weasyprint.HTML(src).write_pdf(out)
times = []
for _ in range(n):
    t = time.perf_counter(); weasyprint.HTML(src).write_pdf(out); times.append(time.perf_counter() - t)
print(min(times))
"""
HANDBILL_LOOP = """
import sys, time
from pathlib import Path
from handbill.build import plan
from handbill.pipeline import Session, run_job
_, jobs, _ = plan(Path(sys.argv[1]), ["a4-flyer"], ["en"])
session = Session.for_leaflet(jobs[0].leaflet.folder)
run_job(jobs[0], session, Path(sys.argv[2]))
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter(); run_job(jobs[0], session, Path(sys.argv[2])); times.append(time.perf_counter() - t)
print(min(times))
"""


def in_process(python: str, script: str, *args: str) -> float:
    out = subprocess.run([python, "-c", script, *args], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers-python", default=str(ROOT / "bench" / ".venv" / "bin" / "python"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    peers = args.peers_python
    if not Path(peers).exists():
        print(f"no peers environment at {peers}; see this file's docstring", file=sys.stderr)
        return 2
    from peers import write_sources

    work = Path(tempfile.mkdtemp(prefix="handbill-bench-"))
    sources = work / "sources"
    write_sources(SEED, sources)
    cache = work / "cache"
    env = {**os.environ, "HANDBILL_CACHE": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # measured as installed: byte-compiled (pip compiles an installed package; an editable checkout
    # under PYTHONDONTWRITEBYTECODE would recompile every module in every process)
    import handbill

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(handbill.__file__).parent)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    layouts = [arg for name in shipped_layouts() for arg in ("--layout", name)]
    jobs = batch_jobs()
    rows: list[tuple[str, str]] = []

    # 4. cold then warm batch (the cache folder starts empty)
    cold, _ = timed(handbill_cmd(str(SEED), *layouts, "--out", str(work / "out")), env)
    warm, peak = best(args.repeat, handbill_cmd(str(SEED), *layouts, "--out", str(work / "out")), env)

    # 1. Typst, one process per equivalent document
    typst_total = 0.0
    for versions, lang in jobs:
        source = peer_source("typst", versions, lang, sources)
        typst_total += timed([peers, "-c", TYPST_ONE, str(source), str(work / "t.pdf"), NOTO])[0]
    rows.append((f"full seed batch, {len(jobs)} documents",
                 f"handbill {warm:.2f} s (one process, --jobs {os.cpu_count()}), Typst {typst_total:.2f} s "
                 f"({len(jobs)} processes): Typst / handbill = {typst_total / warm:.1f}"))

    # 2. one A4 flyer, whole process
    hb_one, _ = best(args.repeat, handbill_cmd(str(SEED), "--layout", "a4-flyer", "--lang", "en", "--jobs", "1",
                                               "--out", str(work / "one")), env)
    ty_one, _ = best(args.repeat, [peers, "-c", TYPST_ONE, str(sources / "typst" / "a4-flyer.en.typ"),
                                   str(work / "t.pdf"), NOTO])
    we_one, _ = best(args.repeat, [peers, "-c", WEASY_ONE, str(sources / "html" / "a4-flyer.en.html"),
                                   str(work / "w.pdf")])
    rows.append(("A4 flyer, whole process",
                 f"handbill {hb_one:.3f} s, Typst {ty_one:.3f} s, WeasyPrint {we_one:.3f} s: "
                 f"WeasyPrint / handbill = {we_one / hb_one:.1f}"))

    # 3. A4 flyer in one process, per document once warm
    n = str(max(10, args.repeat * 4))
    hb_doc = in_process(sys.executable, HANDBILL_LOOP, str(SEED), str(work / "loop"), n)
    ty_doc = in_process(peers, TYPST_LOOP, str(sources / "typst" / "a4-flyer.en.typ"), str(work / "t.pdf"), NOTO, n)
    we_doc = in_process(peers, WEASY_LOOP, str(sources / "html" / "a4-flyer.en.html"), str(work / "w.pdf"), "3")
    rows.append(("A4 flyer in one process, per document",
                 f"handbill {hb_doc * 1000:.1f} ms, Typst {ty_doc * 1000:.1f} ms, WeasyPrint {we_doc * 1000:.0f} ms: "
                 f"handbill / Typst = {hb_doc / ty_doc:.2f}"))

    rows.append(("batch, cold cache then warm", f"{cold:.2f} s then {warm:.2f} s"))
    rows.append(("batch peak memory (process + workers)", f"{peak / 1024:.0f} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"handbill benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
