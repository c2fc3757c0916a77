"""Tests for handbill.cache: entries are data checked on read, never code; a bad entry is a miss."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbill import cache
from handbill.cache import CacheError, cached_bytes, cached_json, decode_entry, encode_entry
from handbill.text.linebreak import HyphenationPatterns


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HANDBILL_CACHE", str(folder))
    monkeypatch.setattr(cache, "_checked", {})
    return folder


class Marker:
    """Unpickling this writes a marker file: the proof a planted pickle would have run code."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (Path(self.path).write_text, ("code ran",))


def test_the_folder_is_created_private(private_cache: Path):
    cached_bytes("icc", "k1", lambda: b"data")
    assert stat.S_IMODE(private_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((private_cache / "icc").stat().st_mode) == 0o700


@pytest.mark.parametrize("unnamed", [True, False])
def test_entries_are_private_files_written_whole(private_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                 unnamed: bool):
    """The cache writes with the output's atomic writer (handbill.atomic), its entries readable by their
    owner only, no temporary file left, with and without unnamed temporary files (O_TMPFILE)."""
    import handbill.atomic

    if not unnamed:
        monkeypatch.setattr(handbill.atomic, "_write_unnamed", lambda *args: None)
    cached_bytes("icc", "k1", lambda: b"data")
    cached_bytes("icc", "k1", lambda: b"data")  # the entry is read, not written again
    (entry,) = (private_cache / "icc").iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert cache.load("icc", "k1") == b"data"


def test_a_relative_cache_path_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBILL_CACHE", "relative/cache")
    monkeypatch.setattr(cache, "_checked", {})
    with pytest.raises(CacheError, match="not an absolute path"):
        cache.check_cache()
    assert cached_bytes("icc", "k", lambda: b"x") == b"x"  # the work is still done
    assert not (tmp_path / "relative").exists()


def test_a_folder_writable_by_others_is_refused(private_cache: Path):
    private_cache.mkdir(mode=0o700)
    private_cache.chmod(0o777)
    with pytest.raises(CacheError, match="writable by others") as caught:
        cache.check_cache()
    assert f"chmod 700 '{private_cache}'" in (caught.value.hint or "")
    assert cached_bytes("icc", "k", lambda: b"x") == b"x"
    assert not (private_cache / "icc").exists()  # nothing written into it


def test_another_users_folder_is_refused(private_cache: Path, monkeypatch: pytest.MonkeyPatch):
    private_cache.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(private_cache).st_uid + 1)
    with pytest.raises(CacheError, match="another user"):
        cache.check_cache()


def test_off_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HANDBILL_CACHE", "off")
    assert cache.cache_dir() is None
    calls = []
    for _ in range(2):
        cached_bytes("icc", "k", lambda: calls.append(1) or b"x")
    assert len(calls) == 2


def test_an_entry_round_trips_and_is_reused(private_cache: Path):
    calls = []
    compute = lambda: calls.append(1) or {"a": [1, 2]}  # noqa: E731
    for _ in range(3):
        assert cached_json("faces", "k", compute, encode=dict, decode=dict) == {"a": [1, 2]}
    assert len(calls) == 1


def _damage(kind: str, key: str, path: Path, how: str, marker: Path) -> None:
    """Replace a cache entry with something bad."""
    path.unlink(missing_ok=True)
    good = encode_entry(kind, key, b'{"a": 1}')
    if how == "pickle":
        path.write_bytes(pickle.dumps(Marker(str(marker))))
    elif how == "pickle-in-entry":  # a well-formed entry whose payload is a pickle
        path.write_bytes(encode_entry(kind, key, pickle.dumps(Marker(str(marker)))))
    elif how == "random":
        path.write_bytes(os.urandom(5000))
    elif how == "truncated":
        path.write_bytes(good[:-3])
    elif how == "bad-digest":
        path.write_bytes(good[:-2] + b"2}")
    elif how == "other-key":
        path.write_bytes(encode_entry(kind, key + "x", b'{"a": 1}'))
    elif how == "wrong-types":
        path.write_bytes(encode_entry(kind, key, b'{"a": "1e400"}'))
    elif how == "deep-json":
        path.write_bytes(encode_entry(kind, key, b"[" * 100_000 + b"]" * 100_000))
    elif how == "huge-int":
        path.write_bytes(encode_entry(kind, key, b'{"a": ' + b"9" * 5000 + b"}"))
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "dev-zero":
        path.symlink_to("/dev/zero")
    elif how == "symlink":
        target = path.parent / "elsewhere"
        target.write_bytes(good)
        path.symlink_to(target)
    elif how == "folder":
        path.mkdir()
    elif how == "oversized":
        with path.open("wb") as handle:
            handle.truncate(cache.MAX_ENTRY_BYTES + 10_000)  # sparse: no disk used
    else:
        raise AssertionError(how)


