"""Reading: an article from the corpus folder, sentence by sentence, each marked by what it supports (the coverage
ledger); a click on a sentence opens its records, or says why it supports none."""

import streamlit as st

from strait_watch.core.text import escape_markdown as md
from strait_watch.views.reading import (
    coverage,
    coverage_words,
    reading_csv_rows,
    reading_payload,
    reading_units,
    reason_words,
)
from ui.data import get_dataset
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button
from ui.filters import current_filters
from ui.link_values import accept_ids
from ui.reading_view import corpus_units, reading_element
from ui.table_view import table_element

TEXT_HEIGHT = 640  # px: the article scrolls in its own box, so the picked sentence's records stay beside it

ds = get_dataset()
f = current_filters()
texts = corpus_units(ds)

st.title("Reading")
st.caption("Each article as you read it, from the corpus folder on this machine: every sentence (and table row) "
           "is marked by what the coverage ledger says it supports. Click a sentence for its records.")
readable = [s for s in ds.sources["id"] if texts.get(s) is not None]
if not readable:
    st.info("None of the articles is in the corpus folder on this machine, so there is nothing to read here. "
            "Set STRAIT_WATCH_CORPUS to the folder that holds them.", icon=":material/menu_book:")
    st.stop()
titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
accept_ids("article", readable, lambda s: titles[s])
article = st.selectbox("Article", readable, format_func=lambda s: titles[s], key="article", bind="query-params",
                       on_change=lambda: st.session_state.update(sentence=None))  # a new article: no sentence picked
table = coverage(ds, texts)
row = table.set_index("source_id").loc[article].to_dict()
st.progress(row["share_accounted"] / 100, text=md(coverage_words(row)))
st.caption("Underlined in blue: an event · green: an agreement · red: a proposal · brown: a statistic · "
           "grey text: supports no record (the reason is in its tooltip) · yellow: not in the ledger. "
           "Highlighted: the records' quotes. Faded: its records do not pass the filters.")

units = reading_units(ds, article, texts[article], f)
numbers = [u["number"] for u in units]


def pick(number: int) -> None:
    st.session_state["sentence"] = number


text_col, evidence_col = st.columns([3, 2], gap="large")
with text_col, st.container(height=TEXT_HEIGHT, border=False, key="reading_text"):  # the text scrolls, the records stay
    reading_element(reading_payload(units, st.session_state.get("sentence"), f"{len(units)} sentences and table rows"),
                    key="reading", on_pick=pick)
with evidence_col, st.container(key="reading_evidence"):
    accept_ids("sentence", [None, *numbers], lambda n: "Pick one (or click it in the text)" if n is None else f"Sentence {n}")
    number = st.selectbox("Sentence", [None, *numbers], key="sentence", bind="query-params",
                          format_func=lambda n: "Pick one (or click it in the text)" if n is None else f"Sentence {n}")
    unit = next((u for u in units if u["number"] == number), None)
    if unit is None:
        st.caption("Click a sentence in the text to see the records it supports.")
    elif unit["records"]:
        st.caption(md(f"Sentence {unit['number']}, paragraph {unit['paragraph']}: supports "
                      f"{len(unit['records'])} record(s)."))
        for record_id in unit["records"]:
            render_evidence_panel(ds, record_id, f.sources, reveal_key=None)
    elif unit["support"] == "missing":
        st.warning(md(f"Sentence {unit['number']} is {unit['label']}: the check command lists it."),
                   icon=":material/warning:")
    else:
        reason = reason_words(ds).get(unit["reason"], unit["reason"])
        st.info(md(f"Sentence {unit['number']} supports no record. Reason: {reason}"
                   + (f" ({unit['note']})" if unit["note"] else "")), icon=":material/info:")

csv_button(reading_csv_rows(units), "reading", f, label="Download this article's ledger (CSV)")
with st.expander("Coverage of every article"):
    table_element(table.drop(columns=["source_id"]).rename(columns=lambda c: c.replace("_", " ").capitalize()),
                  key="coverage_table", label="Coverage of every article")
