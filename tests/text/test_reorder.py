"""Tests for handbill.text.reorder: rule L2 on the runs of one line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handbill.text.reorder import visual_runs


def reference_l2(levels: list[int]) -> list[int]:
    """Rule L2 stated as nesting, written independently of the loop in reorder.py: a line is a sequence
    of characters at its lowest level and of blocks of higher levels (each arranged the same way one
    level up); every block at or above the lowest odd level (UAX #9: lowest level | 1) is reversed."""
    if not levels:
        return []
    lowest_odd = min(levels) | 1

    def arrange(indices: list[int], level: int) -> list[int]:
        out: list[int] = []
        i = 0
        while i < len(indices):
            if levels[indices[i]] == level:
                out.append(indices[i])
                i += 1
                continue
            j = i
            while j < len(indices) and levels[indices[j]] > level:
                j += 1
            out.extend(arrange(indices[i:j], level + 1))
            i = j
        return out[::-1] if level >= lowest_odd else out

    return arrange(list(range(len(levels))), min(levels))


def test_an_arabic_phrase_with_a_number_inside_english():
    # logical: a [R1 R2 N3] b  ->  visual: a [N3 R2 R1] b
    assert visual_runs([0, 1, 1, 2, 0]) == [0, 3, 2, 1, 4]


def test_a_right_to_left_line_with_a_latin_word_and_a_number():
    # منذ 9 أيار NATO : levels 1 2 1 2  ->  visual NATO أيار 9 منذ
    assert visual_runs([1, 2, 1, 2]) == [3, 2, 1, 0]


def test_left_to_right_runs_stay_in_order():
    assert visual_runs([0, 0, 2, 0]) == [0, 1, 2, 3]
    assert visual_runs([]) == []


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=30))
def test_reordering_is_a_permutation_and_matches_rule_l2(levels: list[int]):
    order = visual_runs(levels)
    assert sorted(order) == list(range(len(levels)))
    assert order == reference_l2(levels)
