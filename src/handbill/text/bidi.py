"""Unicode Bidirectional Algorithm (UAX #9, Unicode 15.0): resolved embedding levels and visual order.

A pure-Python implementation of the whole algorithm up to rule L2: paragraph level (P2-P3), explicit
embeddings, overrides and isolates (X1-X10, BD13 isolating run sequences), weak types (W1-W7), bracket
pairs (BD16, N0), neutrals (N1-N2), implicit levels (I1-I2) and the line rules L1-L2.  Glyph mirroring
(L4) and combining-mark reordering (L3) are left to the shaper.

Usage::

    >>> from handbill.text.bidi import resolve_paragraph, visual_order
    >>> para = resolve_paragraph("abc \u05d0\u05d1\u05d2")
    >>> para.base_level, para.levels
    (0, (0, 0, 0, 0, 1, 1, 1))
    >>> visual_order(para, 0, len(para.text))
    [0, 1, 2, 3, 6, 5, 4]

Characters removed by rule X9 (embedding/override controls and BN) keep a level (that of the preceding
character) so that callers can index ``levels`` blindly, but they never appear in ``visual_order``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from unicodedata import bidirectional as _bidirectional

from handbill.text.reorder import visual_runs

__all__ = ["BidiParagraph", "bidi_class", "has_rtl", "line_levels", "resolve_paragraph", "visual_order"]

# BD2: maximum explicit embedding depth.
MAX_DEPTH = 125
# BD16: size of the bracket-pair stack.
_MAX_BRACKET_STACK = 63

# ---------------------------------------------------------------------------------------------------------
# Character data
# ---------------------------------------------------------------------------------------------------------

# Python 3.11's unicodedata is Unicode 14.0; these code points are unassigned there (bidirectional() returns
# "") but have an explicit Bidi_Class in DerivedBidiClass-15.0.0.txt: characters new in 15.0, plus the BN
# default for noncharacters and unassigned Default_Ignorable_Code_Points.  Sorted, non-overlapping, inclusive.
_UCD15_OVERRIDES: tuple[tuple[int, int, str], ...] = (
    (0x0ECE, 0x0ECE, "NSM"),
    (0x2065, 0x2065, "BN"),
    (0xFDD0, 0xFDEF, "BN"),
    (0xFFF0, 0xFFF8, "BN"),
    (0xFFFE, 0xFFFF, "BN"),
    (0x10EFD, 0x10EFF, "NSM"),
    (0x11241, 0x11241, "NSM"),
    (0x11F00, 0x11F01, "NSM"),
    (0x11F36, 0x11F3A, "NSM"),
    (0x11F40, 0x11F40, "NSM"),
    (0x11F42, 0x11F42, "NSM"),
    (0x13440, 0x13440, "NSM"),
    (0x13447, 0x13455, "NSM"),
    (0x1E08F, 0x1E08F, "NSM"),
    (0x1E4EC, 0x1E4EF, "NSM"),
    (0x1F6DC, 0x1F6DC, "ON"),
    (0x1F774, 0x1F776, "ON"),
    (0x1F77B, 0x1F77F, "ON"),
    (0x1F7D9, 0x1F7D9, "ON"),
    (0x1FA75, 0x1FA77, "ON"),
    (0x1FA87, 0x1FA88, "ON"),
    (0x1FAAD, 0x1FAAF, "ON"),
    (0x1FABB, 0x1FABD, "ON"),
    (0x1FABF, 0x1FABF, "ON"),
    (0x1FACE, 0x1FACF, "ON"),
    (0x1FADA, 0x1FADB, "ON"),
    (0x1FAE8, 0x1FAE8, "ON"),
    (0x1FAF7, 0x1FAF8, "ON"),
    (0x1FFFE, 0x1FFFF, "BN"),
    (0x2FFFE, 0x2FFFF, "BN"),
    (0x3FFFE, 0x3FFFF, "BN"),
    (0x4FFFE, 0x4FFFF, "BN"),
    (0x5FFFE, 0x5FFFF, "BN"),
    (0x6FFFE, 0x6FFFF, "BN"),
    (0x7FFFE, 0x7FFFF, "BN"),
    (0x8FFFE, 0x8FFFF, "BN"),
    (0x9FFFE, 0x9FFFF, "BN"),
    (0xAFFFE, 0xAFFFF, "BN"),
    (0xBFFFE, 0xBFFFF, "BN"),
    (0xCFFFE, 0xCFFFF, "BN"),
    (0xDFFFE, 0xE0000, "BN"),
    (0xE0002, 0xE001F, "BN"),
    (0xE0080, 0xE00FF, "BN"),
    (0xE01F0, 0xE0FFF, "BN"),
    (0xEFFFE, 0xEFFFF, "BN"),
    (0xFFFFE, 0xFFFFF, "BN"),
    (0x10FFFE, 0x10FFFF, "BN"),
)

# DerivedBidiClass.txt "@missing" defaults for unassigned code points in right-to-left blocks and the
# Currency Symbols block (everything else defaults to L).  Sorted, non-overlapping, inclusive.
_UNASSIGNED_DEFAULTS: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "R"),
    (0x0600, 0x07BF, "AL"),
    (0x07C0, 0x085F, "R"),
    (0x0860, 0x08FF, "AL"),
    (0x20A0, 0x20CF, "ET"),
    (0xFB1D, 0xFB4F, "R"),
    (0xFB50, 0xFDCF, "AL"),
    (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"),
    (0x10800, 0x10CFF, "R"),
    (0x10D00, 0x10D3F, "AL"),
    (0x10D40, 0x10EBF, "R"),
    (0x10EC0, 0x10EFF, "AL"),
    (0x10F00, 0x10F2F, "R"),
    (0x10F30, 0x10F6F, "AL"),
    (0x10F70, 0x10FFF, "R"),
    (0x1E800, 0x1EC6F, "R"),
    (0x1EC70, 0x1ECBF, "AL"),
    (0x1ECC0, 0x1ECFF, "R"),
    (0x1ED00, 0x1ED4F, "AL"),
    (0x1ED50, 0x1EDFF, "R"),
    (0x1EE00, 0x1EEFF, "AL"),
    (0x1EF00, 0x1EFFF, "R"),
)

_OVERRIDE_STARTS = tuple(r[0] for r in _UCD15_OVERRIDES)
_DEFAULT_STARTS = tuple(r[0] for r in _UNASSIGNED_DEFAULTS)

# BidiBrackets-15.0.0.txt: code point -> (Bidi_Paired_Bracket, Bidi_Paired_Bracket_Type 'o'/'c').
# fmt: off
_BRACKETS: dict[int, tuple[int, str]] = {
    0x0028: (0x0029, "o"), 0x0029: (0x0028, "c"), 0x005B: (0x005D, "o"), 0x005D: (0x005B, "c"),
    0x007B: (0x007D, "o"), 0x007D: (0x007B, "c"), 0x0F3A: (0x0F3B, "o"), 0x0F3B: (0x0F3A, "c"),
    0x0F3C: (0x0F3D, "o"), 0x0F3D: (0x0F3C, "c"), 0x169B: (0x169C, "o"), 0x169C: (0x169B, "c"),
    0x2045: (0x2046, "o"), 0x2046: (0x2045, "c"), 0x207D: (0x207E, "o"), 0x207E: (0x207D, "c"),
    0x208D: (0x208E, "o"), 0x208E: (0x208D, "c"), 0x2308: (0x2309, "o"), 0x2309: (0x2308, "c"),
    0x230A: (0x230B, "o"), 0x230B: (0x230A, "c"), 0x2329: (0x232A, "o"), 0x232A: (0x2329, "c"),
    0x2768: (0x2769, "o"), 0x2769: (0x2768, "c"), 0x276A: (0x276B, "o"), 0x276B: (0x276A, "c"),
    0x276C: (0x276D, "o"), 0x276D: (0x276C, "c"), 0x276E: (0x276F, "o"), 0x276F: (0x276E, "c"),
    0x2770: (0x2771, "o"), 0x2771: (0x2770, "c"), 0x2772: (0x2773, "o"), 0x2773: (0x2772, "c"),
    0x2774: (0x2775, "o"), 0x2775: (0x2774, "c"), 0x27C5: (0x27C6, "o"), 0x27C6: (0x27C5, "c"),
    0x27E6: (0x27E7, "o"), 0x27E7: (0x27E6, "c"), 0x27E8: (0x27E9, "o"), 0x27E9: (0x27E8, "c"),
    0x27EA: (0x27EB, "o"), 0x27EB: (0x27EA, "c"), 0x27EC: (0x27ED, "o"), 0x27ED: (0x27EC, "c"),
    0x27EE: (0x27EF, "o"), 0x27EF: (0x27EE, "c"), 0x2983: (0x2984, "o"), 0x2984: (0x2983, "c"),
    0x2985: (0x2986, "o"), 0x2986: (0x2985, "c"), 0x2987: (0x2988, "o"), 0x2988: (0x2987, "c"),
    0x2989: (0x298A, "o"), 0x298A: (0x2989, "c"), 0x298B: (0x298C, "o"), 0x298C: (0x298B, "c"),
    0x298D: (0x2990, "o"), 0x298E: (0x298F, "c"), 0x298F: (0x298E, "o"), 0x2990: (0x298D, "c"),
    0x2991: (0x2992, "o"), 0x2992: (0x2991, "c"), 0x2993: (0x2994, "o"), 0x2994: (0x2993, "c"),
    0x2995: (0x2996, "o"), 0x2996: (0x2995, "c"), 0x2997: (0x2998, "o"), 0x2998: (0x2997, "c"),
    0x29D8: (0x29D9, "o"), 0x29D9: (0x29D8, "c"), 0x29DA: (0x29DB, "o"), 0x29DB: (0x29DA, "c"),
    0x29FC: (0x29FD, "o"), 0x29FD: (0x29FC, "c"), 0x2E22: (0x2E23, "o"), 0x2E23: (0x2E22, "c"),
    0x2E24: (0x2E25, "o"), 0x2E25: (0x2E24, "c"), 0x2E26: (0x2E27, "o"), 0x2E27: (0x2E26, "c"),
    0x2E28: (0x2E29, "o"), 0x2E29: (0x2E28, "c"), 0x2E55: (0x2E56, "o"), 0x2E56: (0x2E55, "c"),
    0x2E57: (0x2E58, "o"), 0x2E58: (0x2E57, "c"), 0x2E59: (0x2E5A, "o"), 0x2E5A: (0x2E59, "c"),
    0x2E5B: (0x2E5C, "o"), 0x2E5C: (0x2E5B, "c"), 0x3008: (0x3009, "o"), 0x3009: (0x3008, "c"),
    0x300A: (0x300B, "o"), 0x300B: (0x300A, "c"), 0x300C: (0x300D, "o"), 0x300D: (0x300C, "c"),
    0x300E: (0x300F, "o"), 0x300F: (0x300E, "c"), 0x3010: (0x3011, "o"), 0x3011: (0x3010, "c"),
    0x3014: (0x3015, "o"), 0x3015: (0x3014, "c"), 0x3016: (0x3017, "o"), 0x3017: (0x3016, "c"),
    0x3018: (0x3019, "o"), 0x3019: (0x3018, "c"), 0x301A: (0x301B, "o"), 0x301B: (0x301A, "c"),
    0xFE59: (0xFE5A, "o"), 0xFE5A: (0xFE59, "c"), 0xFE5B: (0xFE5C, "o"), 0xFE5C: (0xFE5B, "c"),
    0xFE5D: (0xFE5E, "o"), 0xFE5E: (0xFE5D, "c"), 0xFF08: (0xFF09, "o"), 0xFF09: (0xFF08, "c"),
    0xFF3B: (0xFF3D, "o"), 0xFF3D: (0xFF3B, "c"), 0xFF5B: (0xFF5D, "o"), 0xFF5D: (0xFF5B, "c"),
    0xFF5F: (0xFF60, "o"), 0xFF60: (0xFF5F, "c"), 0xFF62: (0xFF63, "o"), 0xFF63: (0xFF62, "c"),
}
# fmt: on

# BD16: brackets are matched up to canonical equivalence; U+2329/U+232A decompose to U+3008/U+3009.
_CANONICAL_BRACKET = {0x2329: 0x3008, 0x232A: 0x3009}

# Bidi_Class groups.
_STRONG_RTL = frozenset(("R", "AL"))
_ISOLATE_INITIATORS = frozenset(("LRI", "RLI", "FSI"))
_ISOLATE_CONTROLS = frozenset(("LRI", "RLI", "FSI", "PDI"))
_EMBEDDING_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO"))
# X9: characters removed from further processing.
_REMOVED_BY_X9 = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "BN"))
_EXPLICIT_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))
# Anything that can make a paragraph need the full algorithm when the base level is 0.
_NEEDS_FULL_RUN = frozenset(("R", "AL", "AN")) | _EXPLICIT_CONTROLS
_RTL_TRIGGERS = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI"))
# BD1 / N1: neutral and isolate formatting characters (NI).
_NI = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))
# L1: whitespace-like characters that are reset at the end of a line or before S/B (X9-removed characters
# are ignored there, i.e. they join such a sequence).
_L1_TRAILING = frozenset(("WS", "LRI", "RLI", "FSI", "PDI")) | _REMOVED_BY_X9
# Nothing at or below U+058F is R, AL, AN or an explicit control: lets plain Latin/Greek/Cyrillic text skip
# the per-character classification entirely.
_FIRST_POSSIBLY_RTL = "\u0590"


def bidi_class(ch: str) -> str:
    """Return the Unicode 15.0 Bidi_Class of the character ``ch`` (e.g. ``"L"``, ``"AL"``, ``"EN"``)."""
    cls = _bidirectional(ch)
    if cls:
        return cls
    return _unassigned_class(ord(ch))


def _unassigned_class(cp: int) -> str:
    """Bidi_Class of a code point that Python's (Unicode 14.0) unicodedata does not know."""
    k = bisect_right(_OVERRIDE_STARTS, cp) - 1
    if k >= 0 and cp <= _UCD15_OVERRIDES[k][1]:
        return _UCD15_OVERRIDES[k][2]
    k = bisect_right(_DEFAULT_STARTS, cp) - 1
    if k >= 0 and cp <= _UNASSIGNED_DEFAULTS[k][1]:
        return _UNASSIGNED_DEFAULTS[k][2]
    return "L"


