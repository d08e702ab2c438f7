"""Agreements: Japan's defence-agreement matrix over time, the 2021 Taiwan Strait statements, the rest."""

import streamlit as st

from strait_watch.core.export import chart_config
from strait_watch.core.filters import filter_agreements, maybe_in_range_caption
from strait_watch.core.text import literal_cells
from strait_watch.views import matrix
from strait_watch.views.others import other_agreements
from strait_watch.views.statements import (
    build_statements_figure,
    statements_list,
    statements_rows,
    statements_table,
)
from ui.cell_evidence import clicked, evidence_for, remember_cell
from ui.data import get_dataset
from ui.event_list import medium, touch
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button
from ui.filters import current_filters
from ui.table_view import table_element

AS_OF, AS_OF_BOUNDS = "asof", "agreements_as_of_bounds"  # `asof` and `cell` are URL parameters
CELL, OTHER = "cell", "agreements_other"  # OTHER: the picked row of the other agreements (its id)
VIEW, ANIMATION, COUNTS = "agreements_view", "Animation 2012–2021", "Counts per year"

on_phone = medium() == "phone"  # one medium per device: the transposed matrix and the statements list on a phone
ds = get_dataset()
f = current_filters()
codebook = ds.schema.get("codebook", {})
labels = matrix.agreement_labels(ds, f)  # what each view shows: strait_watch/views (shared with the briefing)


@st.fragment
def matrix_as_of_year(table, lo: int, hi: int) -> None:
    """The as-of year, the matrix and the clicked cell's evidence: moving the year or clicking a cell reruns
    only this part of the page."""
    if lo < hi:
        year = st.slider("As of (end of year)", lo, hi, key=AS_OF, bind="query-params",
                         help="The matrix as it stood at the end of this year. Follows the sidebar's date filter.")
    else:
        year = lo
        st.caption(f"As of {year}: the date filter leaves a single year.")
    if (lo, hi) != (min(matrix.ANIMATION_YEARS), max(matrix.ANIMATION_YEARS)):
        st.caption(f"The date filter limits the as-of year to {lo}–{hi}; agreements concluded earlier still count.")
    shown, _ = matrix.matrix_table(ds, f, year, base=table)
    st.markdown(f"**{matrix.headline(shown, table, year)}** (the article's Table 1 is the state as of 2021).")
    chart_key = "agreements_matrix_phone" if on_phone else "agreements_matrix"
    with st.container(key="agreements_phone" if on_phone else "agreements_wide"):
        event = st.plotly_chart(matrix.build_matrix_figure(shown, codebook=codebook, title=f"As of {year}",
                                                           medium="phone" if on_phone else "screen"),
                                on_select=lambda: remember_cell(chart_key, CELL), selection_mode="points",
                                key=chart_key, config=chart_config(f"agreement-matrix-{year}", f))
    csv_button(matrix.matrix_rows(shown), f"agreement-matrix-{year}", f, label="Download the matrix (CSV)")
    evidence_for(ds, f, clicked(event), table["id"], url_key=CELL,
                 hint=f"{'Tap' if touch() else 'Click'} a cell to see its evidence.")


st.title("Agreements")
st.caption("With which democracies Japan has built which defence agreements, since when, what is still "
           "missing, and who named the Taiwan Strait in 2021. "
           + ("Tap a cell for the agreement, its quote and its evidence." if touch() else
              "Hover a cell for the agreement and its quote; click it for its evidence."))

# --- the matrix, as of a year -------------------------------------------------------------------
# Cumulative: the date filter bounds the as-of year instead of hiding agreements concluded earlier.
table = matrix.matrix_base(ds, f)
lo, hi = matrix.as_of_range(f)
previous, value = st.session_state.get(AS_OF_BOUNDS), st.session_state.get(AS_OF)
if previous is None and str(st.query_params.get(AS_OF, "")).isdigit():  # a link's as-of year, on opening
    value, previous = int(st.query_params[AS_OF]), (lo, hi)
