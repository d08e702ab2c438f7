"""The review table: every candidate as one row the analyst accepts and edits, and back to rows of the CSVs.

One flat table for all kinds (the page's `st.data_editor`, the script's printout): `id`, `name`, `date`,
`summary`, `precision`, `basis`, `actors`, `type` and `measure` mean per kind what `EDITABLE` says; `why` and `quote`
are read-only (the quote is locked to the text).
"""

from __future__ import annotations

import pandas as pd

from strait_watch.core.support import sources_per_record
from strait_watch.intake.model import Candidate
from strait_watch.intake.rows import cell, to_rows

# what review needs first (the quote and why, with the confidence) comes right after the tick, so it shows on a
# desk and a phone without scrolling sideways; the editable fields follow
COLUMNS = ["accept", "confidence", "quote", "why", "kind", "id", "record", "name", "summary", "date", "precision",
           "basis", "actors", "type", "measure", "key"]
# column -> (heading, width or None for the editor's default, editable): the page's editor; `why`, `quote` and
# the confidence are the assistant's and stay as they are (the quote is locked to the text)
HEADINGS = {"accept": ("Accept", "small", True), "confidence": ("Confidence", "medium", False),
            "quote": ("Quote (locked to the text)", "medium", False), "why": ("Why proposed", "medium", False),
            "kind": ("Kind", "small", False), "id": ("Id (new record)", None, True),
            "record": ("Supports / alias of", None, False), "name": ("Title / name / summary", "large", True),
            "summary": ("Summary / note / description / role", "large", True), "date": ("date", None, True),
            "precision": ("precision", None, True), "basis": ("basis", None, True),
            "actors": ("Actors / parties / proposer", None, True), "type": ("Category / type / stance / kind", None, True),
            "measure": ("measure", None, True), "key": ("Key", "small", False)}
# kind -> review column -> the candidate's field (schema column)
EDITABLE = {
    "event": {"id": "id", "name": "title", "summary": "summary", "date": "date", "precision": "date_precision", "basis": "date_basis",
              "actors": "actors", "type": "category"},
    "agreement": {"id": "id", "name": "name", "summary": "note", "date": "date", "basis": "date_basis", "actors": "parties",
                  "type": "agreement_type"},
    "proposal": {"id": "id", "name": "summary", "actors": "proposer", "type": "stance", "measure": "measure"},
    "measure": {"id": "id", "name": "name", "summary": "description", "type": "category"},
    "actor": {"id": "id", "name": "name", "summary": "role", "type": "kind"},
    "corroboration": {},
}


def _value(candidate: Candidate, field: str) -> str:
    f = candidate.fields
    if field == "parties":
        return ";".join(p for p in (f.get("party_a"), f.get("party_b"), f.get("other_parties")) if p)
    return cell(f.get(field, ""))


def confidence_words(candidate: Candidate) -> str:
    return "high" if candidate.confidence == "high" else f"low: {candidate.doubt}"


def review_table(candidates: list[Candidate], accept: bool | None = None) -> pd.DataFrame:
    """One row per candidate, keyed c001, c002... in the candidates' (deterministic) order; ticked when
    confident unless `accept` says otherwise for all."""
    rows = []
    for n, c in enumerate(candidates, 1):
        row = dict.fromkeys(COLUMNS, "")
        row.update(accept=c.confidence == "high" if accept is None else accept, key=f"c{n:03d}", kind=c.kind,
                   id=c.record_id, why=c.why, quote=c.quote, confidence=confidence_words(c),
                   record=c.record_id if c.kind == "corroboration" else c.alias_of)
        if c.kind == "corroboration":
            row["id"] = ""
        for column, field in EDITABLE[c.kind].items():
            row[column] = _value(c, field)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS).astype({"accept": bool})