def has_rtl(text: str) -> bool:
    """True if ``text`` contains an R/AL/AN character or a right-to-left explicit control (RLE/RLO/RLI)."""
    if not text or max(text) < _FIRST_POSSIBLY_RTL:
        return False
    return any(bidi_class(ch) in _RTL_TRIGGERS for ch in text)


@dataclass(frozen=True)
class BidiParagraph:
    """The resolved embedding levels of one paragraph (before the line rules L1-L2)."""

    text: str
    base_level: int
    levels: tuple[int, ...]

    def is_removed(self, index: int) -> bool:
        """True if the character at ``index`` is removed by rule X9 (LRE/RLE/LRO/RLO/PDF or BN)."""
        return bidi_class(self.text[index]) in _REMOVED_BY_X9


# ---------------------------------------------------------------------------------------------------------
# Paragraph-level resolution
# ---------------------------------------------------------------------------------------------------------


def resolve_paragraph(text: str, base_level: int | None = None) -> BidiParagraph:
    """Resolve the embedding levels of one paragraph (rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2).

    ``text`` must not contain paragraph separators except possibly at the end.  ``base_level`` is 0 (LTR),
    1 (RTL) or None to determine it from the first strong character, skipping isolates (P2-P3, default 0).
    """
    if base_level not in (None, 0, 1):
        raise ValueError(f"base_level must be 0, 1 or None, not {base_level!r}")
    n = len(text)
    if n == 0:
        return BidiParagraph(text, base_level or 0, ())
    # Fast path: no R/AL/AN and no explicit controls at paragraph level 0 resolves to all zeros
    # (W7 turns every EN into L because sos is L; nothing else can raise a level).
    if not base_level and max(text) < _FIRST_POSSIBLY_RTL:
        return BidiParagraph(text, 0, (0,) * n)
    classes = [_bidirectional(ch) or _unassigned_class(ord(ch)) for ch in text]
    if not base_level and _NEEDS_FULL_RUN.isdisjoint(classes):
        return BidiParagraph(text, 0, (0,) * n)
    matching = _match_isolates(classes)
    if base_level is None:
        # P2, P3: first strong character, skipping isolates; default LTR.
        base_level = 1 if _first_strong_is_rtl(classes, matching, 0, n) else 0
    levels = _resolve_levels(text, classes, matching, base_level)
    return BidiParagraph(text, base_level, tuple(levels))


