"""Paired brackets in the bidi algorithm: BD14-BD16 (finding the pairs) and rule N0 (their direction)."""

from __future__ import annotations

from handbill.text.bidi_tables import BRACKETS

# BD16: size of the bracket-pair stack.
_MAX_BRACKET_STACK = 63
# BD16: brackets are matched up to canonical equivalence; U+2329/U+232A decompose to U+3008/U+3009.
_CANONICAL_BRACKET = {0x2329: 0x3008, 0x232A: 0x3009}


def strong_direction(cls: str) -> str | None:
    """N0/N1: L for L; R for R, EN and AN (numbers count as R); None for anything else."""
    if cls == "L":
        return "L"
    if cls == "R" or cls == "EN" or cls == "AN":
        return "R"
    return None


def resolve_bracket_pairs(text: str, sequence: list[int], t: list[str], original: list[str], embedding: str,
                           sos: str) -> None:
    """N0: bracket pairs take the embedding direction or the direction of their context."""
    for opening, closing in _bracket_pairs(text, sequence, t):
        new_type = _bracket_pair_type(t, opening, closing, embedding, sos)
        if new_type is None:
            continue  # N0 d: no strong type inside, leave the brackets alone.
        t[opening] = t[closing] = new_type
        # N0: NSMs (before W1) that follow a bracket that changed take the bracket's new type.
        for bracket in (opening, closing):
            j = bracket + 1
            while j < len(t) and original[j] == "NSM":
                t[j] = new_type
                j += 1


def _bracket_pair_type(t: list[str], opening: int, closing: int, embedding: str, sos: str) -> str | None:
    """N0 b-d: the direction one bracket pair takes, or None when it has no strong type inside."""
    inside = {strong_direction(cls) for cls in t[opening + 1:closing]} - {None}
    if embedding in inside:
        return embedding  # N0 b
    if not inside:
        return None  # N0 d
    # N0 c: the first strong type before the opening bracket (sos if none); c1 if it is the opposite
    # direction, c2 (the embedding direction) otherwise - which is the same as taking it.
    for j in range(opening - 1, -1, -1):
        direction = strong_direction(t[j])
        if direction is not None:
            return direction
    return sos


def _bracket_pairs(text: str, sequence: list[int], t: list[str]) -> list[tuple[int, int]]:
    """BD16: bracket pairs (positions within ``sequence``) sorted by opening position."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (canonical closing bracket, position of the opening bracket)
    for j, i in enumerate(sequence):
        # BD14/BD15: only characters whose current type is ON can be paired brackets.
        if t[j] != "ON":
            continue
        cp = ord(text[i])
        bracket = BRACKETS.get(cp)
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
