"""Tests for handbill.text.bidi: UAX #9 conformance files, hand-written cases and properties."""

from __future__ import annotations

import itertools
import lzma
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbill.text import bidi as bidi_module
from handbill.text.bidi import BidiParagraph, bidi_class, has_rtl, resolve_paragraph
from handbill.text.reorder import line_levels, visual_order

# Unicode's conformance files, shipped compressed with the tests (see fixtures/unicode/README.md).
UNICODE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "unicode"
CHARACTER_TEST = UNICODE_DIR / "BidiCharacterTest.txt.xz"
CLASS_TEST = UNICODE_DIR / "BidiTest.txt.xz"

# One representative character per Bidi_Class, for BidiTest.txt (none of them is a paired bracket).
REPRESENTATIVE = {
    "L": "a",
    "R": "\u05d0",
    "AL": "\u0627",
    "EN": "1",
    "ES": "+",
    "ET": "$",
    "AN": "\u0660",
    "CS": ",",
    "NSM": "\u0300",
    "BN": "\u00ad",
    "B": "\u2029",
    "S": "\t",
    "WS": " ",
    "ON": "!",
    "LRE": "\u202a",
    "LRO": "\u202d",
    "RLE": "\u202b",
    "RLO": "\u202e",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}


def _whole_line(para: BidiParagraph) -> tuple[list[str], list[int]]:
    """Levels (after L1, 'x' for X9-removed characters) and visual order of the paragraph as one line."""
    n = len(para.text)
    levels = line_levels(para, 0, n)
    shown = ["x" if para.is_removed(i) else str(levels[i]) for i in range(n)]
    return shown, visual_order(para, 0, n)


# ---------------------------------------------------------------------------------------------------------
# Conformance files
# ---------------------------------------------------------------------------------------------------------


