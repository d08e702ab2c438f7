"""Accepted candidates as rows of the CSVs: every value a string as the files hold it."""

from __future__ import annotations

from strait_watch.intake.model import Candidate

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


def to_rows(source: dict, accepted: list[Candidate], columns: dict[str, list[str]]
            ) -> tuple[dict[str, list[dict[str, str]]], dict[str, list[str]]]:
    """(new rows by table, new aliases by known actor id) for the accepted candidates and the new source.

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
            new[candidate.table].append(row)
            if candidate.kind in ("event", "agreement", "proposal"):
                new["evidence"].append(_evidence(row["id"], source["id"], candidate.quote,
                                                 cell(fields.get("locator", ""))))
    return new, aliases
