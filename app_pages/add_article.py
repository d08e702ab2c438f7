"""Add an article: upload or paste it, review the assistant's candidates, save them safely."""

import streamlit as st

from strait_watch.core.dataset.model import DatasetError
from strait_watch.core.text import escape_markdown as md
from strait_watch.intake.article import LIMITS, MAX_FILE_MB, chars_of, size_problem
from strait_watch.intake.datefind import parse_published
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import HEADINGS, corroboration_summary, problems_frame, review_table, select
from strait_watch.intake.save import SaveError, renamed_words, unwritable
from strait_watch.intake.workflow import check, commit, prepare
from ui.data import data_paths, get_dataset
from ui.filters import stop_page

KINDS = ["analysis", "commentary", "news-report", "conference-paper", "op-ed"]
STATE = "intake"  # session key: {"suggestion", "table", "shown", "v"} of the article under review
FAILURES = (IntakeError, SaveError, DatasetError, OSError)  # said in plain words; the review and its edits stay


def fail(headline: str, err: Exception) -> None:
    """A failure as a message (an OSError as its file and reason) and its located problems, never a traceback."""
    words = f"{err.filename}: {err.strerror}" if isinstance(err, OSError) and err.filename else str(err)
    st.error(f"**{headline}** {md(words, limit=400)}", icon=":material/error:")
    if getattr(err, "problems", None):
        st.dataframe(problems_frame(err.problems), hide_index=True, width="stretch")


ds = get_dataset()
data_dir, corpus_dir = data_paths()
blocked = unwritable(data_dir, corpus_dir)  # one sentence when this deployment cannot save, else None
st.title("Add an article")
if "intake_saved" in st.session_state:
    st.success(st.session_state.pop("intake_saved"), icon=":material/check_circle:")
st.caption("The assistant proposes rows with a verbatim quote each and says why; you accept, edit or reject"
           " them; the rows are saved only when the data check passes with them.")
st.caption(f":material/straighten: {LIMITS}")
if blocked:  # said before the work, and again above Save
    st.caption(f":material/lock: {md(blocked)} You can still propose and check candidates.")

upload_tab, paste_tab = st.tabs(["Upload a file", "Paste the text"])
upload = upload_tab.file_uploader("Article (.txt or .html)", type=["txt", "html", "htm"], key="intake_file",
                                  max_upload_size=MAX_FILE_MB)
pasted = paste_tab.text_area("Article text", key="intake_text", height=200)
too_big = (size_problem(upload.name, size=upload.size) if upload is not None
           else size_problem("pasted text", chars=chars_of(pasted)))
if too_big:
    (upload_tab if upload is not None else paste_tab).error(md(too_big), icon=":material/error:")
left, mid, right = st.columns(3)
title = left.text_input("Title (blank if the text prints none)", key="intake_title")
author = mid.text_input("Author (blank if none printed)", key="intake_author")
publisher = right.text_input("Publisher (blank if none printed)", key="intake_publisher")
published = left.text_input("Date as printed (YYYY, YYYY-MM, YYYY-MM-DD or e.g. 'September 2021')",
                            key="intake_date")
kind = mid.selectbox("Kind of text", KINDS, key="intake_kind")
try:
    parse_published(published)  # said as soon as it is typed, not after a long run
    bad_date = None
except IntakeError as err:
    bad_date = str(err)
    left.error(md(bad_date), icon=":material/event_busy:")

if st.button("Propose candidates", type="primary", icon=":material/auto_awesome:", disabled=bool(too_big or bad_date)):
    raw, name = ((upload.getvalue(), upload.name) if upload is not None
                 else (pasted.encode("utf-8", "surrogatepass"), "pasted text"))
    try:
        bar = st.progress(0.0, text=f"Reading {md(name)}…")
        suggestion = prepare(raw, name, Meta(title, author, publisher, published, kind), data_dir, corpus_dir,
                             progress=lambda done, words: bar.progress(done, text=md(f"Proposing candidates: {words}")))
        bar.empty()
        v = st.session_state.get(STATE, {}).get("v", -1) + 1  # new widget keys: nothing kept from the last article
        table = review_table(suggestion.candidates)
        st.session_state[STATE] = {"suggestion": suggestion, "table": table, "shown": table, "v": v}
    except FAILURES as err:
        st.session_state.pop(STATE, None)
        fail("Nothing added.", err)

review = st.session_state.get(STATE)
if review is None:
    st.info("Upload or paste an article, give what the text prints of its title, author, publisher and date,"
            " then **Propose candidates**.", icon=":material/info:")
    stop_page()

