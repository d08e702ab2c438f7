"""Present mode: the deck's slides one per screen, sized to fit 1280×720 and 1920×1080 without scrolling;
← → keys and a counter; the URL keeps the slide, the slide choice and the filters."""

import streamlit as st

from strait_watch.briefing.events import event_label
from strait_watch.briefing.findings import finding_text
from strait_watch.briefing.model import VIEW_LABELS
from strait_watch.briefing.pptx import MATRIX_LEGEND, table_frame
from strait_watch.core.export import chart_config
from strait_watch.core.html import render
from strait_watch.core.text import escape_markdown as md
from strait_watch.core.text import literal_cells, plain
from ui.brief import brief_form, cached_pack
from ui.data import get_dataset
from ui.filters import current_filters
from ui.link_values import keep_id, link_choice

ds = get_dataset()
f = current_filters()

# Hide the sidebar (the filters stay in the URL), Streamlit's header and toolbar; sizes that fit a 720 px screen.
st.html(render("present.html.j2"))

@st.fragment
def slides_view() -> None:
    """The bar and the slide: stepping a slide or changing the slide choice reruns only this (the pack comes
    from the shared cache; the hidden sidebar is not sent again)."""
    with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
        with st.popover("Slides", icon=":material/tune:"):
            brief = brief_form(ds, f)
        pack, figures = cached_pack(ds, f, brief)
        slides = {"title": "Title"} | {v.key: VIEW_LABELS.get(v.key) or event_label(v) for v in pack.views}
        order = list(slides)

        def step(delta: int) -> None:
            current = st.session_state.get("slide")
            i = order.index(current) if current in order else 0
            st.session_state["slide"] = order[max(0, min(len(order) - 1, i + delta))]

        st.button("Previous", on_click=step, args=(-1,), icon=":material/arrow_back:", shortcut="Left", key="present_prev")
        slide = st.selectbox("Slide", order, format_func=slides.get, key="slide", label_visibility="collapsed",
                             index=link_choice("slide", order, slides.get) or 0, width=360)  # ids or labels
        keep_id("slide", slide, "title")  # the URL says slide=timeline, not the slide's label
        st.button("Next", on_click=step, args=(1,), icon=":material/arrow_forward:", icon_position="right",
                  shortcut="Right", key="present_next")
        st.markdown(f"**{order.index(slide) + 1} / {len(order)}** · ← → keys")
        st.page_link("app_pages/briefing.py", label="Exit", icon=":material/close:")

    draw_slide(brief, pack, figures, slide)


def draw_slide(brief, pack, figures, slide) -> None:
    """The marking line and the slide: the title slide, or a view's (its chart or table, and its findings)."""
    if brief.marking:
        st.container(key="present_marking").markdown(md(brief.marking))
    with st.container(key="sw_present"):
        if slide == "title":
            when = f" · {brief.date.day} {brief.date:%B %Y}" if brief.date else ""
            st.markdown(f"# {md(brief.title)}")
            st.markdown(f"{md(brief.subtitle)}{when}")
            st.markdown(md(pack.filters_text))  # the scope in words, as the deck's footers
            st.markdown("\n".join(f"- {md(label)}" for label in pack.sources["label"]))
            st.caption(f"Dataset version {md(pack.version)}")  # a footnote, not part of the title
        else:
            view = next(v for v in pack.views if v.key == slide)
            st.markdown(f"# {md(view.title)}")
            st.caption(md(view.caption) if view.event else md(pack.filters_text)
                       + (f" · {md(view.slide_caption)}" if view.slide_caption else ""))
            # the network's and the persistence rows' labels need room
            chart, notes = st.columns([3, 2] if view.key not in ("network", "persistence") else [7, 3])
            with chart:
                if view.event:  # a single-event slide: summary and actors here, its quotes beside
                    st.markdown(f"### {md(view.event.summary)}\n\n**{md(view.event.who)}:** {md(', '.join(view.event.actors))}")
                elif view.table is not None and not view.table.empty:  # the deck's native table, same rows
                    frame, colours = table_frame(view)
                    frame = literal_cells(frame)  # st.table reads cells, row names and headings as Markdown
                    st.table(frame.style.apply(lambda _: colours.to_numpy(), axis=None) if colours is not None else frame)
                    if view.key == "matrix":
                        st.caption(MATRIX_LEGEND)
                elif view.key in figures:
                    st.plotly_chart(figures[view.key], key=f"present_{view.key}", config=chart_config(view.key, f))
                else:
                    st.info(view.empty)
            with notes:
                if view.event:
                    titles = dict(zip(pack.sources["id"], pack.sources["label"], strict=True))
                    st.markdown("\n\n".join(f"> *“{md(plain(q))}”*  \n> {md(titles.get(s, s).split(' — ')[0])}"
                                              for q, s in view.event.quotes[:2]) or md(view.empty))
                else:
                    st.markdown("### Key findings")
                    st.markdown("\n".join(f"- {md(finding_text(x, pack.sources))}" for x in view.findings))


slides_view()