def _match_isolates(classes: list[str]) -> list[int]:
    """BD9: index of the matching PDI for each isolate initiator and vice versa (-1 when unmatched)."""
    matching = [-1] * len(classes)
    open_initiators: list[int] = []
    for i, cls in enumerate(classes):
        if cls in _ISOLATE_INITIATORS:
            open_initiators.append(i)
        elif cls == "PDI":
            if open_initiators:
                j = open_initiators.pop()
                matching[j] = i
                matching[i] = j
        elif cls == "B":
            # P1: a paragraph separator ends every isolate.
            open_initiators.clear()
    return matching


def _first_strong_is_rtl(classes: list[str], matching: list[int], start: int, end: int) -> bool:
    """P2/P3 on ``classes[start:end]``: True if the first strong character (skipping isolates) is R/AL."""
    i = start
    while i < end:
        cls = classes[i]
        if cls == "L":
            return False
        if cls == "R" or cls == "AL":
            return True
        if cls in _ISOLATE_INITIATORS:
            # P2: skip to the matching PDI, or to the end of the paragraph if there is none.
            i = matching[i]
            if i < 0:
                return False
        elif cls == "B":
            return False
        i += 1
    return False


def _resolve_levels(text: str, classes: list[str], matching: list[int], base_level: int) -> list[int]:
    """Run X1-I2 and return one level per character (X9-removed ones copy the preceding level)."""
    n = len(classes)
    types = list(classes)
    levels = [base_level] * n
    removed = [False] * n

    # X1: the directional status stack holds (embedding level, override status, isolate status).
    stack: list[tuple[int, str | None, bool]] = [(base_level, None, False)]
    overflow_isolates = 0
    overflow_embeddings = 0
    valid_isolates = 0
    for i, cls in enumerate(classes):
        if cls in _EMBEDDING_CONTROLS:
            # X2-X5: RLE, LRE, RLO, LRO push a new embedding level if it is valid and nothing overflowed.
            level = stack[-1][0]
            new_level = (level + 1) | 1 if cls[0] == "R" else (level + 2) & ~1
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                override = None if cls[2] == "E" else cls[0]
                stack.append((new_level, override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
            removed[i] = True  # X9
        elif cls in _ISOLATE_INITIATORS:
            # X5a-X5c: RLI, LRI, FSI take the current level (and override), then push an isolate.
            level, override, _ = stack[-1]
            levels[i] = level
            if override is not None:
                types[i] = override
            if cls == "FSI":
                # X5c: P2/P3 on the text up to the matching PDI (or the end of the paragraph).
                end = matching[i] if matching[i] >= 0 else n
                rtl = _first_strong_is_rtl(classes, matching, i + 1, end)
            else:
                rtl = cls == "RLI"
            new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new_level, None, True))
            else:
                overflow_isolates += 1
        elif cls == "PDI":
            # X6a: close the matching isolate (and every embedding opened inside it).
            if overflow_isolates > 0:
                overflow_isolates -= 1
            elif valid_isolates > 0:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override is not None:
                types[i] = override
        elif cls == "PDF":
            # X7: close an embedding/override, but never an isolate.
            if overflow_isolates > 0:
                pass
            elif overflow_embeddings > 0:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            removed[i] = True  # X9
        elif cls == "B":
            # X8: a paragraph separator gets the paragraph level and terminates everything.
            levels[i] = base_level
            stack[1:] = []
            overflow_isolates = overflow_embeddings = valid_isolates = 0
        elif cls == "BN":
            removed[i] = True  # X9
        else:
            # X6: everything else takes the current level; overrides reset the type to L or R.
            level, override, _ = stack[-1]
            levels[i] = level
            if override is not None:
                types[i] = override

    # X9: drop the removed characters; X10: split the rest into level runs (BD7) ...
    kept = [i for i in range(n) if not removed[i]]
    runs: list[list[int]] = []
    run_level = -1
    for i in kept:
        if levels[i] != run_level:
            runs.append([i])
            run_level = levels[i]
        else:
            runs[-1].append(i)

    # ... and chain them into isolating run sequences (BD13): a run ending in an isolate initiator continues
    # with the run that starts with its matching PDI.
    run_starting_at = {run[0]: k for k, run in enumerate(runs)}
    next_run: dict[int, int] = {}
    for k, run in enumerate(runs):
        last = run[-1]
        if classes[last] in _ISOLATE_INITIATORS and matching[last] >= 0:
            k2 = run_starting_at.get(matching[last])
            if k2 is not None:
                next_run[k] = k2
    continuations = set(next_run.values())
    # sos/eos must be computed from the explicit levels, before I1-I2 changes any of them.
    work: list[tuple[list[int], int, str, str]] = []
    for k, run in enumerate(runs):
        if k in continuations:
            continue
        sequence = list(run)
        last_k = k
        while last_k in next_run:
            last_k = next_run[last_k]
            sequence.extend(runs[last_k])
        level = levels[sequence[0]]
        # X10: sos/eos from the higher of this level and the neighbouring (non-removed) character's level;
        # the paragraph level is used at the paragraph edges and after an unmatched isolate initiator.
        before = levels[runs[k - 1][-1]] if k > 0 else base_level
        if classes[sequence[-1]] in _ISOLATE_INITIATORS or last_k + 1 >= len(runs):
            after = base_level
        else:
            after = levels[runs[last_k + 1][0]]
        sos = "R" if max(level, before) & 1 else "L"
        eos = "R" if max(level, after) & 1 else "L"
        work.append((sequence, level, sos, eos))
    for sequence, level, sos, eos in work:
        _resolve_sequence(text, sequence, types, levels, level, sos, eos)

    # Removed characters take the level of the preceding character (or the paragraph level at the start).
    previous = base_level
    for i in range(n):
        if removed[i]:
            levels[i] = previous
        else:
            previous = levels[i]
    return levels


