"""The one owner of filter state: the sidebar drawn from the FILTERS registry, the URL, reset, the link notice,
`current_filters()`.

Links carry stable ids (`?actor=japan&match=all&source=src-902&category=statement`). Streamlit's
`bind="query-params"` writes a multiselect's format_func label to the URL, not its id, so the filters' unbound
widgets are kept in the URL here: read once when a session opens (each entry's `read_query`: ids, names and the
labels older links carry), written back as ids on every run (a page switch clears unbound parameters; the next
run puts them back). The date widgets stay bound (their URL values are ISO dates). Page widgets bind their own
parameters; the notice checks what Streamlit dropped from them (public API only: `st.query_params`,
`st.session_state`, and the URL forms `ui.link_values` records).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import streamlit as st

from strait_watch.core.filters import FILTERS, Filters, Widget, data_date_range, describe_filters, url_keys
from strait_watch.core.links import LIST_PAGE_KEYS, PAGE_KEYS, page_key_problems, read_query
from strait_watch.core.memo import per_dataset
from strait_watch.core.text import escape_markdown, shown
from strait_watch.views.matrix import matrix_mask
from ui.link_values import url_form, was_accepted
from ui.static_component import static_component

# Streamlit's own parameters, never ours to complain about.
_STREAMLIT_PARAMS = {"embed", "embed_options"}
_SEEDED = "_sw_filters_seeded"  # session flag: the URL's filters were read into the widgets
_MAX_FIELDS, _MAX_CHARS = 1000, 512 * 1024  # Streamlit ignores a whole query string over either limit
_WRITTEN = "_sw_url_written"  # the URL as the last run left it
_run = threading.local()  # the notice of the script run in this thread (one run per thread at a time)


def _widgets() -> list[Widget]:
    return [w for entry in FILTERS for w in entry.widgets]


def _reset() -> None:
    for w in _widgets():
        st.session_state[w.key] = w.default


@per_dataset(maxsize=4)
def page_record_ids(ds) -> dict[str, frozenset[str]]:
    """Per page parameter, the ids it may name: `event` any event, each `key_events` (a record's own slide) an
    event, agreement or measure, `cell` an agreement the matrix draws (the matrix's one rule of which rows are
    cells), `opened` any proposal."""
    events = frozenset(ds.events["id"])
    cells = frozenset(ds.agreements.loc[matrix_mask(ds.agreements), "id"]) if len(ds.agreements) else frozenset()
    slides = events | frozenset(ds.agreements["id"]) | frozenset(ds.measures["id"])
    return {"event": events, "key_events": slides, "cell": cells, "opened": frozenset(ds.proposals["id"])}


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
        known = page_record_ids(self.ds)
        # A value the page read by its label (ui.link_values.link_choice: links from before ids) is no problem.
        raw = {k: v for k, v in self.raw.items() if not (k in PAGE_KEYS and was_accepted(k, v))}
        problems = page_key_problems(raw, known)
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
        ours = set(url_keys()) | set(PAGE_KEYS) | _STREAMLIT_PARAMS
        for key, values in self.raw.items():
            if key in ours or written.get(key) == values:
                continue
            if key.startswith("_") or key not in st.session_state:  # no widget of this page has this key
                unknown.append(key)
                continue
            several, form = url_form(key)
            now = st.query_params.get_all(key)
            if not several and len(set(values)) > 1 and now == values[-1:]:  # a one-value widget took the last
                problems.append(f"Several '{shown(key)}' values: used the last, '{shown(values[-1])}'")
                continue
            if now == values or values == [""] or was_accepted(key, values):
                continue
            if not now and [v.casefold() for v in form] == [v.strip().casefold() for v in values]:
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


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _seed_from_url(raw: dict[str, list[str]], ds) -> list[str]:
    """Read the link's filters into the widgets once per session; the problems with them (every run)."""
    link = read_query(raw, ds)
    if not st.session_state.get(_SEEDED):
        st.session_state[_SEEDED] = True
        for key, value in link.values.items():
            st.session_state[key] = value
    return link.problems


def _write_url(f: Filters) -> None:
    """The unbound widgets' values (ids) into the URL (bound widgets write themselves)."""
    wanted = {}
    for entry in FILTERS:
        query = entry.to_query(f)
        wanted.update({w.key: query.get(w.key, []) for w in entry.widgets if not w.bound})
    for key, values in wanted.items():
        if st.query_params.get_all(key) == values:
            continue
        if values:
            st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]


