"""The data the table component receives (strait_watch/tablepayload.py): columns, cells, ids, selection, key."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from strait_watch.core.tablepayload import table_payload


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "measure_id": ["m-hotline", "m-coast"],
        "Measure": ["Tokyo-Taipei hotline", "Coast guard cooperation"],
        "Proposers": np.array([3, 2], dtype="int64"),
        "Share": [0.5, float("nan")],
        "Flagged": [True, False],
        "Articles": [["A", "B"], ["C"]],
        "secret": ["x", "y"],
    })


def test_hidden_and_id_columns_are_not_shown_and_the_ids_are_the_id_columns_values():
    data = table_payload(frame(), id_column="measure_id", hidden=("secret",), label="Consensus")
    assert [c["name"] for c in data["columns"]] == ["Measure", "Proposers", "Share", "Flagged", "Articles"]
    assert data["ids"] == ["m-hotline", "m-coast"] and data["id_column"] == "measure_id"
    assert data["label"] == "Consensus"


def test_numbers_are_flagged_numeric_and_cells_are_json_values():
    data = table_payload(frame(), id_column="measure_id", hidden=("secret",))
    assert [c["numeric"] for c in data["columns"]] == [False, True, True, False, False]  # a bool column is not a number
    assert data["rows"] == [["Tokyo-Taipei hotline", 3, 0.5, "Yes", "A, B"],
                            ["Coast guard cooperation", 2, None, "No", "C"]]
    json.dumps(data, allow_nan=False)  # NaN became null: the browser gets valid JSON
    assert type(data["rows"][0][1]) is int  # a numpy int64 became a Python int


def test_without_an_id_column_no_row_can_be_picked_or_marked():
    data = table_payload(frame(), selected="m-hotline", pick_hint="to focus on it", reveal=".st-key-network")
    assert data["ids"] is None and data["selected"] is None and data["pick_hint"] == "" and data["reveal"] == ""
    assert "measure_id" in [c["name"] for c in data["columns"]]


def test_only_an_id_among_the_rows_is_selected():
    assert table_payload(frame(), id_column="measure_id", selected="m-coast")["selected"] == "m-coast"
    assert table_payload(frame(), id_column="measure_id", selected="m-gone")["selected"] is None


def test_the_key_follows_the_rows_not_the_selection_or_height():
    base = table_payload(frame(), id_column="measure_id")
    assert table_payload(frame(), id_column="measure_id", selected="m-coast", height=200)["key"] == base["key"]
    fewer = table_payload(frame().iloc[:1], id_column="measure_id")
    renamed = table_payload(frame().assign(Measure=["Hotline", "Coast guard cooperation"]), id_column="measure_id")
    assert len({base["key"], fewer["key"], renamed["key"]}) == 3


def test_text_is_passed_as_it_is():
    payload = '<img src=x onerror="window.__pwned=1"> **bold**'
    data = table_payload(pd.DataFrame({"Proposer": [payload], "n": [1]}))
    assert data["rows"] == [[payload, 1]]  # escaping is the component's job: it sets textContent
