"""The one owner of filter state: sidebar widgets bound to the URL, reset, URL notices, `current_filters()`.

The widgets' keys are the URL parameter names (`bind="query-params"`), so a copied link restores the
filters and switching pages keeps them. Widget values are ids; the URL holds their labels
(Streamlit writes format_func's result to the URL), see `components.filters.filters_to_query`.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.filters import (
    PARAM_KEYS,
    Filters,
    actor_options,
    category_options,
    data_date_range,
    describe_filters,
    query_problems,
    source_options,
)

# Streamlit's own parameters, never ours to complain about.
_STREAMLIT_PARAMS = {"embed", "embed_options"}
_DEFAULTS = {"actor": [], "from": None, "to": None, "category": [], "source": []}


def _reset() -> None:
    for key, value in _DEFAULTS.items():
        st.session_state[key] = value


@dataclass
class QueryNotice:
    """A slot at the top of the page for URL problems; `show()` runs after the page so page-owned parameters count as known."""

    slot: st.delta_generator.DeltaGenerator
    problems: list[str]

    def show(self) -> None:
        known = set(PARAM_KEYS) | _STREAMLIT_PARAMS | set(st.session_state.keys())
        unknown = sorted(k for k in st.query_params.keys() if k not in known)
        problems = list(self.problems)
        if unknown:
            problems.append("Ignored unknown URL parameter(s): " + ", ".join(repr(k) for k in unknown))
        if problems:
            self.slot.warning("**Some of the link's filters could not be used.**\n\n" + "\n".join(f"- {p}" for p in problems),
                              icon=":material/link_off:")


def render_sidebar(ds) -> QueryNotice:
    """Draw the global filters in the sidebar. Call once, in app.py, before `pg.run()`; then call `.show()` on the result."""
    raw = {k: st.query_params.get_all(k) for k in PARAM_KEYS}  # before the widgets drop bad values
    lo, hi = data_date_range(ds)
    notice = QueryNotice(st.container(), query_problems(raw, ds, (lo, hi)))

    actors, categories, sources = actor_options(ds), category_options(ds.schema), source_options(ds)
    with st.sidebar:
        st.subheader("Filters")
        st.multiselect(
            "Actors", list(actors), format_func=lambda a: actors.get(a, a), key="actor", bind="query-params",
            placeholder="Type a name or alias", filter_mode="contains",
            help="Events involving, agreements with, or proposals by any of these actors.",
        )
        st.date_input("From", value=None, min_value=lo, max_value=hi, key="from", bind="query-params", format="YYYY-MM-DD",
                      help="An event counts when all of its date lies in the range; one dated less precisely (only '2021' for "
                           "August) is listed apart as *may be in range*. Agreements concluded in the range (undated "
                           "ones stay); proposals from articles published in it.")
        st.date_input("To", value=None, min_value=lo, max_value=hi, key="to", bind="query-params", format="YYYY-MM-DD")
        st.multiselect(
            "Categories", list(categories), format_func=lambda c: categories.get(c, c), key="category", bind="query-params",
            placeholder="Event, agreement or measure categories", filter_mode="contains",
            help="Event categories narrow events, agreement types narrow agreements, measure categories narrow "
                 "proposals; a table with none of its own selected is not narrowed.",
        )
        st.multiselect(
            "Sources", list(sources), format_func=lambda s: sources.get(s, s), key="source", bind="query-params",
            placeholder="Articles", filter_mode="contains",
            help="Records quoted in any of these articles; only their quotes are shown.",
        )
        f = current_filters()
        st.button("Reset filters", on_click=_reset, disabled=f.is_empty, icon=":material/restart_alt:", width="stretch")
        st.caption(describe_filters(f, ds))
        st.caption(f"Dataset {ds.version}")
    return notice


def current_filters() -> Filters:
    """The filters the sidebar holds in this run (ids, dates). Pages call this; nothing else reads these keys."""
    state = st.session_state
    start, end = state.get("from"), state.get("to")
    if start and end and start > end:
        start, end = end, start
    return Filters(
        actors=tuple(state.get("actor") or ()),
        start=start,
        end=end,
        categories=tuple(state.get("category") or ()),
        sources=tuple(state.get("source") or ()),
    )
