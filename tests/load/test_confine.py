"""Confinement: statements, layouts, leaflet.toml and ICC profiles stay inside the leaflet and layout
folders, are regular files and bounded; anything else is one message, exit 1, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, ROOT, write_leaflet
from handbill.cli import main
from handbill.errors import InputError
from handbill.load.icc import icc_problem
from handbill.load.paths import confine

DEFAULT_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
STATEMENTS = {"en": "# Hi\n\nText.\n"}


def build(capsys, leaflet: Path, out: Path) -> tuple[int, str]:
    status = main(["build", str(leaflet), "--out", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "secret.md"
    path.parent.mkdir()
    path.write_text("# TOP SECRET\n\nSECRET-TEXT\n", encoding="utf-8")
    return path


def test_confine_accepts_a_link_that_stays_inside(tmp_path: Path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.md").symlink_to("a.md")
    assert confine(tmp_path / "b.md", [tmp_path], what="statement") == (tmp_path / "a.md").resolve()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p, s: p.symlink_to(s), "is a link to"),
    (lambda p, s: p.symlink_to(p.parent / "nothing"), "broken link"),
    (lambda p, s: os.mkfifo(p), "not a regular file"),
    (lambda p, s: p.symlink_to("/dev/zero"), "outside"),
    (lambda p, s: p.mkdir(), "a folder"),
])
def test_confine_refuses(tmp_path: Path, secret: Path, make, message: str):
    folder = tmp_path / "lf"
    folder.mkdir()
    make(folder / "x.md", secret)
    with pytest.raises(InputError, match=message):
        confine(folder / "x.md", [folder], what="statement")


def test_confine_caps_the_size(tmp_path: Path):
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="101 bytes; at most 100"):
        confine(tmp_path / "big", [tmp_path], what="statement", limit=100)


def test_a_statement_linked_to_a_file_outside_is_refused(tmp_path: Path, secret: Path, capsys):
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENTS)
    (leaflet / "statement.fr.md").symlink_to(secret)
    status, output = build(capsys, leaflet, tmp_path / "out")
    assert status == 1 and "statement.fr.md" in output and "outside the leaflet folder" in output
    assert "Traceback" not in output and not list((tmp_path / "out").rglob("*.pdf"))


def test_leaflet_toml_linked_outside_is_refused(tmp_path: Path, capsys):
    elsewhere = tmp_path / "other.toml"
    elsewhere.write_text(MINIMAL_TOML, encoding="utf-8")
    leaflet = tmp_path / "lf"
    leaflet.mkdir()
    (leaflet / "leaflet.toml").symlink_to(elsewhere)
    status, output = build(capsys, leaflet, tmp_path / "out")
    assert status == 1 and "outside the leaflet folder" in output


@pytest.mark.parametrize("name", ["/etc/passwd", "../../etc/passwd", "~/x", "..", "a\\b"])
def test_a_layout_named_by_a_path_outside_is_refused(tmp_path: Path, capsys, name: str):
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML.replace('["a4-flyer"]', f'["{name}"]'.replace("\\", "\\\\")),
                            STATEMENTS)
    status, output = build(capsys, leaflet, tmp_path / "out")
    assert status == 1 and "is not a layout name" in output and "layouts" in output


def test_a_layout_linked_to_a_file_outside_is_refused(tmp_path: Path, capsys):
    outside = tmp_path / "outside.toml"
    outside.write_text((ROOT / "layouts" / "a4-flyer.toml").read_text(encoding="utf-8"), encoding="utf-8")
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML.replace('["a4-flyer"]', '["linked"]'), STATEMENTS)
    (leaflet / "layouts").mkdir()
    (leaflet / "layouts" / "linked.toml").symlink_to(outside)
    status, output = build(capsys, leaflet, tmp_path / "out")
    assert status == 1 and "linked.toml" in output and "outside the layout folders" in output


def icc_layout(leaflet: Path, profile: str) -> None:
    base = (ROOT / "layouts" / "a4-flyer.toml").read_text(encoding="utf-8")
    (leaflet / "layouts").mkdir(exist_ok=True)
    (leaflet / "layouts" / "shop.toml").write_text(f'extends = "a4-flyer"\n[output]\nicc_profile = "{profile}"\n'
                                                   if "extends" not in base else base, encoding="utf-8")


@pytest.mark.skipif(not DEFAULT_ICC.is_file(), reason="needs Ghostscript's default_cmyk.icc (libgs-common)")
@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(DEFAULT_ICC.read_bytes()[:90_000]), "truncated"),
    (lambda p: p.write_bytes(b"not a profile" * 20), "not an ICC profile"),
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.symlink_to(DEFAULT_ICC), "outside the layout folders"),
])
def test_a_bad_icc_profile_is_refused(tmp_path: Path, capsys, make, message: str):
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML.replace('["a4-flyer"]', '["shop"]'), STATEMENTS)
    icc_layout(leaflet, "shop.icc")
    make(leaflet / "layouts" / "shop.icc")
    status, output = build(capsys, leaflet, tmp_path / "out")
    assert status == 1 and "output.icc_profile" in output and message in output, output


@pytest.mark.skipif(not DEFAULT_ICC.is_file(), reason="needs Ghostscript's default_cmyk.icc (libgs-common)")
def test_a_whole_icc_profile_passes():
    assert icc_problem(DEFAULT_ICC.read_bytes()) is None
