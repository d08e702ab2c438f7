"""AppTest: the Proposals page on the mini fixture (network embed, focus from the URL, filters, evidence)."""

from __future__ import annotations

import json

from apps import bidi_components, network_data, open_page, table_frames, table_payloads
from streamlit.testing.v1 import AppTest

from strait_watch.views.network.drawing import DIM_NODE, styled_nodes
from strait_watch.views.network.graph import MEASURE, PROPOSER, node_id
from tests.paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR
from tests.proposals_payload import ACTOR_NAME, PAYLOADS, make_payload_fixture

HOSHINO = "Hoshino Aki (proposer)"


def run_page(data=FIXTURE_DIR, corpus=FIXTURE_CORPUS, **params) -> AppTest:
    at = open_page("app_pages/proposals.py", data, corpus, **params)
    assert not at.exception, at.exception
    return at


def component(at) -> dict:
    """The data the mounted network component (custom component v2, a BidiComponent proto) holds."""
    return network_data(at)


def vis_nodes(at) -> list[dict]:
    return styled_nodes(component(at))


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_page_draws_the_whole_network_from_the_apps_static_files():
    at = run_page()
    data = component(at)
    base = data["base"]
    assert len(base["nodes"]) == 5 + FIXTURE_COUNTS["measures"] and len(base["edges"]) == FIXTURE_COUNTS["proposals"]
    assert base["asset_base"] == "/app/static/vis-network" and data["focus"] is None
    assert "https://" not in json.dumps(data)
    assert f"5 proposers · 6 measures · {FIXTURE_COUNTS['proposals']} proposals." in captions(at)
    assert at.selectbox(key="focus").value is None


def test_metrics_and_proposals_tables_read_on_their_own():
    at = run_page()
    (consensus,) = table_frames(at).values()  # only the open tab's table is sent
    assert consensus.iloc[0]["Measure"] == "Tokyo-Taipei hotline" and consensus.iloc[0]["Proposers"] == 3
    at = run_page(table="Shared agendas")
    (pairs,) = table_frames(at).values()
    assert pairs.iloc[0][["Proposer", "With", "Shared measures"]].tolist() == ["Hoshino Aki", "Lin Wei-ting", 2]
    at = run_page(table="Proposals")
    (proposals,) = table_frames(at).values()
    assert len(proposals) == FIXTURE_COUNTS["proposals"] and "Article" in proposals.columns


def test_focus_and_depth_come_from_the_url_and_dim_the_rest():
    at = run_page(focus=HOSHINO, depth="2", table="Proposals")
    assert at.selectbox(key="focus").value == node_id(PROPOSER, "hoshino-aki")
    assert at.slider(key="depth").value == 2
    assert "within 2 step(s) of Hoshino Aki \\(proposer\\)" in captions(at)
    nodes = vis_nodes(at)
    assert sum(n["color"] == DIM_NODE for n in nodes) == 11 - 5
    proposals = table_frames(at)["Proposals"]
    assert len(proposals) == 5  # the proposals around the focus


def test_changing_the_focus_widget_refocuses():
    at = run_page()
    at.selectbox(key="focus").set_value(node_id(MEASURE, "m-hotline")).run()
    assert not at.exception
    nodes = vis_nodes(at)
    lit = {n["id"] for n in nodes if n["color"] != DIM_NODE}
    assert lit == {node_id(MEASURE, "m-hotline")} | {
        node_id(PROPOSER, a) for a in ("hoshino-aki", "lin-wei-ting", "dana-whitcombe")}


def test_global_category_filter_narrows_the_network():
    at = run_page(category=["Measure: Dialogue channels"])
    assert len(vis_nodes(at)) == 4
    assert "3 proposers · 1 measures · 3 proposals." in captions(at)


def test_focus_outside_the_filters_says_so_and_shows_everyone_left():
    at = run_page(actor=["Lin Wei-ting (Wei-ting Lin)"], focus=HOSHINO)
    assert any("has no proposals under the current filters" in i.value for i in at.info)
    assert all(n["color"] != DIM_NODE for n in vis_nodes(at))


def test_no_matching_proposals_is_a_notice_not_an_empty_canvas():
    at = run_page(actor=["China (Beijing)"])
    assert any("No proposals match these filters" in i.value for i in at.info)
    # no component but the width probe (ui.event_list.medium): no network canvas
    assert [e.key for e in at.main if type(e).__name__ == "UnknownElement"] == ["sw_viewport"]


def test_picking_a_proposal_opens_its_evidence():
    at = run_page()
    at.session_state["proposal"] = "pr-902-whitcombe-hotline"  # what an edge click or a table row sets
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "I have argued since November 2021 that Tokyo and Taipei need a hotline." in shown


def test_data_that_tries_to_run_code_is_only_text(tmp_path):
    at = run_page(data=make_payload_fixture(tmp_path / "mini"), corpus=tmp_path / "no-corpus", table="Reach")
    data = component(at)  # text reaches the component as data, unchanged; the component shows it as text
    node = next(n for n in data["base"]["nodes"] if n["id"] == "actor:hoshino-aki")
    assert node["label"] == ACTOR_NAME and ACTOR_NAME in node["title"]
    assert not any(p in (at.markdown[0].value if at.markdown else "") for p in PAYLOADS)
    reach = table_frames(at)["Reach"]
    assert ACTOR_NAME in set(reach["Proposer"])


def _raw(at) -> dict:
    (proto,) = [p for p in bidi_components(at) if p.component_name.endswith("strait_watch_network")]
    return json.loads(proto.json)


def test_a_new_focus_sends_the_view_not_the_base_again():
    at = run_page()
    first = _raw(at)
    assert first["base"] is not None and first["lit"] is None
    at.selectbox(key="focus").set_value(node_id(MEASURE, "m-hotline")).run()
    second = _raw(at)
    assert second["base"] is None and second["key"] == first["key"]  # the component kept the base
    assert second["focus"] == "measure:m-hotline" and len(second["lit"]) == 4 and len(json.dumps(second)) < 300
    at.selectbox(key="colour").set_value("community").run()
    assert _raw(at)["base"] is not None  # another look: a new base, sent once


def test_a_component_that_lost_its_base_gets_it_again():
    at = run_page()
    at.run()
    assert _raw(at)["base"] is None
    del at.session_state["network__base_sent"]  # what the component's need_base message does (ui/network_view.py)
    at.run()
    assert _raw(at)["base"] is not None


def _table(at) -> dict:
    (data,) = table_payloads(at)
    return data


def test_the_tables_mark_the_focus_row_of_their_kind():
    assert _table(run_page(focus=HOSHINO, table="Reach"))["selected"] == "hoshino-aki"
    assert _table(run_page(focus=HOSHINO, table="Centrality"))["selected"] == "actor:hoshino-aki"
    consensus = _table(run_page(focus=HOSHINO))
    assert consensus["selected"] is None and "m-hotline" in consensus["ids"]  # a proposer is no consensus row
    assert _table(run_page(focus="Tokyo-Taipei hotline (measure)"))["selected"] == "m-hotline"
    pairs = _table(run_page(table="Shared agendas"))
    assert pairs["ids"] is None and "with_id" not in [c["name"] for c in pairs["columns"]]
