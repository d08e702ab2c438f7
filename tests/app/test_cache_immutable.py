"""Nothing in the shared per-dataset cache (strait_watch.core.memo.per_dataset) is changed after it is made.

Every value there -- figures, tables, graphs, payloads, the Present pack -- is one object handed to every
rerun of every session. Each page listed in app.py is rendered on the fixture (without and with filters), a
fingerprint of every cached value is taken, the pages are rendered again (now reading those values from the
cache, with the page's in-view controls moved), and every value must still have its fingerprint.
"""

import pickle

import pytest
from apps import FILTERED, app_pages
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.testing.v1 import AppTest

from strait_watch.core import memo
from ui.data import load_cached


@pytest.fixture(autouse=True)
def fixture_env(monkeypatch):
    monkeypatch.setenv("STRAIT_WATCH_DATA", str(FIXTURE_DIR))
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(FIXTURE_CORPUS))
    load_cached.clear()
    memo.clear_all()
    yield
    memo.clear_all()  # a changed value must not leak into other tests


def fingerprints() -> dict:
    """(function, key) -> the pickled value: equal bytes for an unchanged object."""
    return {(name, repr(key)): pickle.dumps(value) for name, key, value in memo.cached_values()}


def render_all(params: dict) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    for page in app_pages():
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        if page.endswith("present.py") and at.button(key="present_next"):
            at.button(key="present_next").click().run()  # a slide step reads the cached pack again
            assert not at.exception, f"{page} after a step: {at.exception}"


@pytest.mark.parametrize("params", [{}, FILTERED], ids=["no filters", "filters"])
def test_no_page_changes_a_cached_value(params):
    render_all(params)
    before = fingerprints()
    assert any(name.endswith("_present_pack") for name, _ in before), "the Present pack is not in the shared cache"
    assert any(name.endswith("dataset_layout") for name, _ in before), "the network layout is not in the shared cache"
    render_all(params)
    after = fingerprints()
    changed = sorted(name for name, key in before if (name, key) in after and after[(name, key)] != before[(name, key)])
    assert changed == [], f"cached values changed in place: {changed}"


READ = """
from strait_watch.views.network.drawing import dataset_layout
from ui.data import get_dataset
positions = dataset_layout(get_dataset())
"""


def test_a_change_in_place_is_caught():
    """The check above can fail: a script that edits the cached network layout is seen."""
    AppTest.from_string(READ, default_timeout=30).run()
    before = fingerprints()
    AppTest.from_string(READ + "positions[next(iter(positions))] = (12345.0, -12345.0)\n", default_timeout=30).run()
    after = fingerprints()
    assert [name for name, key in before if after[(name, key)] != before[(name, key)]] == \
        ["strait_watch.views.network.drawing.dataset_layout"]
