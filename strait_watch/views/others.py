"""Agreements that are neither matrix cells nor 2021 Taiwan Strait statements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from strait_watch.views.matrix import (
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
