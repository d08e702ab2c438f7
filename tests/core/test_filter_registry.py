"""A filter is one registry entry (strait_watch.core.filters.FILTERS): a throwaway entry, added here and nowhere
else, appears in every face that reads the registry: the sidebar, the link (read and written), the CSV name, the
empty-result message, the masks, the words, the deck's footer and Present's caption."""

import datetime as dt
import io

import numpy as np
import pytest
from apps import open_page
from pptx import Presentation

from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import build_pptx
from strait_watch.core import memo
from strait_watch.core.export import export_filename
from strait_watch.core.filters import (
    FILTERS,
    Filter,
    Filters,
    Widget,
    describe_filters,
    filter_agreements,
    filter_events,
    filter_proposals,
    no_match_message,
)
from strait_watch.core.links import filters_to_query, read_query
from strait_watch.render import NoRenderer

NOW = dt.datetime(2026, 12, 7, 9, 0)


class Flagged(Filter):
    """Keeps no record when on: enough to see every face."""

    name, loosen = "flag", "flag"
    fields = {"flag": ""}  # noqa: RUF012 - a test entry
    widgets = (Widget("flag", "radio", "Flagged only", default="off", options=lambda ds: {"off": "Off", "on": "On"}),)

    def read_query(self, raw, ds):
        values = raw.get("flag", [])
        if values and values[-1] in ("off", "on"):
            return {"flag": values[-1]}, []
        return {}, ([f"Ignored 'flag={values[-1]}'"] if values else [])

    def to_query(self, f):
        return {"flag": ["on"]} if f.flag else {}

    def from_widgets(self, state):
        return {"flag": "on" if state.get("flag") == "on" else ""}

    def describe(self, f, ds):
        return "Flagged records only" if f.flag else ""

    def slug(self, f):
        return "flag-on" if f.flag else ""

    def mask(self, ds, f, table, lk, maybe):
        return np.zeros(len(getattr(ds, table)), dtype=bool) if f.flag else None


@pytest.fixture
def flagged():
    entry = Flagged()
    FILTERS.append(entry)
    memo.clear_all()
    yield Filters(flag="on")
    FILTERS.remove(entry)
    memo.clear_all()


def test_the_value_takes_the_new_field(flagged):
    assert flagged.flag == "on" and not flagged.is_empty
    assert Filters().flag == "" and Filters().is_empty
    assert flagged.replace(flag="") == Filters()
    with pytest.raises(TypeError):
        Filters(nonsense=1)


def test_the_link_reads_and_writes_it(ds, flagged):
    assert filters_to_query(flagged.replace(actors=("japan",))) == {"actor": ["japan"], "flag": ["on"]}
    link = read_query({"flag": ["on"], "actor": ["japan"]}, ds)
    assert link.values == {"actor": ["japan"], "flag": "on"} and link.problems == []
    assert read_query({"flag": ["maybe"]}, ds).problems == ["Ignored 'flag=maybe'"]


def test_names_words_masks_and_the_empty_message(ds, flagged):
    assert export_filename("timeline", flagged) == "strait-watch_timeline_flag-on.csv"
    assert export_filename("timeline", flagged.replace(actors=("japan",))) == \
        "strait-watch_timeline_actor-japan_flag-on.csv"
    assert describe_filters(flagged, ds) == "Flagged records only"
    assert no_match_message("events", flagged) == ("**No events match these filters.** Loosen the flag in the "
                                                   "sidebar, or press *Reset filters*.")
    assert filter_events(ds, flagged).empty and filter_agreements(ds, flagged).empty
    assert filter_proposals(ds, flagged).empty


def test_the_deck_footer_says_it(ds, flagged):
    prs = Presentation(io.BytesIO(build_pptx(ds, flagged, exported_at=NOW, renderer=NoRenderer())))
    footers = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.name == "footer"]
    assert footers and all(text.startswith("Flagged records only · ") for text in footers)  # in words (issue 28)
    (timeline,) = [v for v in prepare_pack(ds, flagged).views if v.key == "timeline"]
    assert timeline.empty == "No events match these filters: loosen the flag."


def test_the_sidebar_draws_it_and_the_pages_say_to_loosen_it(flagged):
    at = open_page("app_pages/overview.py", flag="on")
    assert not at.exception
    (radio,) = [r for r in at.radio if r.key == "flag"]
    assert radio.label == "Flagged only" and radio.value == "on"
    assert at.query_params["flag"] in ("on", ["on"])
    assert any("Loosen the flag in the sidebar" in i.value for i in at.info)
    assert any("Flagged records only" in c.value for c in at.sidebar.caption)
    at = open_page("app_pages/present.py", flag="on")
    assert not at.exception
    assert any("Flagged records only" in m.value for m in [*at.markdown, *at.caption])


def test_the_support_filter_reaches_every_face(ds):
    """The drift the registry ends: `support` was missing from file names and from the empty message."""
    f = Filters(support="multi")
    assert export_filename("timeline", f) == "strait-watch_timeline_support-multi.csv"
    assert no_match_message("proposals", f) == ("**No proposals match these filters.** Loosen the sources per record "
                                                 "in the sidebar, or press *Reset filters*.")
