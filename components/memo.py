"""Memoise pure functions of a Dataset by its content version (no Streamlit here).

Many views derive the same tables from the dataset on every rerun (evidence records, option lists,
counts). Their inputs are the dataset, whose `version` hashes every file, and a few hashable values
(Filters is a frozen dataclass of tuples), so a small per-function LRU keyed on those is exact.
Results are shared between callers and sessions: treat them as read-only (copy before changing).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_dataset(maxsize: int = 16) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: cache fn(ds, *args, **kwargs) by (ds.version, args, kwargs); at most `maxsize` entries."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cache: OrderedDict = OrderedDict()
        lock = threading.Lock()  # Streamlit runs sessions in threads

        @functools.wraps(fn)
        def wrapper(ds, *args, **kwargs):
            key = (ds.version, args, tuple(sorted(kwargs.items())))
            with lock:
                if key in cache:
                    cache.move_to_end(key)
                    return cache[key]
            value = fn(ds, *args, **kwargs)
            with lock:
                cache[key] = value
                while len(cache) > maxsize:
                    cache.popitem(last=False)
            return value

        wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
