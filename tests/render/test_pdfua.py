"""PDF/UA-1: the web PDFs written with ``--pdf-ua`` pass the checkers that can be installed from the
registries this project uses (PyPI, Debian, npm).

veraPDF, the reference checker, cannot be: it is a Java program published on Maven Central and as its
own installer, and neither PyPI, Debian nor npm carries it (Debian's default-jre is there, the
veraPDF jar is not). The PyPI checkers that run here, both on pikepdf with no JVM:

- ``outloud`` 0.2.1: 91 rules mapped to the 31 checkpoints of the Matterhorn Protocol 1.1 (the
  machine-checkable failure conditions of PDF/UA-1) and to WCAG 2.2; it says which checkpoints need a
  person (colour contrast, stretchable characters, forms);
- ``pdfua`` 0.1.3: 16 of the 106 PDF/UA-1 rules (tests/render/test_screen.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import WORLD
from handbill.build import build
from handbill.model import ScreenOptions

LANGS = ["en", "ar", "fa", "he", "hi"]


def _checker(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.skip(f"the {name} checker (PyPI {name}, in the test extras) is not installed")
    return str(path)


@pytest.fixture(scope="module")
def web_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The world fixture's square post as PDF/UA-1 web PDFs, left-to-right and right-to-left."""
    out = tmp_path_factory.mktemp("pdfua")
    report = build(WORLD, ["square-post"], LANGS, out_dir=out, screen=ScreenOptions(("pdf",), pdfua=True))
    assert not report.failed, [r.error for r in report.failed]
    return out / WORLD.name


@pytest.mark.parametrize("lang", LANGS)
def test_web_pdf_passes_outloud(web_pdfs: Path, lang: str, tmp_path: Path) -> None:
    """No error and no warning from outloud's PDF/UA-1 and WCAG rules; every Matterhorn checkpoint it
    can decide passes or does not apply."""
    report = tmp_path / "report.json"
    result = subprocess.run([_checker("outloud"), "--json", str(report), "--criteria",
                             str(web_pdfs / f"square-post.{lang}.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout, result.stdout
    assert "FAIL" not in result.stdout.split("WCAG 2.2, levels")[0], result.stdout
    [checked] = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert checked["verdict"] == "pass" and checked["counts"] == {"error": 0, "warning": 0, "info": 0}
    ran = [rule["rule"] for rule in checked["rules"] if rule["status"] == "ran"]
    assert len(ran) >= 30 and all(rule["outcome"] in ("pass", "not-applicable", "not-run")
                                  for rule in checked["rules"]), checked["rules"]