def _edited(candidate: Candidate, row: dict) -> Candidate:
    fields = dict(candidate.fields)
    for column, field in EDITABLE[candidate.kind].items():
        value = cell(row.get(column, ""))
        if field == "parties":
            parts = [p for p in value.split(";") if p.strip()]
            fields.update(party_a=parts[0] if parts else "", party_b=parts[1] if len(parts) > 1 else "",
                          other_parties=";".join(parts[2:]))
        else:
            fields[field] = value
    if candidate.kind == "agreement" and fields.get("date"):
        fields["year"] = fields["date"][:4]
    record_id = fields.get("id", candidate.record_id) or candidate.record_id
    return Candidate(candidate.kind, record_id, candidate.quote, candidate.why, candidate.sentence, fields,
                     candidate.alias_of)


def _ticked(candidates: list[Candidate], table: pd.DataFrame) -> list[tuple[Candidate, dict]]:
    """(candidate, its review row) for every ticked row, matched by key, not position."""
    by_key = {f"c{n:03d}": c for n, c in enumerate(candidates, 1)}
    return [(by_key[row.get("key")], row) for row in table.to_dict("records")
            if row.get("key") in by_key and bool(row.get("accept"))]


def accepted(candidates: list[Candidate], table: pd.DataFrame) -> list[Candidate]:
    """The candidates whose row is ticked, with the analyst's edits applied (matched by key, not position)."""
    return [_edited(candidate, row) for candidate, row in _ticked(candidates, table)]


def proposed_ids(source: dict, candidates: list[Candidate], table: pd.DataFrame) -> set[str]:
    """The new ids the assistant chose against the data as it was: the source's, and each ticked new record's
    unless the analyst typed another. The save renumbers these if another save took them since; an id the
    analyst typed is theirs, and the check reports it if it clashes."""
    return {source["id"]} | {c.record_id for c, row in _ticked(candidates, table)
                             if c.kind != "corroboration" and not c.alias_of
                             and cell(row.get("id", "")) in ("", c.record_id)}


def accept_all(table: pd.DataFrame) -> pd.DataFrame:
    """"Accept all": every confident candidate ticked, every one below the line unticked (its row says why)."""
    return table.assign(accept=table["confidence"] == "high")


def select(table: pd.DataFrame, choice: str) -> pd.DataFrame:
    """The table with `accept` set from the script's --accept: 'all' (the confident ones, as `accept_all`),
    'none', or keys/ids, comma-separated (any candidate, below the line or not)."""
    table = table.copy()
    if choice == "all":
        table = accept_all(table)
    else:
        wanted = {part.strip() for part in choice.split(",") if part.strip()}
        table["accept"] = table["key"].isin(wanted) | table["id"].isin(wanted)
    return table


def plan_rows(source: dict, candidates: list[Candidate], table: pd.DataFrame, columns: dict[str, list[str]],
              text: str = ""):
    """(new rows by table, new aliases) for the ticked rows of the review table (and the article's ledger rows,
    given its text)."""
    return to_rows(source, accepted(candidates, table), columns, text)


def problems_frame(problems) -> pd.DataFrame:
    """The check's problems as a table (file, line, record, column, problem), shown as plain text."""
    return pd.DataFrame([{"file": p.file, "line": p.line, "record": p.record_id or "", "column": p.column or "",
                          "problem": p.message} for p in problems],
                        columns=["file", "line", "record", "column", "problem"])


def corroboration_summary(evidence: pd.DataFrame, candidates: list[Candidate]) -> str:
    """Which existing records the article corroborates, and which of them get their second source."""
    records = sorted({c.record_id for c in candidates if c.kind == "corroboration"})
    if not records:
        return "The article corroborates no record already in the data."
    counts = sources_per_record(evidence)
    single = [r for r in records if counts.get(r, 0) == 1]
    text = f"The article corroborates {len(records)} existing record(s)"
    if single:
        text += f"; {len(single)} of them single-source until now (accepting gives them a second source): "
        text += ", ".join(single)
    return text + "."

