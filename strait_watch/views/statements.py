"""The 2021 statements that named peace and stability in the Taiwan Strait: a table and a figure."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from strait_watch.core import dates, fastfig
from strait_watch.core.filters import (
    Filters,
    filter_agreements,
)
from strait_watch.core.text import escape_html
from strait_watch.views.matrix import (
    CONCLUDED,
    STATE_COLOURS,
    agreement_labels,
    empty_figure,
    first_quotes,
    int_year,
    kinds_of,
    names_of,
    parties_of,
    source_titles,
    type_labels,
    wrap_html,
)

# --- the 2021 Taiwan Strait statements ----------------------------------------------------------

STATEMENT_COLUMNS = ["id", "statement", "type_short", "type_long", "when", "sort_key", "party", "party_name",
                     "party_kind", "status", "quote", "source_id", "source"]


def _when(row) -> tuple[str, str]:
    """(label, sort key) from the agreement's date or year: ("16 Apr 2021", "2021-04-16")."""
    date = row.get("date", "") or ""
    year = int_year(row.get("year"))
    if dates.parse(date) is not None:
        return dates.short_label(date), date
    # A year alone sorts after that year's dated statements.
    return (str(year), f"{year}-99") if year else ("undated", "9999")


def build_statements_matrix(
    agreements: pd.DataFrame, *, evidence: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None, sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The statements that named the Taiwan Strait (``names_taiwan_strait``), one row per (statement, party).

    Statements are ordered by date; parties (states, then forums and other bodies) by how many
    statements they joined, then by name. People are left out where their state or forum is a party.
    """
    rows = agreements[agreements["names_taiwan_strait"].astype(bool)] if not agreements.empty else agreements
    names, kinds, quotes = names_of(actors), kinds_of(actors), first_quotes(evidence, rows.get("id", ()))
    titles = source_titles(sources)
    out = []
    for row in rows.to_dict("records"):
        when, key = _when(row)
        short, long = type_labels(codebook, row["agreement_type"])
        quote, source_id = quotes.get(row["id"], ("", ""))
        for party in parties_of(row, kinds):
            out.append(dict(id=row["id"], statement=row["name"], type_short=short, type_long=long, when=when,
                            sort_key=key, party=party, party_name=names.get(party, party),
                            party_kind=kinds.get(party, ""), status=row["status"], quote=quote, source_id=source_id,
                            source=titles.get(source_id, source_id)))
    table = pd.DataFrame(out, columns=STATEMENT_COLUMNS)
    if table.empty:
        return table
    table["_p"] = table["party"].map({p: i for i, p in enumerate(_party_order(table))})
    table = table.sort_values(["sort_key", "statement", "_p"], kind="stable")
    return table.drop(columns="_p").reset_index(drop=True)


_LABEL_WIDTH = 44  # characters per line of a row label


def build_statements_figure(table: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Statements (rows, by date) x parties and forums (columns); a ● where the party took part.

    Trace 1 is the clickable scatter: ``customdata = [statement id, hover html, party id]``.
    """
    if table.empty:
        return empty_figure("No 2021 statements naming the Taiwan Strait match the filters.")
    records = table.to_dict("records")
    statements = list(dict.fromkeys(r["id"] for r in records))
    parties = _party_order(table)
    row_of, column_of = {s: i for i, s in enumerate(statements)}, {p: i for i, p in enumerate(parties)}
    first = {}
    for r in records:
        first.setdefault(r["id"], r)
    # Whole row labels, wrapped (never cut with "…"): the PNG a user saves must name every statement in full.
    wrapped_rows = [textwrap.wrap(f"{first[s]['when']} · {first[s]['statement']}", _LABEL_WIDTH) for s in statements]
    labels = ["<br>".join(escape_html(line) for line in lines) for lines in wrapped_rows]
    row_px = max(34, 16 * max(len(lines) for lines in wrapped_rows) + 8)
    names = {r["party"]: r["party_name"] for r in records}
    z = [[0] * len(parties) for _ in statements]
    for r in records:
        z[row_of[r["id"]]][column_of[r["party"]]] = 1
    heat = dict(type="heatmap", x=list(range(len(parties))), y=list(range(len(statements))), z=z, zmin=0, zmax=1,
                colorscale=[[0, "#ffffff"], [1, "#dbe8f5"]], showscale=False, hoverinfo="skip", xgap=2, ygap=2)
    hover = [f"<b>{escape_html(r['statement'])}</b><br>{escape_html(r['type_long'])} · {escape_html(r['when'])}"
             f"<br>Party: {escape_html(r['party_name'])}<br>"
             + (f"“{wrap_html(r['quote'])}”<br>— {escape_html(r.get('source') or r['source_id'])}" if r["quote"] else "(no quote from the selected sources)")
             + "<br>Click for the evidence" for r in records]
    dots = dict(type="scatter", x=[column_of[r["party"]] for r in records], y=[row_of[r["id"]] for r in records],
                mode="markers", marker=dict(symbol="circle", size=16, color=STATE_COLOURS[CONCLUDED]),
                unselected=dict(marker=dict(opacity=1)),  # a click must not dim the other dots
                customdata=[[r["id"], h, r["party"]] for r, h in zip(records, hover, strict=True)],
                hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="statements")
    wrapped = [textwrap.wrap(names[p], 11, break_long_words=False) or [p] for p in parties]
    heads, lines = ["<br>".join(escape_html(w) for w in words) for words in wrapped], max(len(w) for w in wrapped)
    return fastfig.figure([heat, dots], dict(
        title=dict(text="2021 statements that named peace and stability in the Taiwan Strait" if title is None else title, x=0),
        xaxis=dict(tickmode="array", tickvals=list(range(len(parties))), ticktext=heads, side="top", tickangle=0,
                   showgrid=False, zeroline=False, fixedrange=True, range=[-0.5, len(parties) - 0.5],
                   tickfont=dict(size=11)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(statements))), ticktext=labels, autorange=False,
                   automargin=True,
                   range=[len(statements) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True),
        # The left margin holds the longest label line (about 6.8 px a character at 12 px): the toolbar's PNG is
        # drawn at its own width, where automargin alone gave up and cut the labels ("onsultative Committee").
        height=120 + 16 * lines + row_px * len(statements),
        margin=dict(l=16 + int(6.8 * max(len(line) for lines in wrapped_rows for line in lines)), r=10,
                    t=60 + 16 * lines, b=10),
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff", hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False,
    ))


