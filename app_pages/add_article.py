"""Add an article: upload or paste it, review the assistant's candidates, save them safely."""

import streamlit as st

from strait_watch.core.text import escape_markdown as md
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import READ_ONLY, corroboration_summary, problems_frame, review_table
from strait_watch.intake.save import SaveError
from strait_watch.intake.workflow import check, commit, prepare
from ui.data import data_paths, get_dataset
from ui.filters import stop_page

KINDS = ["analysis", "commentary", "news-report", "conference-paper", "op-ed"]
STATE = "intake"  # session key: {"suggestion", "table"} of the article under review

ds = get_dataset()
data_dir, corpus_dir = data_paths()
st.title("Add an article")
if "intake_saved" in st.session_state:
    st.success(st.session_state.pop("intake_saved"), icon=":material/check_circle:")
st.caption("The assistant proposes rows with a verbatim quote each and says why; you accept, edit or reject"
           " them; the rows are saved only when the data check passes with them.")

upload_tab, paste_tab = st.tabs(["Upload a file", "Paste the text"])
upload = upload_tab.file_uploader("Article (.txt or .html)", type=["txt", "html", "htm"], key="intake_file")
pasted = paste_tab.text_area("Article text", key="intake_text", height=200)
left, mid, right = st.columns(3)
title = left.text_input("Title (blank if the text prints none)", key="intake_title")
author = mid.text_input("Author (blank if none printed)", key="intake_author")
publisher = right.text_input("Publisher (blank if none printed)", key="intake_publisher")
published = left.text_input("Date as printed (YYYY, YYYY-MM, YYYY-MM-DD or e.g. 'September 2021')",
                            key="intake_date")
kind = mid.selectbox("Kind of text", KINDS, key="intake_kind")

if st.button("Propose candidates", type="primary", icon=":material/auto_awesome:"):
    raw, name = (upload.getvalue(), upload.name) if upload is not None else (pasted.encode("utf-8"), "pasted text")
    try:
        suggestion = prepare(raw, name, Meta(title, author, publisher, published, kind), data_dir, corpus_dir)
        st.session_state[STATE] = {"suggestion": suggestion, "table": review_table(suggestion.candidates), "v": 0}
    except IntakeError as err:
        st.session_state.pop(STATE, None)
        st.error(f"**Nothing added.** {md(str(err), limit=400)}", icon=":material/error:")

review = st.session_state.get(STATE)
if review is None:
    st.info("Upload or paste an article, give what the text prints of its title, author, publisher and date,"
            " then **Propose candidates**.", icon=":material/info:")
    stop_page()

suggestion = review["suggestion"]
source = suggestion.source
st.subheader(f"Candidates from “{md(source['title'])}”")  # its id is in the table's rows
st.caption(md(f"{source['author'] or 'no author'} · {source['publisher'] or 'no publisher'}"
              f" · dated {source['published'] or source['published_estimate'] + ' (estimated)'} ·"
              f" {len(suggestion.sentences)} sentences · to be saved as {source['corpus_file']}"))
st.markdown(md(corroboration_summary(ds.evidence, suggestion.candidates)))

tick_all, tick_none, _ = st.columns([1, 1, 4])
for column, value, label in ((tick_all, True, "Accept all"), (tick_none, False, "Accept none")):
    if column.button(label, key=f"intake_{value}"):
        review["table"] = review["table"].assign(accept=value)
        review["v"] += 1  # a new editor: the table's own edits start again from this one
edited = st.data_editor(
    review["table"], key=f"intake_editor_{review['v']}", hide_index=True, width="stretch",
    height=min(420, 35 * (len(review["table"]) + 1) + 3),
    disabled=READ_ONLY,
    column_config={
        "accept": st.column_config.CheckboxColumn("Accept", width="small"),
        "key": st.column_config.TextColumn("Key", width="small"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "id": st.column_config.TextColumn("Id (new record)"),
        "record": st.column_config.TextColumn("Supports / alias of"),
        "name": st.column_config.TextColumn("Title / name / summary", width="large"),
        "summary": st.column_config.TextColumn("Summary / note / description / role", width="large"),
        "actors": st.column_config.TextColumn("Actors / parties / proposer"),
        "type": st.column_config.TextColumn("Category / type / stance / kind"),
        "why": st.column_config.TextColumn("Why proposed", width="large"),
        "quote": st.column_config.TextColumn("Quote (locked to the text)", width="large"),
    })
chosen = int(edited["accept"].sum())
st.caption(f"{chosen} of {len(edited)} candidates accepted. Each accepted event, agreement and proposal gets an"
           " evidence row with its quote; a corroboration adds a quote to an existing record.")

check_col, save_col, drop_col = st.columns(3)
if check_col.button("Check", icon=":material/rule:", disabled=not chosen):
    problems = check(suggestion, edited, data_dir, corpus_dir)
    if problems:
        st.error(f"The check fails with these rows ({len(problems)} problem(s)); fix them in the table:",
                 icon=":material/error:")
        st.dataframe(problems_frame(problems), hide_index=True, width="stretch")
    else:
        st.success("The check passes with these rows.", icon=":material/check:")
if save_col.button("Save", type="primary", icon=":material/save:", disabled=not chosen):
    try:
        saved = commit(suggestion, edited, data_dir, corpus_dir)
    except SaveError as err:
        st.error(f"**Nothing saved.** {md(str(err), limit=300)}", icon=":material/error:")
        if err.problems:
            st.dataframe(problems_frame(err.problems), hide_index=True, width="stretch")
    else:
        st.session_state.pop(STATE, None)
        st.session_state["intake_saved"] = (f"Saved {chosen} row(s) from {source['id']} and the article"
                                            f" ({source['corpus_file']}); data version {saved.version}.")
        st.rerun()
if drop_col.button("Discard", icon=":material/delete:"):
    st.session_state.pop(STATE, None)
    st.rerun()
