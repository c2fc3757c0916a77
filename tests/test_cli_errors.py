"""The command line meets bad input with one clear message, a non-zero exit, no traceback and no PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill.cli import main
from handbill.tomlpos import describe


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_no_pdf(out: Path) -> None:
    assert not list(out.rglob("*.pdf")), "a PDF was written"
    assert not list(out.rglob("*.tmp")), "a temporary file was left"


def test_malformed_toml_names_file_and_line(tmp_path, capsys):
    leaflet = write_leaflet(tmp_path / "bad", 'title = "Unclosed\ndate = 2024-05-01\n', {"en": "# Hi\n\nText.\n"})
    status, _, err = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"{leaflet / 'leaflet.toml'}:1:" in err
    assert "invalid TOML" in err
    assert "Traceback" not in err
    assert err.count("error:") == 1
    assert_no_pdf(tmp_path / "out")


@pytest.mark.parametrize(("replace", "field", "words"), [
    ('lang = "en"', "lang", "missing required key"),
    ('date = 2024-05-01', "date", "expected date"),
    ('layouts = ["a4-flyer"]', "layouts", "missing required key"),
    ('text = "Bread and roses"', "slogans[1].text", "missing required key"),
])
def test_wrong_or_missing_field_names_it(tmp_path, capsys, replace, field, words):
    toml = MINIMAL_TOML.replace(replace, 'date = "yesterday"' if field == "date" else "")
    leaflet = write_leaflet(tmp_path / "bad", toml, {"en": "# Hi\n\nText.\n"})
    status, _, err = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"{describe(field)}: " in err and words in err, err
    assert "Traceback" not in err
    assert_no_pdf(tmp_path / "out")


def test_unknown_key_suggests_the_right_one(tmp_path, capsys):
    leaflet = write_leaflet(tmp_path / "bad", 'organisaton = "x"\n' + MINIMAL_TOML, {"en": "# Hi\n\nText.\n"})
    status, _, err = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "organisaton: unknown key" in err and "did you mean 'organisation'" in err


def test_character_no_font_has_names_it(tmp_path, capsys):
    toml = MINIMAL_TOML.replace("Bread and roses", "Bread \U00010FB0 roses")
    leaflet = write_leaflet(tmp_path / "tofu", toml, {"en": "# Hi\n\nText.\n"})
    status, out, _ = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "U+10FB0 CHORASMIAN LETTER ALEPH" in out
    assert "'en' slogans" in out
    assert "hint:" in out
    assert_no_pdf(tmp_path / "out")


def test_text_that_cannot_fit_is_reported_with_how_much(tmp_path, capsys):
    paragraph = "Workers of the world, unite against the war that threatens everyone. " * 12
    statement = "# Headline\n\n" + "\n\n".join([paragraph] * 60)
    leaflet = write_leaflet(tmp_path / "long", MINIMAL_TOML, {"en": statement})
    status, out, _ = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "statement.en.md: the statement does not fit layout a4-flyer: it is about" in out
    assert "% too long" in out
    assert " mm of text left over" in out
    assert "a4-flyer.toml" in out  # as context
    assert_no_pdf(tmp_path / "out")


def test_explicit_version_without_content_says_which_file_to_add(tmp_path, capsys):
    leaflet = write_leaflet(tmp_path / "one", MINIMAL_TOML, {"en": "# Hi\n\nText.\n"})
    status, _, err = run_cli(capsys, "build", str(leaflet), "--lang", "tr", "--layout", "a4-flyer",
                             "--out", str(tmp_path / "out"))
    assert status == 1
    assert "statement.tr.md" in err
    assert_no_pdf(tmp_path / "out")


def test_missing_leaflet_folder(tmp_path, capsys):
    status, _, err = run_cli(capsys, "build", str(tmp_path / "nowhere"))
    assert status == 1
    assert "leaflet folder not found" in err


def test_unknown_layout_lists_known_ones(tmp_path, capsys):
    leaflet = write_leaflet(tmp_path / "one", MINIMAL_TOML.replace('"a4-flyer"', '"leporello"'),
                            {"en": "# Hi\n\nText.\n"})
    status, _, err = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "unknown layout 'leporello'" in err and "a4-flyer" in err and "layouts:" in err


def test_a_non_utf8_terminal_and_a_closed_stderr_are_no_internal_error(tmp_path):
    """Output the stream cannot encode is escaped; a closed stderr (2>&-) swallows messages, nothing fails."""
    import os
    import subprocess
    import sys

    from conftest import MINIMAL_TOML, write_leaflet

    leaflet = write_leaflet(tmp_path / "mäy-day", MINIMAL_TOML, {"en": "# Hi\n\nText.\n"})
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    command = [sys.executable, "-m", "handbill.cli", "build", str(leaflet), "--out", str(tmp_path / "out"),
               "--jobs", "1"]
    result = subprocess.run(command, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"m\\xe4y-day" in result.stdout + result.stderr and b"internal error" not in result.stderr
    missing = subprocess.run([*command[:4], str(tmp_path / "nowhere")], env=env, capture_output=True)
    assert missing.returncode == 1 and b"internal error" not in missing.stderr
    closed = subprocess.run(command, stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert closed.returncode == 0 and b"written" in closed.stdout
    closed = subprocess.run([*command[:4], str(tmp_path / "nowhere")], stdout=subprocess.PIPE,
                            preexec_fn=lambda: os.close(2))
    assert closed.returncode == 1
