"""The briefer's choice of slides and words, kept in the URL and shared by the Briefing page (widgets),
its deck and HTML pack, and Present mode; plus what they draw, in the one per-dataset cache (nothing per session)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from strait_watch.briefing.build import build_packs
from strait_watch.briefing.events import prefix_matches, record_choices, search_text
from strait_watch.briefing.media import for_medium
from strait_watch.briefing.model import BRIEF_KEYS, DEFAULT_SLIDES, SUBTITLE, TITLE, VIEW_LABELS, Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.core.memo import per_dataset


def event_picker(ds, f) -> list[str]:
    """Single-record slides: events, agreements and mechanisms, measures with their proposers. A search box
    narrows the multiselect's options by word prefixes (title, actors or parties or proposers, date; the exact
    title first): Streamlit's filter modes (1.67: fuzzy subsequence, "contains", whole-label "prefix") read the
    label only, and an event's label has no actors. Typing in the multiselect itself matches a substring, and
    there is no "Select all" option, so Enter never adds every match (issue 28). Kept in the URL as ids
    (`?key_events=…`, repeated), by hand: a bound multiselect would write its labels."""
    key = BRIEF_KEYS["events"]
    choices = record_choices(ds, f)
    if key not in st.session_state:  # a session opens: the link's records (ids the filters show)
        st.session_state[key] = [e for e in st.query_params.get_all(key) if e in choices]
    else:  # the filters changed: drop what they no longer show (a multiselect refuses unknown values)
        st.session_state[key] = [e for e in st.session_state[key] if e in choices]
    query = st.text_input("Find a record for its own slide", key="record_search",
                          placeholder="e.g. coast guard, hotline, 2016, Taiwan",
                          help="Each word you type must start a word of the record's title, its actors, parties or "
                               "proposers, or its date; the exact title comes first.")
    titles = {i: label.split(" — ", 1)[-1].split(": ", 1)[-1] for i, label in choices.items()}
    found = prefix_matches(query, search_text(ds, f), titles) if query.strip() else list(choices)
    options = list(dict.fromkeys([*st.session_state[key], *found]))
    picked = st.multiselect(f"Slides of single records ({len(found)} match{'es' if len(found) != 1 else ''}; "
                            "after the Timeline slide)", options, format_func=choices.get, key=key,
                            placeholder="Add an event, agreement or measure…", filter_mode="contains",
                            select_all=False,
                            help="Each becomes a slide: its date, headline, summary, actors and quotes.")
    if picked:
        st.query_params[key] = picked
    else:
        st.query_params.pop(key, None)
    return picked


def brief_form(ds, f) -> Brief:
    """Widgets bound to the URL: slides (in the order chosen), single-event slides, title, subtitle/audience,
    date, marking, appendix."""
    k = BRIEF_KEYS
    slides = st.multiselect("Slides, in order (after the title slide)", list(VIEW_LABELS), default=list(DEFAULT_SLIDES),
                            format_func=VIEW_LABELS.get, key=k["slides"], bind="query-params",
                            help="Remove slides you do not need; add them back in the order you want them.")
    events = event_picker(ds, f)
    c1, c2 = st.columns(2)
    title = c1.text_input("Deck title", value=TITLE, key=k["title"], bind="query-params", max_chars=90)
    subtitle = c2.text_input("Subtitle or audience", value=SUBTITLE, key=k["subtitle"], bind="query-params", max_chars=90)
    c3, c4, c5 = st.columns([1, 2, 1], vertical_alignment="bottom")
    date = c3.date_input("Briefing date", value=None, key=k["date"], bind="query-params", format="YYYY-MM-DD",
                         help="Empty: the day the deck is built.")
    marking = c4.text_input("Marking line (header and footer of every slide)", key=k["marking"], bind="query-params",
                            placeholder="e.g. FOR DISCUSSION", max_chars=80)
    appendix = c5.checkbox("Evidence appendix", key=k["appendix"], bind="query-params",
                           help="Off by default: the speaker notes already hold the quotes behind each slide.")
    return Brief(slides=tuple(slides) or DEFAULT_SLIDES, title=title.strip() or TITLE, subtitle=subtitle.strip(),
                 date=date, marking=marking.strip(), appendix=bool(appendix), events=tuple(events))


@per_dataset(maxsize=16)
def _present_pack(ds, filters, brief: Brief):
    pack = prepare_pack(ds, filters, brief)
    figures = {v.key: v.present_figure if v.present_figure is not None else for_medium(v.figure, "present")
               for v in pack.views if (v.figure is not None or v.present_figure is not None)
               and (v.table is None or v.table.empty)}  # a view with rows is shown as the deck's table
    return pack, figures


def cached_pack(ds, filters, brief: Brief):
    """(pack, Present figures) per dataset version + filters + slide choice: the one shared cache
    (components.memo.per_dataset), never mutated; the spinner shows only when it takes a while (a miss)."""
    with st.spinner("Preparing the slides…"):
        return _present_pack(ds, filters, brief)


@per_dataset(maxsize=4)
def cached_packs(ds, filters, brief: Brief):
    """(built packs, when built): the PowerPoint and HTML bytes per dataset version + filters + slide choice,
    shared by every session (a session keeps only the key it asked to build, never the bytes)."""
    return build_packs(ds, filters, exported_at=dt.datetime.now(), brief=brief), dt.datetime.now()  # shared renderer
