"""A read-only mapping for the frozen data that crosses stage boundaries.

``types.MappingProxyType`` would do but cannot be pickled, and leaflets and layouts travel to batch
workers; Python 3.11 has no ``frozendict``. ``FrozenMap`` copies its input once and offers only the
read-only ``Mapping`` interface, so ``leaflet.statements["xx"] = ...`` fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable, picklable mapping that keeps its items' insertion order."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._items: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __getstate__(self) -> dict[K, V]:
        return self._items

    def __setstate__(self, state: dict[K, V]) -> None:
        self._items = state
