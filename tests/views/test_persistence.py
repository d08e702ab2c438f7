"""The persistence view ("What came back", issue 27) against hand counts.

Expected values are read by hand from data/proposals.csv (shipped) and tests/fixtures/mini/proposals.csv, never
computed by the code under test. Shipped: Higuchi's 2017 paper (src-003, dated 2017-06, inferred) proposes 13
measures; 11 come back later (Tsai Ing-wen's 2019 statements reported in src-004, and the 2021 articles); noncombatant
evacuation and search and rescue do not. Fixture: five measures first raised in 2021, the trilateral dialogue again
in 2022 (src-902's us-analysts), one measure (maritime intelligence sharing) first raised in 2022.
"""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from strait_watch.briefing.media import font_sizes, for_medium
from strait_watch.core.export import to_csv
from strait_watch.core.filters import Filters
from strait_watch.views.persistence import (
    DROPPED,
    NEW,
    RECURRING,
    persistence_figure,
    persistence_list_html,
    persistence_numbers,
    persistence_rows,
    persistence_table,
    short_name,
)

HIGUCHI = {"m-air-missile-defence", "m-classified-info-exchange", "m-cyber-cooperation", "m-hadr",
           "m-liaison-officers", "m-maritime-security", "m-military-hotline", "m-noncombatant-evacuation",
           "m-real-time-info-sharing", "m-search-and-rescue", "m-strengthen-security-cooperation",
           "m-taiwan-relations-law", "m-trilateral-cooperation"}
NOT_AGAIN = {"m-noncombatant-evacuation", "m-search-and-rescue"}
# Every holder of a post-2017 proposal of Higuchi's measures, read row by row from data/proposals.csv.
LATER_HOLDERS = {"newsham-grant", "watanabe-kinzo", "tsai-ing-wen", "author-001", "jp-ldp", "tw-dpp", "hsiao-russell",
                 "jp-ldp-taiwan-project-team", "lo-chih-cheng", "otsuka-taku", "sato-masahisa", "tsai-shih-ying",
                 "tokyo-policy-elites", "kuo-yujen", "kato-yoichi", "observers-004"}


def row(table: pd.DataFrame, measure: str):
    found = table[table["measure_id"] == measure]
    assert len(found) == 1, measure
    return found.iloc[0]


def test_higuchis_measures_come_back_or_not(shipped):
    table = persistence_table(shipped, Filters())
    assert len(table) == 29  # every measure of measures.csv has a proposal
    first_2017 = set(table.loc[table["first_year"] == 2017, "measure_id"])
    assert first_2017 == HIGUCHI
    assert set(table.loc[table["status"] == DROPPED, "measure_id"]) == NOT_AGAIN
    assert set(table.loc[table["status"] == RECURRING, "measure_id"]) == (HIGUCHI - NOT_AGAIN) | {"m-govt-security-dialogue"}
    assert (table["status"] == NEW).sum() == 15


def test_who_raised_them_again_and_where(shipped):
    table = persistence_table(shipped, Filters())
    hadr = row(table, "m-hadr")
    assert set(hadr["again_holders"]) == {"author-001", "jp-ldp", "newsham-grant", "tw-dpp"}
    assert set(hadr["again_articles"]) == {"src-001", "src-002"}
    assert (hadr["first_date"], hadr["first_precision"], hadr["first_holders"]) == ("2017-06", "month", ("higuchi-joji",))
    assert (hadr["last_year"], hadr["years_apart"]) == (2021, 4)
    trilateral = row(table, "m-trilateral-cooperation")
    assert set(trilateral["again_holders"]) == {"kuo-yujen", "newsham-grant", "kato-yoichi", "observers-004"}
    assert set(trilateral["again_articles"]) == {"src-000", "src-002", "src-004"}
    cyber = row(table, "m-cyber-cooperation")  # only Tsai Ing-wen (2019, reported by Hsiao in 2021)
    assert (cyber["last_year"], cyber["years_apart"], cyber["again_holders"]) == (2019, 2, ("tsai-ing-wen",))
    dialogue = row(table, "m-govt-security-dialogue")
    assert (dialogue["first_year"], dialogue["first_holders"], dialogue["status"]) == (2019, ("tsai-ing-wen",), RECURRING)
    for measure in NOT_AGAIN:
        r = row(table, measure)
        assert (r["last_year"], r["again_holders"], r["holders"]) == (2017, (), ("higuchi-joji",))