DAMAGE = ("pickle", "pickle-in-entry", "random", "truncated", "bad-digest", "other-key", "wrong-types", "deep-json",
          "huge-int", "fifo", "dev-zero", "symlink", "folder", "oversized")


def _strict(raw: object) -> dict:
    if not isinstance(raw, dict) or type(raw.get("a")) is not int:
        raise ValueError("bad")
    return raw


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_entry_is_a_miss_and_is_replaced(private_cache: Path, tmp_path: Path, how: str):
    marker = tmp_path / "marker"
    cached_json("faces", "key", lambda: {"a": 1}, encode=dict, decode=_strict)
    path = private_cache / "faces" / f"key.v{cache.VERSION}"
    _damage("faces", "key", path, how, marker)
    calls = []
    value = cached_json("faces", "key", lambda: calls.append(1) or {"a": 1}, encode=dict, decode=_strict)
    assert value == {"a": 1} and calls == [1]
    assert not marker.exists()
    if how != "folder":  # a folder in the way cannot be replaced by a rename: the entry stays a miss
        assert not path.is_symlink() and path.is_file()
        assert decode_entry("faces", "key", path.read_bytes()) == b'{"a":1}'


@pytest.mark.parametrize("how", ["pickle", "random", "truncated", "fifo", "dev-zero"])
def test_damaged_byte_entries_are_misses(private_cache: Path, tmp_path: Path, how: str):
    cached_bytes("icc", "key", lambda: b"deflated")
    path = private_cache / "icc" / f"key.v{cache.VERSION}"
    _damage("icc", "key", path, how, tmp_path / "marker")
    assert cached_bytes("icc", "key", lambda: b"deflated", valid=lambda b: b == b"deflated") == b"deflated"
    assert not (tmp_path / "marker").exists()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=200))
def test_no_bytes_decode_as_an_entry_unless_intact(noise: bytes, cut: int):
    entry = encode_entry("faces", "k", b"payload")
    damaged = entry[:cut] + noise + entry[cut + len(noise):]
    assert decode_entry("faces", "k", damaged) in (None, b"payload")
    if damaged != entry:
        assert decode_entry("faces", "k", damaged) is None or damaged[-7:] == b"payload"


def test_hyphenation_patterns_hyphenate_as_pyphen_does():
    for lang, words in {"en_US": ["international", "solidarity", "demonstration", "hyphenation"],
                        "de_DE": ["Friedensbewegung", "Arbeiterinnen", "Solidarität"],
                        "ru_RU": ["солидарность", "демонстрация"]}.items():
        ours = HyphenationPatterns.parse(lang)
        again = HyphenationPatterns.from_json(ours.to_json())
        theirs = pyphen.Pyphen(lang=lang, left=2, right=3)
        for word in words:
            assert ours.positions(word) == again.positions(word) == list(theirs.positions(word)), word


_JSON = st.recursive(st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
                     | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                     max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_face_entries_with_any_json_in_any_field_are_misses_or_well_typed(data):
    """Replace one field of a real font's cached metadata by arbitrary JSON: decoding either refuses the
    entry (a miss) or gives values of the right types, never anything that would break a build later."""
    from handbill.fonts import face as face_module
    from handbill.fonts.catalog import load_catalog
    from handbill.project import find_catalog

    catalog = load_catalog(find_catalog(Path(__file__).parent))
    font = catalog.face(next(iter(catalog.families.values())).name, "regular")
    raw = face_module._metadata_json({k: getattr(font, k) for k in (
        "family", "style", "postscript_name", "units_per_em", "ascender", "descender", "cap_height",
        "italic_angle", "bold", "coverage", "glyph_ids", "advances", "bbox", "digest", "axes")})
    key = data.draw(st.sampled_from(sorted(raw)))
    raw[key] = data.draw(_JSON)
    try:
        decoded = face_module._metadata_from_json(raw, font.digest)
    except Exception:
        return
    assert isinstance(decoded["advances"], tuple) and all(type(v) is int for v in decoded["advances"])
    assert all(0 <= gid < len(decoded["advances"]) for gid in decoded["glyph_ids"].values())
    assert type(decoded["units_per_em"]) is int and isinstance(decoded["family"], str)
    assert len(decoded["bbox"]) == 4 and decoded["digest"] == font.digest