def test_bidi_character_test_conformance() -> None:
    passed = 0
    failures: list[str] = []
    with lzma.open(CHARACTER_TEST, "rt", encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            code_points, direction, para_level, levels_field, order_field = line.split(";")
            text = "".join(chr(int(cp, 16)) for cp in code_points.split())
            base_level = None if direction == "2" else int(direction)
            expected_levels = levels_field.split()
            expected_order = [int(i) for i in order_field.split()]
            try:
                para = resolve_paragraph(text, base_level)
                levels, order = _whole_line(para)
            except Exception as exc:  # report, don't stop at the first crash
                failures.append(f"line {line_number}: {line}\n    raised {exc!r}")
                continue
            if (
                para.base_level == int(para_level)
                and len(para.levels) == len(text)
                and levels == expected_levels
                and order == expected_order
            ):
                passed += 1
            else:
                failures.append(
                    f"line {line_number}: {line}\n    got paragraph level {para.base_level}, "
                    f"levels {' '.join(levels)}, order {' '.join(map(str, order))}"
                )
    assert not failures, f"{len(failures)} failures ({passed} passed); first 20:\n" + "\n".join(failures[:20])
    assert passed == 91_707


def test_bidi_class_test_conformance() -> None:
    for cls, ch in REPRESENTATIVE.items():
        assert bidi_class(ch) == cls
    passed = 0
    failures: list[str] = []
    expected_levels: list[str] = []
    expected_order: list[int] = []
    with lzma.open(CLASS_TEST, "rt", encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@Levels:"):
                expected_levels = line.partition(":")[2].split()
                continue
            if line.startswith("@Reorder:"):
                expected_order = [int(i) for i in line.partition(":")[2].split()]
                continue
            if line.startswith("@"):
                continue
            classes, bitset = line.split(";")
            text = "".join(REPRESENTATIVE[cls] for cls in classes.split())
            for bit, base_level in ((1, None), (2, 0), (4, 1)):
                if not int(bitset, 16) & bit:
                    continue
                para = resolve_paragraph(text, base_level)
                levels, order = _whole_line(para)
                if levels == expected_levels and order == expected_order:
                    passed += 1
                else:
                    failures.append(
                        f"line {line_number}: {line} (base {base_level})\n    got levels {' '.join(levels)}, "
                        f"order {' '.join(map(str, order))}; expected {' '.join(expected_levels)}, "
                        f"{' '.join(map(str, expected_order))}"
                    )
    assert not failures, f"{len(failures)} failures ({passed} passed); first 20:\n" + "\n".join(failures[:20])
    assert passed == 770_241


# ---------------------------------------------------------------------------------------------------------
# Hand-written cases
# ---------------------------------------------------------------------------------------------------------


def test_arabic_with_digits() -> None:
    text = "9 أيار 1945"
    para = resolve_paragraph(text)
    assert para.base_level == 1  # P2: the first strong character is Arabic
    # W2 keeps the leading 9 as EN (sos is R), turns 1945 (after AL) into AN; both end up at level 2.
    assert para.levels == (2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2)
    order = visual_order(para, 0, len(text))
    assert order == [7, 8, 9, 10, 6, 5, 4, 3, 2, 1, 0]
    assert "".join(text[i] for i in order) == "1945 رايأ 9"


def test_latin_acronym_inside_arabic() -> None:
    text = "حلف NATO العسكري"
    para = resolve_paragraph(text)
    assert para.base_level == 1
    nato = text.index("NATO")
    assert para.levels[nato : nato + 4] == (2, 2, 2, 2)
    assert all(level == 1 for i, level in enumerate(para.levels) if not nato <= i < nato + 4)
    display = "".join(text[i] for i in visual_order(para, 0, len(text)))
    assert display == "يركسعلا NATO فلح"


def test_parentheses_in_rtl() -> None:
    # N0 c: Latin inside brackets in an RTL paragraph; the context before the bracket is R, so the brackets
    # take the embedding direction (R) and stay outside the Latin run.
    text = "א (abc) ב"
    para = resolve_paragraph(text)
    assert para.base_level == 1
    assert para.levels == (1, 1, 1, 2, 2, 2, 1, 1, 1)
    assert visual_order(para, 0, len(text)) == [8, 7, 6, 3, 4, 5, 2, 1, 0]
    # N0 b: Hebrew inside brackets in an LTR paragraph keeps the brackets LTR.
    text = "a (אב) b"
    para = resolve_paragraph(text)
    assert para.base_level == 0
    assert para.levels == (0, 0, 0, 1, 1, 0, 0, 0)
    assert visual_order(para, 0, len(text)) == [0, 1, 2, 4, 3, 5, 6, 7]
    # Canonically equivalent brackets pair up (U+2329 with U+3009): the closing one follows the opening one
    # to R (unpaired, it would sit between R and L and take the embedding direction, L).
    text = "\u05d0\u2329\u05d1\u3009a"
    para = resolve_paragraph(text, 0)
    assert para.levels == (1, 1, 1, 1, 0)
    assert resolve_paragraph("\u05d0\u2329\u05d1\u300ba", 0).levels == (1, 1, 1, 0, 0)


def test_empty_string() -> None:
    para = resolve_paragraph("")
    assert para == BidiParagraph("", 0, ())
    assert resolve_paragraph("", 1).base_level == 1
    assert visual_order(para, 0, 0) == []
    assert line_levels(para, 0, 0) == []
    assert not has_rtl("")


def test_pure_ltr_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("full algorithm run on LTR-only text")

    monkeypatch.setattr(bidi_module, "_resolve_levels", boom)
    for text in ("Hello, world (1945)!", "Ελληνικά и кириллица 42", "x\u00a0y\u2014z \u4e2d\u6587 \u200d"):
        para = resolve_paragraph(text)
        assert para.base_level == 0
        assert para.levels == (0,) * len(text)
        assert visual_order(para, 0, len(text)) == [i for i in range(len(text)) if not para.is_removed(i)]
        assert not has_rtl(text)


def test_rtl_base_level_on_latin_text() -> None:
    text = "abc def"
    para = resolve_paragraph(text, 1)
    assert para.levels == (2,) * 7
    assert visual_order(para, 0, 7) == list(range(7))
    # A line break after "abc ": the trailing space goes back to the paragraph level (L1).
    assert line_levels(para, 0, 4) == [2, 2, 2, 1]
    assert visual_order(para, 0, 4) == [3, 0, 1, 2]


def test_explicit_controls_are_removed() -> None:
    text = "a\u202bb\u202cc"  # RLE ... PDF
    para = resolve_paragraph(text)
    assert [para.is_removed(i) for i in range(len(text))] == [False, True, False, True, False]
    assert para.levels == (0, 0, 2, 2, 0)  # removed characters copy the preceding level
    assert visual_order(para, 0, len(text)) == [0, 2, 4]
    assert has_rtl(text)


def test_isolates() -> None:
    text = "\u05d0 \u2066abc\u2069 \u05d1"  # LRI ... PDI inside RTL
    para = resolve_paragraph(text)
    assert para.base_level == 1
    assert para.levels == (1, 1, 1, 2, 2, 2, 1, 1, 1)
    assert visual_order(para, 0, len(text)) == [8, 7, 6, 3, 4, 5, 2, 1, 0]
    # P2 skips isolates when looking for the paragraph direction.
    assert resolve_paragraph("\u2067\u05d0\u2069abc").base_level == 0
    assert resolve_paragraph("\u2068\u05d0\u2069abc").levels[1] == 1  # FSI resolved as RLI


def test_bidi_class_unicode_15_data() -> None:
    assert bidi_class("a") == "L"
    assert bidi_class("\u0627") == "AL"
    assert bidi_class("\u05ff") == "R"  # unassigned, Hebrew block default
    assert bidi_class("\u07bf") == "AL"  # unassigned, Thaana block default
    assert bidi_class("\u20cf") == "ET"  # unassigned, Currency Symbols default
    assert bidi_class("\U00010fff") == "R"
    assert bidi_class("\U0001eeff") == "AL"
    assert bidi_class("\ufdd0") == "BN"  # noncharacter
    assert bidi_class("\U0001e4ec") == "NSM"  # new in Unicode 15.0 (Nag Mundari)
    assert bidi_class("\U00010efd") == "NSM"  # new in Unicode 15.0 (Arabic Extended-C)
    assert bidi_class("\U0001f6dc") == "ON"  # new in Unicode 15.0 (wireless symbol)


def test_has_rtl() -> None:
    assert has_rtl("abc \u05d0")
    assert has_rtl("\u0660")  # AN
    assert has_rtl("abc\u202edef")  # RLO
    assert has_rtl("\u2067x\u2069")  # RLI
    assert not has_rtl("abc \u202adef\u202c")  # LRE only
    assert not has_rtl("plain text 123")


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        resolve_paragraph("abc", 2)
    with pytest.raises(IndexError):
        line_levels(resolve_paragraph("abc"), 0, 4)


# ---------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------

_ALPHABET = (
    "ab \u05d0\u05d1\u0627\u0628\u06441\u0662\u06f2+-$%,.:!\t\u0300\u0651\u00ad\u200d()[]{}\u2329\u3009"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2029"
)
_texts = st.text(st.one_of(st.sampled_from(_ALPHABET), st.characters()), max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=_texts, base_level=st.sampled_from([None, 0, 1]), data=st.data())
def test_visual_order_is_a_permutation(text: str, base_level: int | None, data: st.DataObject) -> None:
    para = resolve_paragraph(text, base_level)
    assert len(para.levels) == len(text)
    assert para.base_level in (0, 1)
    assert all(0 <= level <= bidi_module.MAX_DEPTH + 1 for level in para.levels)
    breaks = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    bounds = [0, *breaks, len(text)]
    for start, end in itertools.pairwise(bounds):
        order = visual_order(para, start, end)
        assert sorted(order) == [i for i in range(start, end) if not para.is_removed(i)]
        assert len(line_levels(para, start, end)) == end - start


# Letters, digits, separators, terminators, marks and a tab, but nothing Bidi_Mirrored: python-bidi
# mirrors brackets, which we leave to the shaper.
_CROSS_ALPHABET = "ab \u05d0\u05d1\u0627\u0628 12\u0661\u06f1+-$%,.:!\"'\u0300\t"
_cross_texts = st.text(st.sampled_from(_CROSS_ALPHABET), max_size=12)


@settings(max_examples=400, deadline=None)
@given(
    text=st.tuples(_cross_texts, st.sampled_from("\u05d0\u0627"), _cross_texts).map("".join),
    base=st.sampled_from([None, "L", "R"]),
)
def test_matches_python_bidi(text: str, base: str | None) -> None:
    get_display = pytest.importorskip("bidi").get_display
    # python-bidi returns text without any R/AL letter unchanged whatever the paragraph direction (wrong for
    # segment separators in RTL paragraphs), so every generated string has a strong RTL letter.
    assert not any(unicodedata.mirrored(ch) for ch in _CROSS_ALPHABET)
    para = resolve_paragraph(text, None if base is None else "LR".index(base))
    ours = "".join(text[i] for i in visual_order(para, 0, len(text)))
    theirs = get_display(text) if base is None else get_display(text, base_dir=base)
    assert ours == theirs
