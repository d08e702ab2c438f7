"""The one owner of filter state: sidebar widgets, their URL, reset, the link notice, `current_filters()`.

Links carry stable ids (`?actor=japan&match=all&source=src-902&category=statement`). Streamlit's
`bind="query-params"` writes a multiselect's format_func label to the URL, not its id, so the actor, match,
category and source parameters are kept in the URL here: read once when a session opens (ids, names and the
labels older links carry, see `components.filter_links`), written back as ids on every run (a page switch
clears unbound parameters; the next run puts them back). The date widgets stay bound (their URL values are ISO
dates). Page widgets bind their own parameters; the notice checks what Streamlit dropped from them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import streamlit as st

from strait_watch.core.filters import (
    MATCH_VALUES,
    PAGE_KEYS,
    PARAM_KEYS,
    Filters,
    actor_options,
    category_options,
    data_date_range,
    describe_filters,
    source_options,
)
from strait_watch.core.links import (
    LIST_KEYS,
    LIST_PAGE_KEYS,
    page_key_problems,
    page_record_ids,
    read_query,
    shown,
)
from strait_watch.core.style import escape_markdown
from ui.link_values import was_accepted

# Streamlit's own parameters, never ours to complain about.
_STREAMLIT_PARAMS = {"embed", "embed_options"}
_DEFAULTS = {"actor": [], "match": "any", "from": None, "to": None, "category": [], "source": [], "support": "any"}
_SEEDED = "_sw_filters_seeded"  # session flag: the URL's filters were read into the widgets
_MATCH_LABELS = {"any": "Any of them", "all": "All of them"}
_SUPPORT_LABELS = {"any": "Any", "single": "Single-source only", "multi": "Two or more"}
_MAX_FIELDS, _MAX_CHARS = 1000, 512 * 1024  # Streamlit ignores a whole query string over either limit
# Streamlit drops an over-long query string before Python sees it: the browser measures the link and reports
# back only when it is over a limit (so an ordinary visit costs no extra rerun).
_LINK_SIZE_JS = f"""
export default function({{ setStateValue }}) {{
  const q = window.location.search.replace(/^\\?/, "");
  const fields = q ? q.split("&").length : 0;
  if (fields > {_MAX_FIELDS} || q.length > {_MAX_CHARS}) setStateValue("too_long", [fields, q.length]);
}}
"""
_link_size = st.components.v2.component("sw_link_size", js=_LINK_SIZE_JS)
_run = threading.local()  # the notice of the script run in this thread (one run per thread at a time)


def _reset() -> None:
    for key, value in _DEFAULTS.items():
        st.session_state[key] = value


@dataclass
class QueryNotice:
    """A slot at the top of the page for URL problems; `show()` runs after the page so page-owned parameters count as known."""

    slot: st.delta_generator.DeltaGenerator
    problems: list[str]
    raw: dict[str, list[str]] = field(default_factory=dict)  # the whole URL as the run began
    ds: object = None  # the dataset the page keys (`event`, `cell`) must name a record of
    opening: bool = False  # the session's first run: the URL is the link as sent
    done: bool = False

    def page_key_problems(self) -> list[str]:
        """`event`/`cell` values that name no such record; on opening, also a record the page did not show
        (the page drops a value it cannot show from the URL, e.g. an event the filters hide)."""
        if self.ds is None:
            return []
        problems, known = page_key_problems(self.raw, self.ds), page_record_ids(self.ds)
        for key in PAGE_KEYS if self.opening else ():
            values = [v for v in self.raw.get(key, []) if v]
            asked = list(dict.fromkeys(values)) if key in LIST_PAGE_KEYS else values[-1:]
            hidden = [v for v in asked if v in known[key] and v not in st.query_params.get_all(key)]
            if hidden:
                problems.append("Ignored " + ", ".join(f"'{key}={shown(v)}'" for v in hidden)
                                + ": not shown with these filters and page settings")
        return problems

    def page_problems(self) -> list[str]:
        """Unknown parameter names, and page parameters Streamlit dropped or corrected (bad values)."""
        problems, unknown = [], []
        # What the app itself wrote in the last run is not a link's ask: a callback that moves a bound widget
        # (Present's Next) leaves the old value in the URL for one run.
        written = st.session_state.get(_WRITTEN) or {}
        st.session_state[_WRITTEN] = _url_params()
        for key, values in self.raw.items():
            if key in PARAM_KEYS or key in PAGE_KEYS or key in _STREAMLIT_PARAMS or written.get(key) == values:
                continue
            bound, several, url_form = _binding(key)
            if not bound:
                unknown.append(key)
                continue
            if not several and len(set(values)) > 1:  # a one-value widget: Streamlit takes the last
                problems.append(f"Several '{shown(key)}' values: used the last, '{shown(values[-1])}'")
                values = values[-1:]
            now = st.query_params.get_all(key)
            if now == values or values == [""] or was_accepted(key, values):
                continue
            if not now and [v.casefold() for v in url_form] == [v.strip().casefold() for v in values]:
                continue  # the default, left out of the URL
            fix = f" (used '{shown(now[-1])}')" if now else ""
            bad = ", ".join(f"'{shown(key)}={shown(v)}'" for v in values if v not in now)
            problems.append(f"Ignored {bad}: not a value this page offers{fix}")
        if unknown:
            problems.append("Ignored unknown URL parameter(s): " + ", ".join(f"'{shown(k)}'" for k in sorted(unknown)))
        return problems

    def show(self) -> None:
        if self.done:
            return
        self.done = True
        problems = self.problems + self.page_key_problems() + self.page_problems()
        if problems:
            self.slot.warning("**Some of the link's filters could not be used.**\n\n" + "\n".join(f"- {p}" for p in problems),
                              icon=":material/link_off:")


def stop_page() -> None:
    """`st.stop()` for a page that has nothing to show: the link notice still appears first."""
    notice = getattr(_run, "notice", None)
    if notice is not None:
        notice.show()
    st.stop()


def no_match_message(what: str, f: Filters) -> str:
    """What an empty table says: the filters to loosen when some are set, else that the data has none."""
    if f.is_empty:
        return f"The data has no {what}."
    loosen = [name for name, on in (("actors", f.actors), ("dates", f.start or f.end),
                                     ("categories", f.categories), ("sources", f.sources)) if on]
    return (f"**No {what} match these filters.** Loosen the {' or '.join(loosen)} in the sidebar, "
            "or press *Reset filters*.")


def _binding(key: str):
    """(bound, takes several values, the widget's value as URL values) for URL parameter `key`.

    Streamlit has no public call for this: read from its query-param bindings and widget metadata.
    """
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        safe = get_session_state()
        with safe.query_params() as qp:
            binding = qp.get_binding_for_param(key)
        if binding is None:
            return False, False, []
        several = binding.value_type.endswith("_array_value")
        meta = safe._state._new_widget_state.widget_metadata.get(binding.widget_id)
        value = st.session_state.get(key)
        form = meta.serializer(value) if meta else value
    except Exception:  # an internal API moved: fall back to "a widget key of this session"
        form, several = st.session_state.get(key), False
        if key not in st.session_state or key.startswith("_"):
            return False, False, []
    return True, several, [str(v) for v in form] if isinstance(form, (list, tuple)) else [str(form)]


_WRITTEN = "_sw_url_written"  # the URL as the last run left it


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _seed_from_url(raw: dict[str, list[str]], ds, date_range) -> list[str]:
    """Read the link's filters into the widgets once per session; the problems with them (every run)."""
    link = read_query(raw, ds, date_range)
    if not st.session_state.get(_SEEDED):
        st.session_state[_SEEDED] = True
        for key, ids in link.values.items():
            st.session_state[key] = ids
        if link.match:
            st.session_state["match"] = link.match
        if link.support:
            st.session_state["support"] = link.support
    return link.problems


def _write_url(f: Filters) -> None:
    """The ids of the list filters and the match into the URL (the dates are bound widgets)."""
    wanted = {"actor": list(f.actors), "category": list(f.categories), "source": list(f.sources),
              "match": ["all"] if f.match == "all" else [], "support": [f.support] if f.support else []}
    for key, values in wanted.items():
        if st.query_params.get_all(key) == values:
            continue
        if values:
            st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]


