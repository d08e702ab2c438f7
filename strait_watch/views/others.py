"""The other agreements, laws and mechanisms: agreements that are neither matrix cells nor 2021 Taiwan Strait
statements. `other_agreements(ds, f)` is what the view shows under the filters, for the Agreements page, the deck,
the HTML pack and Present alike; `others_rows` the rows a slide has room for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from strait_watch.core.filters import Filters, filter_agreements
from strait_watch.views.matrix import (
    agreement_labels,
    first_quotes,
    matrix_mask,
    names_of,
    parties_of,
    source_titles,
    status_label,
    type_labels,
    type_text,
)

# --- everything else ------------------------------------------------------------------------------

# Name and year first: what a reader scans for.
OTHER_COLUMNS = ["id", "name", "year", "type", "parties", "status", "quote", "source", "source_id"]


def other_agreements_table(
    agreements: pd.DataFrame, *, evidence: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None, exclude: Iterable[str] | None = None, sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Agreements that are neither matrix cells nor 2021 Taiwan Strait statements.

    Columns: id, name, year (Int64), type (codebook label, abbreviation expanded), parties (display names),
    status (codebook label), quote, source (the article's title), source_id. Ordered by year (undated last), name.
    ``exclude``: ids to leave out; by default the matrix rows and the statements.
    """
    if agreements.empty:
        return pd.DataFrame(columns=OTHER_COLUMNS).astype({"year": "Int64"})
    if exclude is None:
        drop = matrix_mask(agreements) | agreements["names_taiwan_strait"].astype(bool)
    else:
        drop = agreements["id"].isin(set(exclude))
    rows = agreements[~drop]
    names, quotes, titles = names_of(actors), first_quotes(evidence, rows["id"]), source_titles(sources)
    out = []
    for row in rows.to_dict("records"):
        _short, _long = type_labels(codebook, row["agreement_type"])
        quote, source_id = quotes.get(row["id"], ("", ""))
        name = row["name"] + (f" ({row['abbreviation']})" if row.get("abbreviation") and row["abbreviation"] not in row["name"] else "")
        out.append(dict(id=row["id"], type=type_text(codebook, row["agreement_type"]), name=name,
                        parties=", ".join(names.get(p, p) for p in parties_of(row)), year=row["year"],
                        status=status_label(codebook, row["status"]), quote=quote, source=titles.get(source_id, source_id),
                        source_id=source_id))
    table = pd.DataFrame(out, columns=OTHER_COLUMNS).astype({"year": "Int64"})
    return table.sort_values(["year", "name"], na_position="last", kind="stable").reset_index(drop=True)


# A slide (deck and Present alike) lists this many rows, in the view's order; the HTML pack and the notes list all.
SLIDE_ROWS = 8


def other_agreements(ds, f: Filters) -> pd.DataFrame:
    """The view under the filters: every other agreement, law and mechanism the filters keep (`OTHER_COLUMNS`)."""
    return other_agreements_table(filter_agreements(ds, f), **agreement_labels(ds, f))


def others_rows(table: pd.DataFrame, medium: str = "slide") -> list[list[str]]:
    """The rows a slide (`slide`) or the HTML pack (`pack`: every row) shows: a header, then year (or "—"), name,
    parties, status; the slide keeps the first SLIDE_ROWS in the view's order."""
    shown = table if medium == "pack" else table.head(SLIDE_ROWS)
    out = [["Year", "Agreement, law or mechanism", "Parties", "Status"]]
    out += [["—" if pd.isna(r["year"]) else str(int(r["year"])), r["name"], r["parties"] or "—", r["status"]]
            for r in shown.to_dict("records")]
    return out


def others_figure(table: pd.DataFrame) -> go.Figure:
    """Every row as a plotly table (the HTML pack's interactive figure): the same columns as the slide's."""
    rows = others_rows(table, "pack")
    columns = list(zip(*rows[1:], strict=True)) if len(rows) > 1 else [[] for _ in rows[0]]
    return go.Figure(go.Table(
        columnwidth=[1, 5, 3, 3],
        header=dict(values=rows[0], fill_color="#e4e9ef", align="left", font=dict(size=14)),
        cells=dict(values=columns, align="left", font=dict(size=13), height=28)),
        layout=dict(margin=dict(l=0, r=0, t=10, b=0), height=min(1400, 80 + 34 * (len(rows) - 1))))