def _strong_direction(cls: str) -> str | None:
    """N0/N1: L for L; R for R, EN and AN (numbers count as R); None for anything else."""
    if cls == "L":
        return "L"
    if cls == "R" or cls == "EN" or cls == "AN":
        return "R"
    return None


def _resolve_sequence(
    text: str, sequence: list[int], types: list[str], levels: list[int], level: int, sos: str, eos: str
) -> None:
    """Apply W1-W7, N0-N2 and I1-I2 to one isolating run sequence, updating ``levels`` in place."""
    t = [types[i] for i in sequence]
    original = list(t)  # types before W1 (after X1-X8 overrides), needed by N0 for NSMs
    m = len(t)

    # W1: NSM takes the type of the previous character (ON after an isolate initiator or PDI; sos at start).
    previous = sos
    for j in range(m):
        if t[j] == "NSM":
            t[j] = previous
        previous = "ON" if t[j] in _ISOLATE_CONTROLS else t[j]

    # W2: EN preceded (through weak/neutral types) by AL becomes AN.  W3: AL becomes R.
    last_strong = sos
    for j in range(m):
        cls = t[j]
        if cls == "EN":
            if last_strong == "AL":
                t[j] = "AN"
        elif cls == "L" or cls == "R":
            last_strong = cls
        elif cls == "AL":
            last_strong = "AL"
            t[j] = "R"

    # W4: a single ES between ENs becomes EN; a single CS between two numbers of the same type takes it.
    for j in range(1, m - 1):
        cls = t[j]
        if cls == "ES":
            if t[j - 1] == "EN" and t[j + 1] == "EN":
                t[j] = "EN"
        elif cls == "CS":
            prev_cls = t[j - 1]
            if (prev_cls == "EN" or prev_cls == "AN") and t[j + 1] == prev_cls:
                t[j] = prev_cls

    # W5: a sequence of ETs adjacent to an EN becomes EN.
    j = 0
    while j < m:
        if t[j] == "ET":
            k = j + 1
            while k < m and t[k] == "ET":
                k += 1
            if (j > 0 and t[j - 1] == "EN") or (k < m and t[k] == "EN"):
                t[j:k] = ["EN"] * (k - j)
            j = k
        else:
            j += 1

    # W6: remaining separators and terminators become ON.
    for j in range(m):
        if t[j] in ("ES", "ET", "CS"):
            t[j] = "ON"

    # W7: EN preceded (through weak/neutral types) by L, or by sos L, becomes L.
    last_strong = sos
    for j in range(m):
        cls = t[j]
        if cls == "EN":
            if last_strong == "L":
                t[j] = "L"
        elif cls == "L" or cls == "R":
            last_strong = cls

    embedding = "R" if level & 1 else "L"

    # N0: bracket pairs take the embedding direction or the direction of their context.
    for opening, closing in _bracket_pairs(text, sequence, t):
        # N0 b/c: look for strong types (EN/AN count as R) between the brackets.
        found_opposite = False
        new_type: str | None = None
        for j in range(opening + 1, closing):
            direction = _strong_direction(t[j])
            if direction == embedding:
                new_type = embedding  # N0 b
                break
            if direction is not None:
                found_opposite = True
        if new_type is None:
            if not found_opposite:
                continue  # N0 d: no strong type inside, leave the brackets alone.
            # N0 c: use the first strong type before the opening bracket (sos if none); c1 if it is the
            # opposite direction, c2 (embedding direction) otherwise - which is the same as taking it.
            new_type = sos
            for j in range(opening - 1, -1, -1):
                direction = _strong_direction(t[j])
                if direction is not None:
                    new_type = direction
                    break
        t[opening] = t[closing] = new_type
        # N0: NSMs (before W1) that follow a bracket that changed take the bracket's new type.
        for bracket in (opening, closing):
            j = bracket + 1
            while j < m and original[j] == "NSM":
                t[j] = new_type
                j += 1

    # N1: a sequence of NIs between strong types of the same direction takes that direction (EN/AN count
    # as R; sos/eos at the edges).  N2: any other NI takes the embedding direction.
    j = 0
    while j < m:
        if t[j] in _NI:
            k = j + 1
            while k < m and t[k] in _NI:
                k += 1
            before = sos if j == 0 else ("L" if t[j - 1] == "L" else "R")
            after = eos if k == m else ("L" if t[k] == "L" else "R")
            new_type = before if before == after else embedding
            t[j:k] = [new_type] * (k - j)
            j = k
        else:
            j += 1

    # I1: on even levels R goes up one, AN/EN up two.  I2: on odd levels L, EN and AN go up one.
    if level & 1:
        for j, i in enumerate(sequence):
            if t[j] != "R":
                levels[i] = level + 1
    else:
        for j, i in enumerate(sequence):
            cls = t[j]
            if cls == "R":
                levels[i] = level + 1
            elif cls == "AN" or cls == "EN":
                levels[i] = level + 2


