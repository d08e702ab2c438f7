"""The app under AppTest, as every AppTest test starts it (conftest.py restores the environment afterwards)."""

import ast
import os
from pathlib import Path

from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.testing.v1 import AppTest

APP = REPO / "app.py"


def new_app(data: Path = FIXTURE_DIR, corpus: Path | None = FIXTURE_CORPUS, **params) -> AppTest:
    """app.py on a data package and corpus folder (None: STRAIT_WATCH_CORPUS unset, so the default folder), with
    URL query parameters; not run yet."""
    os.environ["STRAIT_WATCH_DATA"] = str(data)
    if corpus is None:
        os.environ.pop("STRAIT_WATCH_CORPUS", None)
    else:
        os.environ["STRAIT_WATCH_CORPUS"] = str(corpus)
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def open_page(page: str, data: Path = FIXTURE_DIR, corpus: Path | None = FIXTURE_CORPUS, **params) -> AppTest:
    """new_app, run once, then switched to `page` and run: AppTest (streamlit 1.67) seeds the sidebar's filters
    from the URL only on the default page; the filters and the page's own parameters carry over."""
    at = new_app(data, corpus, **params)
    at.run()
    at.switch_page(page)
    return at.run()


def bidi_components(at) -> list:
    """The protos of the custom components (v2, BidiComponent) an AppTest run drew, in page order."""
    def walk(node):
        if type(node).__name__ == "UnknownElement" and type(node.proto).__name__ == "BidiComponent":
            yield node.proto
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
            yield from walk(child)
    return list(walk(at.main))


def network_data(at) -> dict:
    """The data the mounted network component holds after the run: what it received, with the base filled in
    when this run sent only the view (the session was sent that base on an earlier run and the component kept
    it; the server keeps it in its per-dataset cache, where it is looked up here by its key)."""
    import json

    from strait_watch.core.memo import cached_values

    found = [p for p in bidi_components(at) if p.component_name.endswith("strait_watch_network")]
    assert len(found) == 1, "expected exactly one network component"
    data = json.loads(found[0].json)
    if data["base"] is None:
        data["base"] = next(v for _, _, v in cached_values() if isinstance(v, dict) and v.get("key") == data["key"])
    return data


def table_payloads(at) -> list[dict]:
    """The data each mounted table component (ui/table_view.py) received in an AppTest run, in page order."""
    import json

    return [json.loads(p.json) for p in bidi_components(at) if p.component_name.endswith("strait_watch_table")]


def table_frames(at) -> dict:
    """The tables the mounted table components drew in an AppTest run, by their label, as DataFrames of the
    columns shown plus the id column when rows can be picked (its values are the row ids)."""
    import pandas as pd

    frames = {}
    for data in table_payloads(at):
        frame = pd.DataFrame(data["rows"], columns=[c["name"] for c in data["columns"]])
        if data["ids"] is not None:
            frame[data["id_column"]] = data["ids"]
        frames[data["label"]] = frame
    return frames


def app_pages() -> list[str]:
    """Page files of the st.Page(...) calls in app.py, in menu order."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"
            and node.args and isinstance(node.args[0], ast.Constant)]


# The filters the immutability tests render every page under (old labels and ids mixed, as links carry them).
FILTERED = {"actor": ["Japan (Tokyo)", "Hoshino Aki (Aki Hoshino, Minister Hoshino)"], "from": "2014-01-01",
            "to": "2021-12-31", "category": ["Event: Statement", "Agreement: RAA", "Measure: Dialogue channels"]}
