from dataclasses import dataclass

from strait_watch.core.filters import Filters
from strait_watch.core.memo import per_dataset


@dataclass(frozen=True)
class FakeDataset:
    version: str


def test_results_are_cached_per_version_and_arguments():
    calls = []

    @per_dataset(maxsize=2)
    def count(ds, f, scale=1):
        calls.append((ds.version, f, scale))
        return len(calls) * scale

    a, b = FakeDataset("1+aaa"), FakeDataset("1+bbb")
    japan = Filters(actors=("japan",))
    assert count(a, japan) == 1
    assert count(a, Filters(actors=("japan",))) == 1  # equal filters hit the cache
    assert count(b, japan) == 2  # another version misses
    assert count(a, japan, scale=10) == 30  # keyword arguments are part of the key
    assert len(calls) == 3


def test_least_recently_used_entries_are_evicted():
    calls = []

    @per_dataset(maxsize=2)
    def ident(ds, x):
        calls.append(x)
        return x

    ds = FakeDataset("v")
    ident(ds, 1), ident(ds, 2), ident(ds, 1), ident(ds, 3)  # 2 is the least recently used
    ident(ds, 1)
    assert calls == [1, 2, 3]
    ident(ds, 2)
    assert calls == [1, 2, 3, 2]
