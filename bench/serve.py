"""Benchmark: how long ``handbill serve`` takes from a saved edit to the new preview of the A4 flyer.

    python bench/serve.py [--runs 30]

Drives the web application in this process (Starlette's TestClient, no network): a copy of the seed
leaflet, the server's warm session, then for each run one paragraph of the English statement changed
(a different word each time, so nothing comes from the cache), saved through ``POST /save`` and the
flyer's first page fetched as PNG through ``GET /preview/a4-flyer.en/1``, as the page does after a pause
in typing. Prints the first (cold) run, then the median and 95th percentile of the warm runs, for the
save alone and for save + preview. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "leaflets" / "victory-day-2023"
WORDS = ("solidarity", "bread", "roses", "peace", "justice", "dignity", "freedom", "workers", "unity", "hope")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="warm runs (default 30)")
    args = parser.parse_args()
    from starlette.testclient import TestClient

    from handbill.serve.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "victory-day-2023"
        shutil.copytree(SEED, folder)
        client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
        page = client.get("/l/victory-day-2023/").text
        token = re.search(r'name="handbill-token" content="([0-9a-f]+)"', page)
        tags = re.search(r'data-tags="([^"]*)"', page)
        assert token and tags
        client.headers["X-Handbill-Token"] = token.group(1)
        tag = json.loads(html.unescape(tags.group(1)))["statement.en.md"]
        original = (folder / "statement.en.md").read_text(encoding="utf-8")
        paragraphs = original.split("\n\n")
        target = next(i for i, p in enumerate(paragraphs) if not p.startswith(("#", ">", "-")) and len(p) > 200)
        saves, totals = [], []
        for run in range(args.runs + 1):
            edited = list(paragraphs)
            edited[target] = f"{paragraphs[target]} {WORDS[run % len(WORDS)]} {run}"
            start = time.perf_counter()
            response = client.post("/l/victory-day-2023/save",
                                   json={"field": "statement:en", "value": "\n\n".join(edited), "tag": tag})
            saved = time.perf_counter()
            assert response.status_code == 200, response.text
            tag = response.json()["tag"]
            png = client.get("/l/victory-day-2023/preview/a4-flyer.en/1")
            end = time.perf_counter()
            assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
            saves.append(saved - start)
            totals.append(end - start)
    cold, warm = totals[0], sorted(totals[1:])
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    print(f"handbill serve, A4 flyer, one paragraph edited ({args.runs} warm runs, {_cores()} cores)")
    print(f"  first edit (cold session): {cold * 1000:7.0f} ms")
    print(f"  save alone, median:        {statistics.median(saves[1:]) * 1000:7.0f} ms")
    print(f"  save + preview, median:    {statistics.median(warm) * 1000:7.0f} ms")
    print(f"  save + preview, p95:       {p95 * 1000:7.0f} ms")
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
