"""The evidence panel every view opens: quotes with their sources, actors, and for events what else happened then."""

from __future__ import annotations

import streamlit as st

from strait_watch.core.text import escape_markdown as md
from strait_watch.core.text import quote_html
from strait_watch.views.evidence import record_details
from ui.static_component import static_component


def reveal_on_pick(token: str | None, key: str = "evidence_reveal") -> None:
    """Mounted where a panel starts: when `token` (the picked id) changes after the page's first draw, the
    browser scrolls here, so the evidence a click opens is in view (static/reveal/)."""
    static_component("strait_watch_reveal", "reveal")(key=key, data={"token": token or ""}, height=0)


def render_evidence_panel(ds, record_id: str | None, sources: tuple[str, ...] = (), open_event=None,
                          reveal_key: str | None = "evidence_reveal") -> None:
    """Show the evidence for one event, agreement or proposal id (a notice when the id is unknown or None).

    `sources` is the source filter: only quotes from those articles are listed, and the panel says how many it hides.
    With `open_event` (a callback taking an event id) the related events are buttons that open that event.
    A page with several panels gives each its own `reveal_key` (the scroll-into-view mount, `reveal_on_pick`), or
    None where the page keeps the panels in view itself (Reading: the article scrolls in its own box beside them).
    """
    if reveal_key is not None:
        reveal_on_pick(record_id, reveal_key)
    if not record_id:
        st.caption("Select a record to see its evidence.")
        return
    d = record_details(ds, record_id, sources)
    if d is None:
        st.info(f"No event, agreement or proposal has the id “{md(record_id, 60)}”.", icon=":material/search_off:")
        return
    with st.container(border=True):
        st.markdown(f"## {md(d['title'])}")
        meta = " · ".join(x for x in [d["type"], d["date"], *(f"{k}: {v}" for k, v in d["facts"] if v)] if x)
        st.caption(md(meta))
        if d["summary"]:
            st.markdown(md(d["summary"]))
        if d["actors"]:
            st.markdown("**Actors:** " + ", ".join(md(a) for a in d["actors"]))
        st.markdown(f"**Evidence** ({len(d['quotes'])} quote{'s' if len(d['quotes']) != 1 else ''})")
        for q in d["quotes"]:
            by = " · ".join(x for x in [q["author"], q["publisher"], q["published"]] if x) or "author and publisher not stated"
            # The quote in the house colours (WCAG AA on white), not Streamlit's grey blockquote; escaped text.
            st.markdown(quote_html(q["quote"]), unsafe_allow_html=True)
            where = f", {md(q['locator'])}" if q["locator"] else ""  # e.g. which table cell a row of figures is
            st.markdown(f"— *{md(q['title'])}*{where} ({md(by)})")
        if d["hidden_quotes"]:
            st.caption(f"{d['hidden_quotes']} more quote(s) from other articles are hidden by the source filter.")
        for heading, items in d["related"].items():
            if items and open_event:
                st.markdown(f"**{heading}**")
                for rid, when, title in items:
                    st.button(md(f"{when}: {title}"), key=f"related-{rid}", on_click=open_event, args=(rid,),
                              type="tertiary", icon=":material/open_in_new:")
            elif items:
                st.markdown(f"**{heading}**\n\n" + "\n".join(f"- {md(when)}: {md(title)}" for _, when, title in items))
            else:
                st.caption(f"{heading}: no other events.")
