"""The cached Dataset is one object shared by every rerun and session (st.cache_resource): no page may change it.

Every page listed in app.py is rendered on the fixture, without and with filters, and then the cached
Dataset's tables must still equal a freshly loaded copy. A page that changes a shared frame in place
(a new column, a sorted or edited table, an appended list cell) fails here, whichever session it hurts.
"""


import pytest
from apps import FILTERED, app_pages
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.testing.v1 import AppTest

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import TABLES
from ui.data import data_paths, folder_stamp, load_cached

# URL filters for the second pass: narrow every table but leave each page something to draw.


@pytest.fixture(autouse=True)
def fixture_env(monkeypatch):
    monkeypatch.setenv("STRAIT_WATCH_DATA", str(FIXTURE_DIR))
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(FIXTURE_CORPUS))
    load_cached.clear()  # start from a clean load; the pages fill the cache, this test reads that entry back
    yield
    load_cached.clear()  # a changed object must not leak into other tests


def cached_dataset():
    """The object get_dataset() hands to the pages (the same cache entry: same path, corpus and stamp)."""
    path, corpus = data_paths()
    return load_cached(str(path), str(corpus), folder_stamp(path, corpus))


def changed_tables(ds) -> list[str]:
    fresh = load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)
    changed = [name for name in TABLES if not getattr(ds, name).equals(getattr(fresh, name))]
    if ds.schema != fresh.schema:
        changed.append("schema")
    return changed


def test_the_pages_share_one_cached_object():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert cached_dataset() is cached_dataset()


@pytest.mark.parametrize("params", [{}, FILTERED], ids=["no filters", "filters"])
def test_no_page_changes_the_cached_dataset(params):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if params:
        assert at.multiselect(key="actor").value == ["japan", "hoshino-aki"] and not at.warning
    for page in app_pages():
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        assert changed_tables(cached_dataset()) == [], f"{page} changed the shared dataset"


def test_a_change_in_place_is_caught():
    """The check above can fail: a script that edits the shared frames is seen."""
    script = """
from ui.data import get_dataset
ds = get_dataset()
ds.events.loc[ds.events.index[0], "title"] = "edited"
ds.actors["aliases"].iloc[0].append("edited")
"""
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert changed_tables(cached_dataset()) == ["actors", "events"]
