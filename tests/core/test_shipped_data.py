"""The readings of issue 9 (data review), pinned on the shipped data: expected values written by hand from the articles."""


def holders(shipped, measure, source=None):
    p = shipped.proposals[shipped.proposals["measure"] == measure]
    if source:
        p = p[p["source_id"] == source]
    return sorted(p["proposer"])


def test_the_general_call_has_its_own_category_and_every_holder(shipped):
    m = shipped.measures.set_index("id").loc["m-strengthen-security-cooperation"]
    assert m["category"] == "general-cooperation"
    assert shipped.measures[shipped.measures["category"] == "general-cooperation"]["id"].tolist() == ["m-strengthen-security-cooperation"]
    assert holders(shipped, "m-strengthen-security-cooperation") == sorted([
        "sato-masahisa", "otsuka-taku", "lo-chih-cheng", "tsai-shih-ying", "jp-ldp",  # 000: the 2+2 delegates, the LDP
        "author-001", "jp-ldp-taiwan-project-team",  # 001
        "newsham-grant",  # 002
        "higuchi-joji",  # 003
        "hsiao-russell",  # 004
    ])


def test_the_informant_is_not_credited_with_the_views_he_reports(shipped):
    # 002: "Tsai said. Both countries intend to bolster..." and "Tsai said the parties see coast guard cooperation in HADR"
    assert holders(shipped, "m-bolster-border-defences", "src-002") == ["japan", "taiwan"]
    assert holders(shipped, "m-coast-guard-cooperation", "src-002") == ["jp-ldp", "tw-dpp"]
    assert holders(shipped, "m-hadr", "src-002") == ["jp-ldp", "newsham-grant", "tw-dpp"]


def test_newsham_and_the_us_analysts_count_once(shipped):
    assert "us-analysts" not in set(shipped.actors["id"])
    for m in ("m-amphibious-cooperation", "m-joint-training", "m-air-missile-defence", "m-nk-sanctions-enforcement",
              "m-joint-escort"):
        assert holders(shipped, m, "src-004") == ["newsham-grant"], m


def test_premise_and_topic_are_not_proposals(shipped):
    assert "m-joint-response-coercion" not in set(shipped.measures["id"])
    assert holders(shipped, "m-joint-response-countermeasures") == ["lo-chih-cheng"]
    assert holders(shipped, "m-military-hotline") == ["higuchi-joji", "hsiao-russell"]  # not Watanabe


def test_consultations_conclude_no_agreement_and_admm_plus_has_no_abbreviation(shipped):
    assert shipped.events.set_index("id").loc["ev-2021-04-taiwan-contingency-consultations", "agreement"] == ""
    assert shipped.agreements.set_index("id").loc["ag-2021-admm-plus-kishi-remarks", "abbreviation"] == ""


def test_every_table1_quote_has_its_cell_locator(shipped):
    table1 = set(shipped.agreements.loc[shipped.agreements["table1"], "id"])
    quotes = shipped.evidence[shipped.evidence["record_id"].isin(table1)]
    assert len(quotes) == 20
    got = dict(zip(quotes["record_id"], quotes["locator"], strict=True))
    assert got["ag-jp-in-raa"] == "Table 1, row RAA, column India"
    assert got["ag-jp-de-gsomia"] == "Table 1, row GSOMIA, column Germany"
    assert got["ag-jp-uk-equipment"] == "Table 1, row Equipment, column U.K."
    assert all(v.startswith("Table 1, row ") for v in got.values())


def test_actor_aliases_fixed(shipped):
    aliases = {r.id: r.aliases for r in shipped.actors.itertuples()}
    assert "Abe Administration" in aliases["abe-shinzo"] and "Americans" in aliases["usa"]
    assert "Yonaguni" not in aliases["jp-yonaguni-observation-unit"]


def test_the_2plus2_event_carries_its_first_time_quotes(shipped):
    quotes = shipped.evidence.loc[shipped.evidence["record_id"] == "ev-2021-03-16-us-japan-2plus2", "quote"].tolist()
    assert any("for the first time, the alliance publicly mentioned" in q for q in quotes)
    assert any("breaking from past 2+2 statements" in q for q in quotes)