def statements_list(table: pd.DataFrame) -> pd.DataFrame:
    """The statements matrix as a list a phone can read: one row per statement (by date), its parties in
    the matrix's column order. Plain text (the caller escapes for its renderer)."""
    if table.empty:
        return pd.DataFrame(columns=["id", "date", "statement", "parties"])
    order = {p: i for i, p in enumerate(_party_order(table))}
    out = []
    for sid, rows in table.groupby("id", sort=False):
        rows = rows.sort_values("party", key=lambda s: s.map(order))
        first = rows.iloc[0]
        out.append(dict(id=sid, date=first["when"].replace(" ", "\u00a0"),  # a date on one line
                        statement=first["statement"], parties=", ".join(rows["party_name"])))
    return pd.DataFrame(out, columns=["id", "date", "statement", "parties"])


def _party_order(table: pd.DataFrame) -> list[str]:
    """States first, then by how many statements a party joined, then by name (stable, like a lexsort)."""
    parties, names = table["party"].tolist(), table["party_name"].tolist()
    kinds, ids = table["party_kind"].tolist(), table["id"].tolist()
    joined: dict[str, set] = {}
    for p, i in zip(parties, ids, strict=True):
        joined.setdefault(p, set()).add(i)
    order = sorted(range(len(parties)), key=lambda r: (kinds[r] != "state", -len(joined[parties[r]]), names[r]))
    return list(dict.fromkeys(parties[r] for r in order))


def statements_table(ds, f: Filters) -> pd.DataFrame:
    """The 2021 statements that named the Taiwan Strait, one row per (statement, party)."""
    return build_statements_matrix(filter_agreements(ds, f), **agreement_labels(ds, f))


def statements_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The 2021 Taiwan Strait statements matrix, one row per (statement, party); ISO date and its precision."""
    iso = [k[:4] if k.endswith("-99") else ("" if k == "9999" else k) for k in table["sort_key"].astype(str).tolist()]
    precision = [{1: "year", 2: "month", 3: "day"}[len(d.split("-"))] if d else "" for d in iso]
    out = table.reindex(columns=["id", "statement", "type_short", "party_name", "status", "quote", "source", "source_id"],
                        fill_value="").rename(columns={"type_short": "type", "party_name": "party"})
    out.insert(2, "date", iso)
    out.insert(3, "date_precision", precision)
    return out.reset_index(drop=True)
