"""The read side's one cache: results kept per published snapshot, bounded, shared by threads.

A key always includes the snapshot being served, so a publish makes every older entry
unreachable (and eviction drops it); nothing stale is ever returned.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from analytics.db import Warehouse


class SnapshotCache:
    """A bounded LRU map of (snapshot, key) -> value.

    Args:
        max_entries: entries kept (least recently used dropped first).
        filtered: whether its values depend on the filters (``clear_caches`` forgets those only).
    """

    def __init__(self, max_entries: int, filtered: bool = True):
        self.max_entries = max_entries
        self.filtered = filtered
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        _CACHES.append(self)

    def get(self, wh: Warehouse, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value of `key` for the snapshot `wh` serves, computed (outside the lock) when missing."""
        snap = wh.snapshot()
        full = (snap.key if snap else None, key)
        with self._lock:
            hit = self._items.get(full)
            if hit is not None:
                self._items.move_to_end(full)
                return hit
        value = compute()
        with self._lock:
            self._items[full] = value
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_CACHES: list[SnapshotCache] = []


def clear_caches() -> None:
    """Forget the filtered aggregates kept between queries (benchmarks time cache misses).

    What does not depend on the filters (the district list) is kept: a filter change keeps it too.
    """
    for c in _CACHES:
        if c.filtered:
            c.clear()
