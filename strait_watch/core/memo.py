"""The one cache of values derived from the dataset (no Streamlit here): `per_dataset`.

The rule (docs/ARCHITECTURE.md, "Caching"): a figure, table, graph, payload or pack that depends only on the
dataset and a few hashable choices (Filters is a frozen dataclass of tuples; a medium, a Brief, a lane name)
is computed by a function decorated with `per_dataset` and keyed on (ds.version, arguments). `ds.version`
hashes every file of the package, so the key is exact and the value is shared by every rerun and every
session of the process. Results are shared: never change one in place (copy first); the tests render every
page and compare each cached value with what it was when it was made (tests/app/test_cache_immutable.py).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

_CACHES: dict[str, OrderedDict] = {}  # qualified function name -> its cache: every per_dataset cache, for tests


def per_dataset(maxsize: int = 16) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: cache fn(ds, *args, **kwargs) by (ds.version, args, kwargs); at most `maxsize` entries."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cache: OrderedDict = OrderedDict()
        lock = threading.Lock()  # Streamlit runs sessions in threads
        _CACHES[f"{fn.__module__}.{fn.__qualname__}"] = cache

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


def cached_values() -> Iterator[tuple[str, tuple, object]]:
    """(function name, key, value) of every entry of every per_dataset cache (a snapshot)."""
    for name, cache in list(_CACHES.items()):
        for key, value in list(cache.items()):
            yield name, key, value


def clear_all() -> None:
    """Empty every per_dataset cache (tests)."""
    for cache in _CACHES.values():
        cache.clear()