def render_sidebar(ds) -> QueryNotice:
    """Draw the global filters in the sidebar. Call once, in app.py, before `pg.run()`; then call `.show()` on the result."""
    raw = _url_params()  # before any widget drops bad values
    lo, hi = data_date_range(ds)
    opening = not st.session_state.get(_SEEDED)
    notice = QueryNotice(st.container(), _seed_from_url(raw, ds, (lo, hi)), raw, ds=ds, opening=opening)
    _run.notice = notice

    actors, categories, sources = actor_options(ds), category_options(ds.schema), source_options(ds)
    with st.sidebar:
        st.subheader("Filters")
        chosen = st.multiselect(
            "Actors", list(actors), format_func=lambda a: actors.get(a, a), key="actor",
            placeholder="Type a name or alias", filter_mode="contains",
            help="Events involving, agreements with, or proposals by these actors.",
        )
        st.radio("Records involving", MATCH_VALUES, format_func=_MATCH_LABELS.get, key="match", horizontal=True,
                 disabled=len(chosen) < 2,
                 help="*All of them*: events with every selected actor, agreements with every one as a party; "
                      "a proposal has one proposer, so none matches two actors.")
        st.date_input("From", value=None, min_value=lo, max_value=hi, key="from", bind="query-params", format="YYYY-MM-DD",
                      help="A record counts when all of its date lies in the range (an event's, an agreement's, a "
                           "proposal's article's); one dated less precisely (only '2021' for August) is counted apart as "
                           "*may be in range*. Agreements with no year stay.")
        st.date_input("To", value=None, min_value=lo, max_value=hi, key="to", bind="query-params", format="YYYY-MM-DD")
        st.multiselect(
            "Categories", list(categories), format_func=lambda c: categories.get(c, c), key="category",
            placeholder="Event, agreement or measure categories", filter_mode="contains",
            help="Event categories narrow events, agreement types narrow agreements, measure categories narrow "
                 "proposals; a table with none of its own selected is not narrowed.",
        )
        st.multiselect(
            "Sources", list(sources), format_func=lambda s: sources.get(s, s), key="source",
            placeholder="Articles", filter_mode="contains",
            help="Records quoted in any of these articles; only their quotes are shown.",
        )
        st.radio("Sources per record", list(_SUPPORT_LABELS), format_func=_SUPPORT_LABELS.get, key="support",
                 horizontal=True, help="Records quoted in one article only, or in two or more (corroborated).")
        f = current_filters()
        _write_url(f)
        st.button("Reset filters", on_click=_reset, disabled=f.is_empty, icon=":material/restart_alt:", width="stretch")
        st.caption(escape_markdown(describe_filters(f, ds)))
        st.caption(f"Dataset {escape_markdown(ds.version)}")
        too_long = getattr(_link_size(key="sw_link_size", on_too_long_change=lambda: None), "too_long", None)
        if too_long:
            notice.problems.append(
                f"The link has {too_long[0]:,} parameters ({too_long[1]:,} characters): Streamlit reads at most "
                f"{_MAX_FIELDS:,} ({_MAX_CHARS:,} characters), so none of its filters were used. Send a shorter link.")
    return notice


def current_filters() -> Filters:
    """The filters the sidebar holds in this run (ids, dates). Pages call this; nothing else reads these keys."""
    state = st.session_state
    start, end = state.get("from"), state.get("to")
    if start and end and start > end:
        start, end = end, start
    actors = tuple(state.get("actor") or ())
    return Filters(
        actors=actors,
        start=start,
        end=end,
        categories=tuple(state.get("category") or ()),
        sources=tuple(state.get("source") or ()),
        match="all" if state.get("match") == "all" and len(actors) > 1 else "any",
        support=state.get("support") if state.get("support") in ("single", "multi") else "",
    )


__all__ = ["LIST_KEYS", "QueryNotice", "current_filters", "no_match_message", "render_sidebar", "stop_page"]