suggestion = review["suggestion"]
source = suggestion.source
st.header(f"Candidates from “{md(source['title'])}”")  # its id is in the table's rows
st.caption(md(f"{source['author'] or 'no author'} · {source['publisher'] or 'no publisher'}"
              f" · dated {source['published'] or source['published_estimate'] + ' (estimated)'} ·"
              f" {len(suggestion.sentences)} sentences · to be saved as {source['corpus_file']}"))
st.markdown(md(corroboration_summary(ds.evidence, suggestion.candidates)))
st.caption(f"{int((review['table']['confidence'] != 'high').sum())} candidate(s) below the line start unticked;"
           " *Confidence* says why. **Accept all** ticks the confident ones only.")
for column, value, label in zip(st.columns([1, 1, 4])[:2], (True, False), ("Accept all", "Accept none"), strict=True):
    if column.button(label, key=f"intake_{value}"):  # new editor and cards, from the ticks and edits shown
        review.update(table=select(review["shown"], "all" if value else "none"), v=review["v"] + 1)
view = st.radio("Review as", ["Table", "Cards"], int("Mobi" in st.context.headers.get("User-Agent", "")),  # a phone
                horizontal=True, key="intake_view",  # each view starts from what the other showed
                on_change=lambda: review.update(table=review["shown"], v=review["v"] + 1))
if view == "Cards":  # a card per candidate: tick, what it is and its confidence | the quote | why (stacked on a phone)
    ticks = []
    for row in review["table"].to_dict("records"):
        head, quote, why = st.container(border=True).columns([2, 3, 3])
        ticks.append(head.checkbox(md(f"{row['kind']} {row['id'] or row['record']}"), row["accept"],
                                   f"intake_card_{review['v']}_{row['key']}"))
        head.caption(md(" · ".join(filter(None, (row["name"] or row["summary"], f"confidence {row['confidence']}")))))
        quote.markdown(f"> {md(row['quote'])}" if row["quote"] else "*(no quote: a new name or measure)*")
        why.caption(f"**Why:** {md(row['why'])}")
    edited = review["shown"] = review["table"].assign(accept=ticks)
else:
    config = {c: st.column_config.TextColumn(h, width=w, disabled=not e) for c, (h, w, e) in HEADINGS.items()}
    config["accept"] = st.column_config.CheckboxColumn("Accept", width="small", pinned=True)
    edited = review["shown"] = st.data_editor(review["table"], key=f"intake_editor_{review['v']}", hide_index=True,
                                              width="stretch", column_config=config,
                                              height=min(420, 35 * (len(review["table"]) + 1) + 3))
chosen = int(edited["accept"].sum())
st.caption(f"{chosen} of {len(edited)} candidates accepted. Each accepted event, agreement and proposal gets an"
           " evidence row with its quote; a corroboration adds a quote to an existing record.")

if blocked:  # said before Save is pressed, not as its failure
    st.warning(f"**Saving is off here.** {md(blocked)}", icon=":material/lock:")
check_col, save_col, drop_col = st.columns(3)
if check_col.button("Check", icon=":material/rule:", disabled=not chosen):
    try:
        problems = check(suggestion, edited, data_dir, corpus_dir)
    except FAILURES as err:
        fail("The check could not run.", err)
    else:
        if problems:
            st.error(f"The check fails with these rows ({len(problems)} problem(s)); fix them in the table:",
                     icon=":material/error:")
            st.dataframe(problems_frame(problems), hide_index=True, width="stretch")
        else:
            st.success("The check passes with these rows.", icon=":material/check:")
if save_col.button("Save", type="primary", icon=":material/save:", disabled=not chosen or bool(blocked)):
    try:
        saved = commit(suggestion, edited, data_dir, corpus_dir)
    except FAILURES as err:
        fail("Nothing saved.", err)
    else:
        st.session_state.pop(STATE, None)
        source_id = saved.renamed.get(source["id"], source["id"])  # another save may have taken its number
        done = (f"Already saved: {saved.corpus_file} and its rows were in the data" if saved.already else
                f"Saved {chosen} row(s) from {source_id} and the article ({saved.corpus_file})")
        words = [saved.recovered, f"{done}; data version {saved.version}.", renamed_words(saved.renamed)]
        st.session_state["intake_saved"] = md(" ".join(w for w in words if w))
        st.rerun()
if drop_col.button("Discard", icon=":material/delete:"):
    st.session_state.pop(STATE, None)
    st.rerun()
