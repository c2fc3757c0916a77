"""The data crossing stage boundaries is frozen: loaded leaflets and layouts cannot be changed in place,
and they still travel to batch workers (pickle)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from handbill.frozen import FrozenMap
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.project import layout_search_path

SEED = Path(__file__).resolve().parents[1] / "leaflets" / "victory-day-2023"


def test_a_loaded_leaflet_is_read_only_and_picklable() -> None:
    leaflet = load_leaflet(SEED)
    with pytest.raises(TypeError):
        leaflet.statements["xx"] = leaflet.statements["en"]  # type: ignore[index]
    assert pickle.loads(pickle.dumps(leaflet)) == leaflet


def test_a_loaded_layout_is_read_only() -> None:
    search = layout_search_path(SEED)
    layout = load_layout(find_layout("a4-flyer", search), search)
    with pytest.raises(TypeError):
        layout.styles["new"] = layout.styles["body"]  # type: ignore[index]
    with pytest.raises(TypeError):
        layout.colors["new"] = layout.colors["black"]  # type: ignore[index]
    assert pickle.loads(pickle.dumps(layout)) == layout


def test_frozen_map_keeps_order_equality_and_hash() -> None:
    first = FrozenMap({"b": 1, "a": 2})
    assert list(first) == ["b", "a"]
    assert first == {"b": 1, "a": 2}
    assert hash(first) == hash(FrozenMap([("b", 1), ("a", 2)]))
    assert pickle.loads(pickle.dumps(first)) == first
