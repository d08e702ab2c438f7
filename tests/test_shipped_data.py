"""The readings of issue 9 (data review), pinned on the shipped data: expected values written by hand from the articles."""

import pytest
from paths import SHIPPED_DATA

from components.dataset import load_dataset


@pytest.fixture(scope="module")
def ds():
    if not (SHIPPED_DATA / "proposals.csv").exists():
        pytest.skip("data/proposals.csv is absent")
    return load_dataset(SHIPPED_DATA, check_quotes=False)


def holders(ds, measure, source=None):
    p = ds.proposals[ds.proposals["measure"] == measure]
    if source:
        p = p[p["source_id"] == source]
    return sorted(p["proposer"])


def test_the_general_call_has_its_own_category_and_every_holder(ds):
    m = ds.measures.set_index("id").loc["m-strengthen-security-cooperation"]
    assert m["category"] == "general-cooperation"
    assert ds.measures[ds.measures["category"] == "general-cooperation"]["id"].tolist() == ["m-strengthen-security-cooperation"]
    assert holders(ds, "m-strengthen-security-cooperation") == sorted([
        "sato-masahisa", "otsuka-taku", "lo-chih-cheng", "tsai-shih-ying", "jp-ldp",  # 000: the 2+2 delegates, the LDP
        "author-001", "jp-ldp-taiwan-project-team",  # 001
        "newsham-grant",  # 002
        "higuchi-joji",  # 003
        "hsiao-russell",  # 004
    ])


def test_the_informant_is_not_credited_with_the_views_he_reports(ds):
    # 002: "Tsai said. Both countries intend to bolster..." and "Tsai said the parties see coast guard cooperation in HADR"
    assert holders(ds, "m-bolster-border-defences", "src-002") == ["japan", "taiwan"]
    assert holders(ds, "m-coast-guard-cooperation", "src-002") == ["jp-ldp", "tw-dpp"]
    assert holders(ds, "m-hadr", "src-002") == ["jp-ldp", "newsham-grant", "tw-dpp"]


def test_newsham_and_the_us_analysts_count_once(ds):
    assert "us-analysts" not in set(ds.actors["id"])
    for m in ("m-amphibious-cooperation", "m-joint-training", "m-air-missile-defence", "m-nk-sanctions-enforcement",
              "m-joint-escort"):
        assert holders(ds, m, "src-004") == ["newsham-grant"], m


def test_premise_and_topic_are_not_proposals(ds):
    assert "m-joint-response-coercion" not in set(ds.measures["id"])
    assert holders(ds, "m-joint-response-countermeasures") == ["lo-chih-cheng"]
    assert holders(ds, "m-military-hotline") == ["higuchi-joji", "hsiao-russell"]  # not Watanabe


def test_consultations_conclude_no_agreement_and_admm_plus_has_no_abbreviation(ds):
    assert ds.events.set_index("id").loc["ev-2021-04-taiwan-contingency-consultations", "agreement"] == ""
    assert ds.agreements.set_index("id").loc["ag-2021-admm-plus-kishi-remarks", "abbreviation"] == ""


def test_every_table1_quote_has_its_cell_locator(ds):
    table1 = set(ds.agreements.loc[ds.agreements["table1"], "id"])
    quotes = ds.evidence[ds.evidence["record_id"].isin(table1)]
    assert len(quotes) == 20
    got = dict(zip(quotes["record_id"], quotes["locator"], strict=True))
    assert got["ag-jp-in-raa"] == "Table 1, row RAA, column India"
    assert got["ag-jp-de-gsomia"] == "Table 1, row GSOMIA, column Germany"
    assert got["ag-jp-uk-equipment"] == "Table 1, row Equipment, column U.K."
    assert all(v.startswith("Table 1, row ") for v in got.values())


def test_actor_aliases_fixed(ds):
    aliases = {r.id: r.aliases for r in ds.actors.itertuples()}
    assert "Abe Administration" in aliases["abe-shinzo"] and "Americans" in aliases["usa"]
    assert "Yonaguni" not in aliases["jp-yonaguni-observation-unit"]


def test_the_2plus2_event_carries_its_first_time_quotes(ds):
    quotes = ds.evidence.loc[ds.evidence["record_id"] == "ev-2021-03-16-us-japan-2plus2", "quote"].tolist()
    assert any("for the first time, the alliance publicly mentioned" in q for q in quotes)
    assert any("breaking from past 2+2 statements" in q for q in quotes)
