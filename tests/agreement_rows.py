"""Helpers the agreements tests share: the label tables, one matrix cell, extra agreement rows."""

import pandas as pd


def labels(ds):
    return dict(evidence=ds.evidence, actors=ds.actors, codebook=ds.schema["codebook"])


def cell(table, partner, agreement_type):
    row = table[(table["partner"] == partner) & (table["agreement_type"] == agreement_type)]
    assert len(row) == 1, f"{partner} × {agreement_type}: {len(row)} cells"
    return row.iloc[0]


def add_rows(agreements, *rows):
    """The agreements table with extra rows (other columns blank, typed as the loader types them)."""
    extra = []
    for row in rows:
        base = {c: "" for c in agreements.columns}
        base.update(other_parties=[], table1=False, names_taiwan_strait=False, year=pd.NA, status="concluded")
        base.update(row)
        extra.append(base)
    out = pd.concat([agreements, pd.DataFrame(extra)], ignore_index=True)
    return out.astype({"year": "Int64", "table1": bool, "names_taiwan_strait": bool})
