"""Reading user files: regular files only, capped, UTF-8; every refusal is one InputError naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbill.errors import InputError
from handbill.load.files import read_text


def test_reads_utf8_and_drops_a_byte_order_mark(tmp_path: Path) -> None:
    """Windows Notepad writes a BOM; it must not hide the '# ' of the headline."""
    path = tmp_path / "statement.en.md"
    path.write_bytes("\ufeff# Headline\n".encode())
    assert read_text(path, limit=100) == "# Headline\n"


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: None, "file not found"),
    (lambda p: p.symlink_to(p.parent / "gone.md"), "broken link"),
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: os.mkfifo(p), "is not a regular file"),  # reading a pipe would block forever
    (lambda p: p.write_bytes("caf\xe9".encode("latin-1")), "not UTF-8 text (byte 3)"),
    (lambda p: p.write_bytes(b"x" * 101), "file is 101 bytes; at most 100 are supported"),
])
def test_refusals_name_the_file(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "statement.en.md"
    make(path)
    with pytest.raises(InputError) as caught:
        read_text(path, limit=100, hint="keep it short")
    assert caught.value.file == path
    assert message in caught.value.message
    assert caught.value.line == (1 if "UTF-8" in message else None)


def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    """/dev/zero reports size 0 and never ends: a link to it must not be read into memory."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    path = tmp_path / "statement.en.md"
    path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_text(path, limit=1000)


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path: Path, monkeypatch) -> None:
    """The cap is enforced on the bytes read, not only on the size reported before reading."""
    path = tmp_path / "leaflet.toml"
    path.write_bytes(b"x" * 50)
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs):
        result = real_stat(self, **kwargs)
        return os.stat_result((result.st_mode, *result[1:6], 10, *result[7:]))

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(InputError, match="larger than 20 bytes"):
        read_text(path, limit=20)


@pytest.mark.parametrize(("name", "words"), [("logo.pdf", "a PDF logo of at most 5,000,000"),
                                             ("logo.svg", "an SVG logo of at most 5,000,000")])
def test_a_logo_over_its_size_cap_or_unreadable_is_one_message_at_its_key(tmp_path: Path, name: str,
                                                                          words: str) -> None:
    """Both vector logo readers check the file with load/files.checked_size before parsing it."""
    from handbill.load.vector import vector_size

    source = tmp_path / "leaflet.toml"
    with pytest.raises(InputError, match="cannot read") as missing:
        vector_size(tmp_path / name, "logo", source=source)
    assert missing.value.field == "logo" and missing.value.file == source
    with open(tmp_path / name, "wb") as handle:
        handle.truncate(5_000_001)  # sparse: no five megabytes written
    with pytest.raises(InputError, match=words) as large:
        vector_size(tmp_path / name, "logo", source=source)
    assert large.value.field == "logo" and large.value.hint
