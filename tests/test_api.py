"""The public API, used only through the names in ``handbill.__all__``."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import handbill

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "leaflets" / "victory-day-2023"
DATA = {
    "title": "Bread and roses",
    "date": "2026-05-01",
    "lang": "en",
    "layouts": ["a4-flyer", "a3-poster"],
    "slogans": [{"lang": "en", "text": "Bread and roses"}, {"lang": "fa", "text": "نان و گل سرخ"}],
}
STATEMENTS = {
    "en": "# Bread and roses\n\nWe march on the first of May, for the wages and the dignity of all who work.\n",
    "fa": "# نان و گل سرخ\n\nما در روز اول ماه مه برای دستمزد و کرامت همهٔ کارگران راهپیمایی می‌کنیم.\n",
}


def pdftotext(data: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext not installed (poppler-utils)")
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    return subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_every_public_name_exists_and_hides_no_module() -> None:
    for name in handbill.__all__:
        assert hasattr(handbill, name), name
        # handbill.render (a function) would hide the package handbill.render from 'import a.b as c'
        assert importlib.util.find_spec(f"handbill.{name}") is None, f"handbill.{name} is also a module"
    assert re.fullmatch(r"\d+\.\d+\.\d+", handbill.__version__)


def test_a_leaflet_from_plain_data_renders_to_bytes(tmp_path: Path) -> None:
    leaflet = handbill.leaflet_from_data(DATA, statements=STATEMENTS, name="may-day")
    plan = handbill.versions(leaflet)
    assert [v.label for v in plan.versions] == ["a4-flyer.en", "a4-flyer.fa", "a3-poster.en", "a3-poster.fa"]
    assert plan.skipped == ()
    persian = next(v for v in plan.versions if v.label == "a4-flyer.fa")
    pdf = handbill.render_pdf(persian)
    assert pdf.startswith(b"%PDF-")
    text = pdftotext(pdf, tmp_path)
    assert "نان و گل سرخ" in text and "راهپیمایی" in text
    png = handbill.render_png(persian, page=1, dpi=20)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert handbill.page_count(persian) >= 1


def test_versions_can_be_narrowed_and_say_what_is_skipped() -> None:
    leaflet = handbill.load_leaflet(SEED)
    plan = handbill.versions(leaflet, langs=["en", "tr"])
    assert [v.label for v in plan.versions if v.layout == "a4-flyer"] == ["a4-flyer.en"]
    assert ("a4-flyer", "tr") in [(s.layout, s.lang) for s in plan.skipped]
    assert any("statement.tr.md" in s.reason for s in plan.skipped)
    with pytest.raises(handbill.InputError):  # one layout and one language asked for: it must exist
        handbill.versions(leaflet, layouts=["a4-flyer"], langs=["tr"])


def test_bad_data_is_a_handbill_error_with_its_key() -> None:
    with pytest.raises(handbill.HandbillError) as caught:
        handbill.leaflet_from_data({**DATA, "slogans": [{"lang": "en", "text": ""}]}, statements=STATEMENTS)
    assert caught.value.field is not None and caught.value.field.startswith("slogans[1]")
    with pytest.raises(handbill.InputError):
        handbill.leaflet_from_data(DATA, statements=STATEMENTS, files={"../escape.png": b"x"})
    with pytest.raises(handbill.InputError) as caught:
        handbill.leaflet_from_data({**DATA, "date": "12-12-2026"}, statements=STATEMENTS)
    assert caught.value.hint and "YYYY-MM-DD" in caught.value.hint


def test_build_writes_every_version_and_check_reports_as_data(tmp_path: Path) -> None:
    leaflet = handbill.leaflet_from_data(DATA, statements=STATEMENTS, name="may-day")
    report = handbill.build_leaflet(leaflet, tmp_path / "out", layouts=["a4-flyer"])
    assert isinstance(report, handbill.BuildReport) and not report.failed
    assert sorted(p.name for p in report.written) == ["a4-flyer.en.pdf", "a4-flyer.fa.pdf"]
    assert all(p.parent == tmp_path / "out" / "may-day" for p in report.written)
    checked = handbill.check_leaflet(leaflet, layouts=["a4-flyer"])
    assert isinstance(checked, handbill.CheckReport)
    assert all(isinstance(f, handbill.Finding) for f in checked.findings)
    assert checked.exit_code() == 0


def test_a_session_is_shared_per_catalog() -> None:
    first = handbill.leaflet_from_data(DATA, statements=STATEMENTS)
    second = handbill.load_leaflet(SEED)
    assert isinstance(handbill.session_for(first), handbill.Session)
    assert handbill.session_for(first) is handbill.session_for(second)


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using handbill from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(_readme_example(), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "4 files written, 0 failed" in result.stdout
    assert "error:" in result.stdout and "key: slogans[1]" in result.stdout
    assert sorted(p.name for p in (tmp_path / "out" / "may-day").iterdir())[:2] == ["a3-poster.en.pdf",
                                                                                     "a3-poster.fa.pdf"]


def test_python_dash_m_handbill_is_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "handbill", "--version"], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == f"handbill {handbill.__version__}"


def test_available_layouts_lists_the_shipped_and_the_leaflets_own(tmp_path: Path) -> None:
    folder = tmp_path / "leaflet"
    shutil.copytree(SEED, folder)
    (folder / "layouts").mkdir()
    (folder / "layouts" / "broken.toml").write_text("this is not = = toml\n", encoding="utf-8")
    layouts = {info.name: info for info in handbill.available_layouts(folder)}
    assert layouts["a4-flyer"].size == "210 x 297 mm" and not layouts["a4-flyer"].error
    assert layouts["a4-flyer"].description
    assert "a3-poster" in layouts
    assert layouts["broken"].error and "broken.toml" in layouts["broken"].error
    assert list(layouts) == sorted(layouts)


def test_check_findings_name_their_file_key_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "leaflet"
    shutil.copytree(SEED, folder)
    (folder / "statement.fa.md").write_text("# سلام\n\nمتن [پیوند](https://example.org) فارسی.\n", encoding="utf-8")
    report = handbill.check_leaflet(handbill.load_leaflet(folder), langs=["fa"])
    link = next(f for f in report.findings if "example.org" in f.message)
    assert Path(link.file).name == "statement.fa.md" and link.line == 3
    fallback = next(f for f in report.findings if f.field == "translations.fa.organisation")
    assert Path(fallback.file).name == "leaflet.toml" and fallback.severity == "warning"
    text = (folder / "leaflet.toml").read_text(encoding="utf-8")
    (folder / "leaflet.toml").write_text(text.replace('text = "مدیترانه: حوزه جدید انقلاب جهانی"', 'text = ""'),
                                         encoding="utf-8")
    with pytest.raises(handbill.InputError) as error:
        handbill.load_leaflet(folder)
    assert error.value.field == "slogans[4].text" and error.value.file is not None


def test_check_reuses_a_warm_session_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``handbill serve`` checks with the session that rendered its previews (shaped text kept): no second
    font catalog is opened, and the findings are those of a check on its own."""
    from handbill.pipeline import Session

    folder = tmp_path / "leaflet"
    shutil.copytree(SEED, folder)
    (folder / "statement.fa.md").write_text("# اعلامیهٔ جهانی حقوق بشر\n\nتمام افراد بشر آزاد به دنیا می‌آیند و از "
                                            "لحاظ حیثیت و حقوق با هم برابرند.\n", encoding="utf-8")
    leaflet = handbill.load_leaflet(folder)
    alone = handbill.check_leaflet(leaflet, layouts=["a4-flyer"], langs=["fa"])
    session = handbill.session_for(leaflet)

    def refused(folder: Path) -> Session:
        raise AssertionError("a second catalog was opened")

    monkeypatch.setattr(Session, "for_leaflet", classmethod(lambda cls, folder: refused(folder)))
    warm = handbill.check_leaflet(leaflet, layouts=["a4-flyer"], langs=["fa"], session=session)
    assert warm.findings == alone.findings and [j.label for j in warm.jobs] == ["a4-flyer.fa"]