def test_the_numbers_behind_the_headline(shipped):
    n = persistence_numbers(shipped, Filters())
    assert (n.earliest, n.horizon, n.measures) == (2017, 2021, 29)
    assert set(n.early) == HIGUCHI and set(n.dropped) == NOT_AGAIN and len(n.again) == 11
    assert set(n.again_holders) == LATER_HOLDERS and len(n.again_holders) == 16
    assert set(n.again_articles) == {"src-000", "src-001", "src-002", "src-004"}
    assert n.again_years == (2019, 2021)
    assert n.between == ("m-govt-security-dialogue",)


def test_an_actor_filter_says_what_it_proposed_before_and_after(shipped):
    higuchi = persistence_table(shipped, Filters(actors=("higuchi-joji",)))
    assert set(higuchi["measure_id"]) == HIGUCHI and set(higuchi["status"]) == {DROPPED}  # he never came back
    tsai = persistence_table(shipped, Filters(actors=("tsai-ing-wen",)))
    assert set(tsai["measure_id"]) == {"m-cyber-cooperation", "m-govt-security-dialogue", "m-maritime-security",
                                       "m-real-time-info-sharing"}
    assert set(tsai["first_year"]) == {2019} and set(tsai["status"]) == {DROPPED}
    taiwan = persistence_table(shipped, Filters(actors=("taiwan",)))
    assert set(taiwan["measure_id"]) == {"m-bolster-border-defences", "m-cptpp-accession", "m-govt-security-dialogue"}
    assert set(taiwan["status"]) == {NEW}


def test_the_fixture_by_hand(mini):
    table = persistence_table(mini, Filters())
    status = dict(zip(table["measure_id"], table["status"], strict=True))
    assert status == {"m-coast-guard-drills": DROPPED, "m-hotline": DROPPED, "m-taiwan-relations-law": DROPPED,
                      "m-hadr-exercises": DROPPED, "m-trilateral-dialogue": RECURRING, "m-info-sharing": NEW}
    trilateral = row(table, "m-trilateral-dialogue")
    assert (trilateral["first_date"], trilateral["last_date"]) == ("2021-11", "2022-01-15")
    assert trilateral["again_holders"] == ("us-analysts",) and trilateral["again_articles"] == ("src-902",)
    hotline = row(table, "m-hotline")
    assert hotline["holders"] == ("hoshino-aki", "lin-wei-ting", "dana-whitcombe")  # in date order
    assert hotline["articles"] == ("src-900", "src-901", "src-902")


def test_sorts_within_each_category(mini, shipped):
    # dialogue channels, sorted by persistence: liaison officers and the hotline (2017 -> 2021; 2 and 1 holders
    # again), the government dialogue (2019 -> 2021), the party dialogue (2021 only)
    table = persistence_table(shipped, Filters(), "persistence")
    dialogue = list(table.loc[table["category"] == "dialogue-channels", "measure_id"])
    assert dialogue == ["m-liaison-officers", "m-military-hotline", "m-govt-security-dialogue", "m-party-security-dialogue"]
    # by support: the party dialogue has 5 holders, the government dialogue 5 (in two articles against one)
    support = persistence_table(shipped, Filters(), "support")
    dialogue = list(support.loc[support["category"] == "dialogue-channels", "measure_id"])
    assert dialogue[:2] == ["m-govt-security-dialogue", "m-party-security-dialogue"]
    categories = list(dict.fromkeys(table["category"]))
    assert categories[0] == "dialogue-channels" and categories[-1] == "general-cooperation"  # the palette's order
    assert sorted(persistence_table(mini, Filters(), "first")["measure_id"]) == sorted(
        persistence_table(mini, Filters(), "support")["measure_id"])


