"""Ids in the house pattern (see data/*.csv): ev-2021-08-27-jp-ldp-talks, ag-2021-jp-us-joint-statement,
pr-005-kishi-nobuo-hotline, m-hotline, kishi-nobuo; unique against the known ids and each other, and renumbered
(with the references that follow them) when another save took them before this one got the lock."""

from __future__ import annotations

import re
import unicodedata

# Short codes the house ids use for states (ag-jp-au-gsomia).
STATE_CODES = {"japan": "jp", "australia": "au", "india": "in", "uk": "uk", "france": "fr", "germany": "de",
               "usa": "us", "taiwan": "tw", "china": "cn", "south-korea": "kr", "eu": "eu"}


def slug(text: str, words: int = 6) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("+", "plus").replace("&", "and").casefold()
    parts = [p for p in re.split(r"[^a-z0-9]+", text) if p]
    return "-".join(parts[:words]) or "x"


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or wanted-2, wanted-3... if taken; the result is added to `taken`."""
    candidate, n = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def code(actor: str) -> str:
    return STATE_CODES.get(actor, actor)


def person_id(name: str) -> str:
    """'Grant Newsham' -> newsham-grant (family name first, as kishi-nobuo, newsham-grant)."""
    parts = slug(name).split("-")
    return "-".join([parts[-1], *parts[:-1]]) if len(parts) > 1 else parts[0]


def source_number(source_id: str) -> str:
    """'src-005' -> '005' (proposal ids carry their source's number)."""
    return source_id.rsplit("-", 1)[-1]



SOURCE_ID = re.compile(r"src-(\d+)")
# Id-holding columns the schema's foreign keys do not declare (the lists and evidence's record_id, which
# core/dataset/rules.py checks): with the foreign keys, every column a renumbered id must be followed into.
LIST_REFERENCES = {"events": ("actors",), "agreements": ("other_parties",), "statistics": ("actors",),
                   "evidence": ("record_id",), "ledger": ("records",)}


def reference_columns(schema: dict) -> dict[str, set[str]]:
    """Table -> the columns holding other records' ids (datapackage.json's foreign keys, and LIST_REFERENCES)."""
    out: dict[str, set[str]] = {name: set(columns) for name, columns in LIST_REFERENCES.items()}
    for resource in schema["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            fields = key["fields"]
            out.setdefault(resource["name"], set()).update([fields] if isinstance(fields, str) else fields)
    return out


def renumber(new: dict[str, list[dict[str, str]]], taken: set[str], references: dict[str, set[str]],
             movable: set[str] | None = None) -> tuple[dict[str, list[dict[str, str]]], dict[str, str]]:
    """The new rows with ids free in `taken` (every id in the data now, read under the save's lock), and
    {id asked: id given} for each one that changed.

    Only `movable` ids are renumbered (the ids the assistant chose against the data as it was, so a clash now
    means another save took them; None: any id): an id the analyst typed over an existing one stays, and the
    check reports it. A taken source id gets the next free number, and its corpus file name and its proposals'
    ids (which carry the number) follow; any other taken id becomes id-2, id-3... Every reference among the new
    rows (evidence's record_id and source_id, proposals' proposer and measure, events' actors...) follows."""
    def moves(rid: str) -> bool:
        return bool(rid) and rid in taken and (movable is None or rid in movable)

    if not any(moves(row.get("id", "")) for rows in new.values() for row in rows):
        return new, {}
    out = {table: [dict(row) for row in rows] for table, rows in new.items()}
    ids = set(taken) | {row["id"] for rows in out.values() for row in rows if row.get("id")}
    renamed: dict[str, str] = {}
    prefixes: dict[str, str] = {}  # a renumbered source's proposal prefix: "pr-903-" -> "pr-904-"
    for row in out.get("sources", []):
        found = SOURCE_ID.fullmatch(row["id"])
        if moves(row["id"]) and found:
            number = max(int(m.group(1)) for rid in ids if (m := SOURCE_ID.fullmatch(rid))) + 1
            renamed[row["id"]] = unique(f"src-{number:03d}", ids)
            prefixes[f"pr-{found.group(1)}-"] = f"pr-{number:03d}-"
            if row.get("corpus_file", "").startswith(f"{found.group(1)}_"):
                row["corpus_file"] = f"{number:03d}_" + row["corpus_file"].split("_", 1)[1]
    for rows in out.values():
        for row in rows:
            rid = row.get("id", "")
            if not rid or rid in renamed:
                continue
            prefix = next((p for p in prefixes if rid.startswith(p)), None)
            if prefix and (movable is None or rid in movable):
                renamed[rid] = unique(prefixes[prefix] + rid[len(prefix):], ids)
            elif moves(rid):
                renamed[rid] = unique(rid, ids)
    for table, rows in out.items():
        columns = references.get(table, set()) | {"id"}
        for row in rows:
            for column in columns & row.keys():
                row[column] = ";".join(renamed.get(part, part) for part in row[column].split(";"))
    return out, renamed