st.session_state[AS_OF] = matrix.follow_as_of(value, (lo, hi), previous)
st.session_state[AS_OF_BOUNDS] = (lo, hi)

st.header("Japan's defence agreements with major democracies")
if table.empty:
    st.query_params.pop(CELL, None)
    st.info("No GSOMIA, ACSA, equipment or RAA agreements match the filters.")
else:
    # Tabs that rerun on a switch, so the animation (ten frames) and the counts are built only while open.
    matrix_tab, animation_tab, counts_tab = st.tabs(["As of a year", ANIMATION, COUNTS], key=VIEW, on_change="rerun")
    with matrix_tab:
        matrix_as_of_year(table, lo, hi)
    if animation_tab.open:
        with animation_tab:
            st.caption("Press ▶ Play to watch the network grow after 2012, or drag the slider under the chart.")
            st.plotly_chart(matrix.build_matrix_animation(table, codebook=codebook), key="agreements_animation",
                            config=chart_config("agreement-matrix-animation", f))
    if counts_tab.open:
        with counts_tab:
            st.caption("Agreements of the four types in force per partner at the end of each year.")
            st.dataframe(matrix.counts_by_partner_year(table, range(lo, hi + 1)), key="agreements_counts")

rows = filter_agreements(ds, f)  # --- the 2021 Taiwan Strait statements ----------------------------------
st.header("2021 statements that named peace and stability in the Taiwan Strait")
if maybe := maybe_in_range_caption(ds, f, "agreements"):  # below: the agreements wholly inside the dates
    st.caption(maybe)
statements = statements_table(ds, f)
if statements.empty:
    st.info("No such statements match the filters.")
else:
    event = phone_pick = None
    if not on_phone:
        with st.container(key="statements_wide"):
            event = st.plotly_chart(build_statements_figure(statements, title=""), on_select="rerun",
                                    selection_mode="points", key="agreements_statements",
                                    config=chart_config("statements-2021", f))
    else:
        with st.container(key="statements_phone"):  # phone: a list (the matrix's columns do not fit 360 px)
            listed = statements_list(statements)
            st.table(literal_cells(listed.drop(columns="id")), hide_index=True, border="horizontal")
            phone_pick = st.selectbox("Statement", listed["id"], index=None, key="agreements_statement_phone",
                                      format_func=dict(zip(listed["id"], listed["date"] + " · " + listed["statement"],
                                                           strict=True)).get, placeholder="Pick one for its evidence")
    csv_button(statements_rows(statements), "statements-2021", f, label="Download the statements (CSV)")
    evidence_for(ds, f, clicked(event) or phone_pick, statements["id"], reveal_key="statement_reveal",
                 hint="Pick a statement to see its evidence." if on_phone else "Click a dot to see its evidence.")

# --- everything else ---------------------------------------------------------------------------------
st.header("Other agreements and mechanisms the corpus names")
others = other_agreements(ds, f)  # the view deck, pack and Present show
if others.empty:
    st.info("No other agreements match the filters.")
else:
    # A light HTML table, not a data grid: the grid cost the browser about 0.3 s on every rerun (ui/table_view.py).
    shown_others = others.assign(year=others["year"].astype("string").fillna("")).rename(columns={"source": "article"})
    table_element(shown_others, "agreements_others", label="Other agreements and mechanisms", id_column="id",
                  hidden=["source_id"], on_pick=lambda record_id: st.session_state.update({OTHER: record_id}),
                  selected=st.session_state.get(OTHER), pick_hint="for its evidence")
    csv_button(others, "other-agreements", f, label="Download this table (CSV)")
    if st.session_state.get(OTHER) in set(others["id"]):
        render_evidence_panel(ds, st.session_state[OTHER], f.sources, reveal_key="other_reveal")
    else:
        st.caption("Pick a row to see its evidence.")