def test_figure_one_mark_per_proposal(shipped, mini):
    fig = persistence_figure(shipped, Filters())
    ids = [c[0] for t in fig.data if t.customdata is not None for c in t.customdata]
    assert len(ids) == 73 and len(set(ids)) == 73  # 73 rows in data/proposals.csv
    marks = {t.name: len(t.customdata) for t in fig.data if t.customdata is not None}
    # Taiwan in actors.csv: kuo-yujen 4, tsai-ing-wen 4, lo-chih-cheng 3, taiwan 3, tw-dpp 3, tsai-shih-ying 1, wang-tsun-yen 1
    assert marks["Taiwan"] == 19
    dropped = [a for a in fig.layout.annotations if a.text == "✕ not raised again"]
    assert len(dropped) == 2
    fixture = persistence_figure(mini, Filters())
    assert sorted(c[0] for t in fixture.data if t.customdata is not None for c in t.customdata) == sorted([
        "pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline", "pr-900-lantern-taiwan-relations-law",
        "pr-901-lin-coast-guard-drills", "pr-901-lin-hadr-exercises", "pr-901-lin-hotline",
        "pr-901-whitcombe-trilateral-dialogue", "pr-902-analysts-trilateral-dialogue", "pr-902-whitcombe-hotline",
        "pr-902-whitcombe-info-sharing"])


def test_slide_and_present_draw_the_measures_with_a_history_legibly(shipped):
    for medium in ("slide", "present"):
        fig = persistence_figure(shipped, Filters(), medium)
        labels = [a.name[len("label:"):] for a in fig.layout.annotations if (a.name or "").startswith("label:")]
        assert set(labels) == HIGUCHI | {"m-govt-security-dialogue"}
        assert min(font_sizes(for_medium(fig, "slide") if medium == "slide" else fig)) >= 18
        assert fig.layout.yaxis.range[0] <= fig.layout.height - fig.layout.margin.t - fig.layout.margin.b  # rows fit
    assert short_name("Military hotline (maritime and air communication mechanism)") == "Military hotline"
    assert short_name("Cyber security cooperation") == "Cyber security cooperation"


def test_csv_one_row_per_measure(shipped):
    rows = persistence_rows(shipped, persistence_table(shipped, Filters()))
    back = pd.read_csv(io.BytesIO(to_csv(rows)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == 29 and back["measure_id"].is_unique
    hadr = back[back["measure_id"] == "m-hadr"].iloc[0]
    assert (hadr["first_date"], hadr["first_precision"], hadr["first_holders"]) == ("2017-06", "month", "Joji Higuchi")
    assert (hadr["last_date"], hadr["last_precision"], hadr["raised_again_by"], hadr["article_count"]) == ("2021", "year", "4", "3")
    assert hadr["first_articles"] == "How to enhance Japan-Taiwan Security Relations"


def test_phone_list_names_every_measure_and_its_fate(mini):
    html = persistence_list_html(mini, Filters())
    for name in ("Joint coast guard drills", "Tokyo-Taipei hotline", "US-Japan-Taiwan trilateral dialogue",
                 "Maritime intelligence sharing"):
        assert name in html
    assert html.count(">Not raised again<") == 4 and html.count("Not raised again by 2022.") == 4 and html.count(">Raised again<") == 1
    assert "Only in 2022" in html
    assert persistence_list_html(mini, Filters(actors=("nobody",))) == ""


@settings(derandomize=True, max_examples=25, deadline=None)
@given(actors=st.sets(st.sampled_from(["hoshino-aki", "lin-wei-ting", "dana-whitcombe", "us-analysts",
                                       "jp-lantern-party"]), max_size=3),
       sort=st.sampled_from(["first", "persistence", "support"]))
def test_status_follows_the_years_under_any_actors(mini, actors, sort):
    table = persistence_table(mini, Filters(actors=tuple(sorted(actors))), sort)
    for r in table.itertuples():
        assert (r.status == RECURRING) == (r.last_year > r.first_year) == bool(r.again_holders)
        assert (r.status == NEW) == (r.first_year == 2022)  # the fixture's latest proposal: 15 Jan 2022
