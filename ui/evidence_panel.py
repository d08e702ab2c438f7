"""The evidence panel every view opens: quotes with their sources, actors, and for events what else happened then."""

from __future__ import annotations

import streamlit as st

from components.evidence import record_details
from components.style import escape_markdown as md
from components.style import quote_html


def render_evidence_panel(ds, record_id: str | None, sources: tuple[str, ...] = ()) -> None:
    """Show the evidence for one event, agreement or proposal id (a notice when the id is unknown or None).

    `sources` is the source filter: only quotes from those articles are listed, and the panel says how many it hides.
    """
    if not record_id:
        st.caption("Select a record to see its evidence.")
        return
    d = record_details(ds, record_id, sources)
    if d is None:
        st.info(f"No event, agreement or proposal has the id `{record_id}`.", icon=":material/search_off:")
        return
    with st.container(border=True):
        st.markdown(f"#### {md(d['title'])}")
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
            st.markdown(f"— *{md(q['title'])}* ({md(by)})")
        if d["hidden_quotes"]:
            st.caption(f"{d['hidden_quotes']} more quote(s) from other articles are hidden by the source filter.")
        for heading, items in d["related"].items():
            if items:
                st.markdown(f"**{heading}**\n\n" + "\n".join(f"- {md(when)}: {md(title)}" for _, when, title in items))
            else:
                st.caption(f"{heading}: no other events.")