def _draw(w: Widget, ds, lo, hi) -> None:
    """One registry widget in the sidebar, by its kind."""
    options = dict(w.options(ds)) if w.options else {}
    if w.kind == "multiselect":
        st.multiselect(w.label, list(options), format_func=lambda v: options.get(v, v), key=w.key,
                       placeholder=w.placeholder, filter_mode="contains", select_all=False,  # Enter takes the highlighted
                       help=w.help or None)  # option (the exact match: actor_options' order), never "Select all matches"
    elif w.kind == "radio":
        # Not disabled below two values (a disabled label is grey at 2.3:1, under WCAG AA; issue 30): the choice
        # is harmless then (any and all of one actor are the same) and its help says when it applies.
        idle = bool(w.needs_several) and len(st.session_state.get(w.needs_several) or ()) < 2
        hint = f"Applies when two or more are chosen above. {w.help}" if idle and w.help else w.help
        st.radio(w.label, list(options), format_func=lambda v: options.get(v, v), key=w.key, horizontal=True,
                 help=hint or None)
    elif w.kind == "date":
        st.date_input(w.label, value=None, min_value=lo, max_value=hi, key=w.key, bind="query-params",
                      format="YYYY-MM-DD", help=w.help or None)
    elif w.kind == "text":
        st.text_input(w.label, key=w.key, placeholder=w.placeholder or None, help=w.help or None)
    else:  # pragma: no cover - a registry entry with a kind this sidebar cannot draw
        raise ValueError(f"unknown widget kind {w.kind!r} for {w.key!r}")


def render_sidebar(ds) -> QueryNotice:
    """Draw the global filters in the sidebar. Call once, in app.py, before `pg.run()`; then call `.show()` on the result."""
    raw = _url_params()  # before any widget drops bad values
    lo, hi = data_date_range(ds)
    opening = not st.session_state.get(_SEEDED)
    notice = QueryNotice(st.container(), _seed_from_url(raw, ds), raw, ds=ds, opening=opening)
    _run.notice = notice
    with st.sidebar:
        st.subheader("Filters")
        for w in _widgets():
            _draw(w, ds, lo, hi)
        f = current_filters()
        _write_url(f)
        st.button("Reset filters", on_click=_reset, disabled=f.is_empty, icon=":material/restart_alt:", width="stretch")
        st.caption(escape_markdown(describe_filters(f, ds)))
        st.caption(f"Dataset {escape_markdown(ds.version)}")
        probe = static_component("sw_link_size", "link_size")
        too_long = getattr(probe(key="sw_link_size", data={"max_fields": _MAX_FIELDS, "max_chars": _MAX_CHARS},
                                  on_too_long_change=lambda: None), "too_long", None)
        # Enter in a date field applies the typed date (Streamlit commits it on blur only): static/date_enter/.
        static_component("sw_date_enter", "date_enter")(key="sw_date_enter", height=0)
        if too_long:
            notice.problems.append(
                f"The link has {too_long[0]:,} parameters ({too_long[1]:,} characters): Streamlit reads at most "
                f"{_MAX_FIELDS:,} ({_MAX_CHARS:,} characters), so none of its filters were used. Send a shorter link.")
    return notice


def current_filters() -> Filters:
    """The filters the sidebar holds in this run. Pages call this; nothing else reads these keys."""
    values: dict = {}
    for entry in FILTERS:
        values.update(entry.from_widgets(st.session_state))
    return Filters(**values)