def _bracket_pairs(text: str, sequence: list[int], t: list[str]) -> list[tuple[int, int]]:
    """BD16: bracket pairs (positions within ``sequence``) sorted by opening position."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (canonical closing bracket, position of the opening bracket)
    for j, i in enumerate(sequence):
        # BD14/BD15: only characters whose current type is ON can be paired brackets.
        if t[j] != "ON":
            continue
        cp = ord(text[i])
        bracket = _BRACKETS.get(cp)
        if bracket is None:
            continue
        paired, kind = bracket
        if kind == "o":
            if len(stack) == _MAX_BRACKET_STACK:
                break  # BD16: stack overflow stops processing for the rest of the sequence.
            stack.append((_CANONICAL_BRACKET.get(paired, paired), j))
        else:
            closing = _CANONICAL_BRACKET.get(cp, cp)
            for s in range(len(stack) - 1, -1, -1):
                if stack[s][0] == closing:
                    pairs.append((stack[s][1], j))
                    del stack[s:]
                    break
    pairs.sort()
    return pairs


# ---------------------------------------------------------------------------------------------------------
# Line rules
# ---------------------------------------------------------------------------------------------------------


def line_levels(paragraph: BidiParagraph, start: int, end: int) -> list[int]:
    """The levels of characters ``start..end-1`` after rule L1, for a line that ends at ``end``."""
    text = paragraph.text
    if not 0 <= start <= end <= len(text):
        raise IndexError(f"line {start}..{end} outside paragraph of length {len(text)}")
    levels = list(paragraph.levels[start:end])
    base_level = paragraph.base_level
    if not any(levels) and base_level == 0:
        return levels  # L1 cannot change anything at level 0.
    # L1: reset segment/paragraph separators, and any sequence of whitespace and isolate controls before
    # them or at the end of the line, to the paragraph level (original types; X9-removed characters join in).
    trailing = True
    for j in range(end - start - 1, -1, -1):
        cls = bidi_class(text[start + j])
        if cls == "S" or cls == "B":
            levels[j] = base_level
            trailing = True
        elif cls in _L1_TRAILING:
            if trailing:
                levels[j] = base_level
        else:
            trailing = False
    return levels


def visual_order(paragraph: BidiParagraph, start: int, end: int) -> list[int]:
    """Indices ``start..end-1`` of one line in visual (left-to-right display) order.

    Applies L1 (see :func:`line_levels`) and L2 (reverse every run at or above each level, from the highest
    level down to the lowest odd level).  X9-removed characters are excluded from the result.
    """
    levels = line_levels(paragraph, start, end)
    text = paragraph.text
    order: list[int] = []
    kept_levels: list[int] = []
    for j, level in enumerate(levels):
        if bidi_class(text[start + j]) not in _REMOVED_BY_X9:
            order.append(start + j)
            kept_levels.append(level)
    # L2, the same rule the line layout applies to its runs (text/reorder.py)
    return [order[i] for i in visual_runs(kept_levels)]
