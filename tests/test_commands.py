"""The smaller commands: new, preview, layouts, fonts, and the --watch loop."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import SEED
from handbill.cli import main
from handbill.watch import snapshot, watch


def test_new_makes_a_leaflet_that_builds(tmp_path, capsys):
    folder = tmp_path / "may-day"
    assert main(["new", str(folder), "--lang", "tr"]) == 0
    assert (folder / "leaflet.toml").is_file() and (folder / "statement.tr.md").is_file()
    assert main(["check", str(folder)]) == 0  # printable as it is ...
    assert main(["check", str(folder), "--strict"]) == 1  # ... but its placeholder texts are warnings
    assert "still the template's placeholder" in capsys.readouterr().out
    assert main(["-q", "build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert (tmp_path / "out" / "may-day" / "a4-flyer.tr.pdf").is_file()
    assert (tmp_path / "out" / "may-day" / "a3-poster.tr.pdf").is_file()
    assert main(["new", str(folder)]) == 1
    assert "folder exists and is not empty" in capsys.readouterr().err


def test_preview_writes_pngs_and_a_contact_sheet(tmp_path, capsys):
    from PIL import Image

    status = main(["preview", str(SEED), "--layout", "a6-card", "--lang", "en", "--lang", "fa",
                   "--out", str(tmp_path), "--dpi", "20", "--jobs", "1"])
    assert status == 0
    pngs = sorted((tmp_path / SEED.name / "preview").glob("*.png"))
    assert [p.name for p in pngs] == ["a6-card.en-1.png", "a6-card.fa-1.png"]
    width, height = Image.open(pngs[0]).size
    assert abs(width / height - (105 + 2 * 13) / (148 + 2 * 13)) < 0.02  # A6 trim plus room for the marks
    assert main(["preview", str(SEED), "--layout", "a6-card", "--lang", "en", "--out", str(tmp_path),
                 "--dpi", "20", "--sheet", "--jobs", "1"]) == 0
    assert (tmp_path / SEED.name / "preview" / "contact-sheet.png").is_file()


def test_layouts_lists_every_shipped_layout(capsys):
    assert main(["layouts", str(SEED)]) == 0
    out = capsys.readouterr().out
    for name in ("a4-flyer", "a3-poster", "a2-poster", "a6-card", "letter-flyer", "tabloid-poster"):
        assert name in out
    assert "297 x 420 mm" in out
    flyer = out[out.index("\na4-flyer "):out.index("\na5-handbill ")]
    assert "has frames for: logo, QR code (url)" in flyer  # where a volunteer's logo and url can go


def test_fonts_names_the_font_serving_each_script(capsys):
    assert main(["fonts", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Arab:" in out and "Noto Sans Arabic" in out
    assert "Armn:" in out and "NotoSansArmenian-Regular.ttf" in out


def test_watch_rebuilds_after_a_change(tmp_path: Path):
    source = tmp_path / "statement.en.md"
    source.write_text("one", encoding="utf-8")
    calls: list[int] = []
    changed = threading.Event()

    def rebuild() -> None:
        calls.append(len(calls))
        if len(calls) == 2:
            changed.set()

    def stop() -> bool:
        if len(calls) == 1 and not changed.is_set():
            source.write_text("two, longer", encoding="utf-8")
        return changed.is_set()

    watch([tmp_path], rebuild, interval=0.01, stop=stop)
    assert calls == [0, 1]
    assert snapshot([tmp_path])  # files are seen
