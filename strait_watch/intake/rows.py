"""Accepted candidates as rows of the CSVs: every value a string as the files hold it."""

from __future__ import annotations

from strait_watch.core import dates
from strait_watch.core.dataset.model import Problem
from strait_watch.core.sentences import is_heading, layout, units
from strait_watch.intake.model import Candidate

# What the assistant puts in a ledger row it cannot fill from the accepted records (the analyst corrects it).
LEDGER_NOTE = "proposed by the assistant; read the sentence and correct the reason if need be"

EVIDENCE = ("record_id", "source_id", "quote", "locator")


def cell(value) -> str:
    """A value as the CSVs write it: booleans true/false, lists ';'-joined, None and NaN blank."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _evidence(record_id: str, source_id: str, quote: str, locator: str = "") -> dict[str, str]:
    return {"record_id": record_id, "source_id": source_id, "quote": quote, "locator": locator}


def _dated(row: dict[str, str], source: dict) -> None:
    """A new proposal without a date of its own takes its article's, marked so (codebook: a proposal's own date)."""
    if "date" in row and not row["date"]:
        when = cell(source.get("published") or source.get("published_estimate", ""))
        row.update(date=when, date_precision=dates.precision(when) or "", date_basis="article",
                   date_note="The assistant found no date of its own in the sentence: the article's date.")


def ledger_rows(source: dict, text: str, evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """The coverage ledger of the new article: every sentence and table row (core.sentences.units, the splitter
    the check numbers with) with the new records whose quotes fall in it, or the assistant's reason for none
    (a heading when it reads as one, else analysis), which the note asks the analyst to check."""
    article = units(text)
    found = layout(article)
    records: dict[int, list[str]] = {}
    for row in evidence:
        for number in found.quoted_units(row["quote"]):
            records.setdefault(number, [])
            if row["record_id"] not in records[number]:
                records[number].append(row["record_id"])
    out = []
    for unit in article:
        listed = records.get(unit.number, [])
        reason = "" if listed else ("heading" if is_heading(unit.text) else "analysis")
        out.append({"source_id": source["id"], "sentence": str(unit.number), "paragraph": str(unit.paragraph),
                    "hash": unit.hash, "records": ";".join(listed), "reason": reason,
                    "note": "" if listed else LEDGER_NOTE})
    return out


TITLES = {"events": "title", "agreements": "name", "measures": "name", "actors": "name"}


def cut_titles(new: dict[str, list[dict[str, str]]]) -> list[Problem]:
    """A title or name saved must be whole words: one cut short ('…' or '...') is a problem to fix first."""
    return [Problem(f"{table}.csv", None, row.get("id") or None, column,
                    f"the {column} '{row[column]}' is cut short ('…'): write it in whole words")
            for table, column in TITLES.items() for row in new.get(table, [])
            if row.get(column, "").rstrip().endswith(("…", "..."))]


def to_rows(source: dict, accepted: list[Candidate], columns: dict[str, list[str]], text: str = ""
            ) -> tuple[dict[str, list[dict[str, str]]], dict[str, list[str]]]:
    """(new rows by table, new aliases by known actor id) for the accepted candidates and the new source, and
    the article's ledger rows when the package has a ledger and the article's `text` is given.

    `columns` is each table's schema column order; fields outside it (a table cell's locator) go to evidence."""
    new: dict[str, list[dict[str, str]]] = {name: [] for name in columns}
    aliases: dict[str, list[str]] = {}
    new["sources"].append({c: cell(source.get(c, "")) for c in columns["sources"]})
    for candidate in accepted:
        fields = candidate.fields
        if candidate.kind == "corroboration":
            new["evidence"].append(_evidence(candidate.record_id, source["id"], candidate.quote,
                                             cell(fields.get("locator", ""))))
        elif candidate.kind == "actor" and candidate.alias_of:
            aliases.setdefault(candidate.alias_of, []).append(cell(fields.get("name", "")))
        else:
            row = {c: cell(fields.get(c, "")) for c in columns[candidate.table]}
            if candidate.kind == "proposal":
                _dated(row, source)
            new[candidate.table].append(row)
            if candidate.kind in ("event", "agreement", "proposal"):
                new["evidence"].append(_evidence(row["id"], source["id"], candidate.quote,
                                                 cell(fields.get("locator", ""))))
    if "ledger" in columns and text:
        new["ledger"] = ledger_rows(source, text, new["evidence"])
    return new, aliases
