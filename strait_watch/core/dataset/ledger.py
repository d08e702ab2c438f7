"""The coverage ledger (ledger.csv): every sentence and table row of every article accounted for.

Each row names a unit of an article (source, sentence number, paragraph, and the hash of its text, so an edit to
the article is caught) and either the records it supports or one reason from the codebook's closed list
("ledger reasons") why it supports none. Units are `core.sentences.units`, the splitter the reading view and the
add-an-article assistant share. The rules here need the articles' own text (paragraph breaks included), so they
run only when the corpus is checked.
"""

from __future__ import annotations

from strait_watch.core.dataset.model import RECORD_TABLES, Problem
from strait_watch.core.dataset.rules import Tables, at, ids, rows, split_list, usable
from strait_watch.core.sentences import Unit, layout, units

LEDGER = "ledger"
COLUMNS = ("source_id", "sentence", "paragraph", "hash", "records", "reason")


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def article_units(raw: dict[str, str | None]) -> dict[str, list[Unit]]:
    """Each readable article's units by source id."""
    return {source_id: units(text) for source_id, text in raw.items() if text is not None}


def check_ledger(tables: Tables, raw: dict[str, str | None]) -> list[Problem]:
    """Every unit has one ledger row whose hash matches; a row lists records or gives a reason (not both); its
    records exist; a record's quote never falls in a unit marked as supporting none, and the unit lists it."""
    if not usable(tables, LEDGER, *COLUMNS):
        return []
    # An unreadable record table makes "unknown record" unknowable (its own problem is reported).
    readable = all(usable(tables, name, "id") for name in RECORD_TABLES)
    known = set().union(*(ids(tables, name) for name in RECORD_TABLES)) if readable else set()
    articles = article_units(raw)
    entries: dict[tuple[str, int], tuple[int, dict]] = {}
    out = []
    for line, row in rows(tables, LEDGER, *COLUMNS):
        where = f"{row['source_id']} sentence {row['sentence']}"
        if not row["sentence"].isdigit():
            continue  # frictionless reports the type
        key = (row["source_id"], int(row["sentence"]))
        if key in entries:
            continue  # the primary key check reports it
        entries[key] = (line, row)
        records = split_list(row["records"])
        if records and row["reason"]:
            out.append(at(tables, LEDGER, line, where, "reason",
                          "lists records and a reason: a sentence supports records, or none for a reason; clear one"))
        if not records and not row["reason"]:
            out.append(at(tables, LEDGER, line, where, "records",
                          "neither records nor a reason: list the records the sentence supports, or why it supports none"))
        for record in records:
            if known and record not in known:
                out.append(at(tables, LEDGER, line, where, "records", f"unknown record '{record}'"))
        article = articles.get(row["source_id"])
        if article is None:
            continue
        number = key[1]
        if not 1 <= number <= len(article):
            out.append(at(tables, LEDGER, line, where, "sentence",
                          f"the article has {len(article)} sentences and table rows; there is no sentence {number}"))
            continue
        unit = article[number - 1]
        if row["hash"] != unit.hash:
            out.append(at(tables, LEDGER, line, where, "hash",
                          f"the sentence changed since it was read (hash now {unit.hash}): '{_short(unit.text)}';"
                          " read it again, then update its row"))
        if row["paragraph"] != str(unit.paragraph):
            out.append(at(tables, LEDGER, line, where, "paragraph",
                          f"sentence {number} is in paragraph {unit.paragraph}, not {row['paragraph']}"))
    shifted = bool(getattr(tables[LEDGER], "quiet_lines", ()))  # rows with cells missing are reported as such
    for source_id, article in articles.items() if not shifted else ():
        for unit in article:
            if (source_id, unit.number) not in entries:
                out.append(Problem(tables[LEDGER].file, None, None, None,
                                   f"{source_id} sentence {unit.number} (paragraph {unit.paragraph}, hash {unit.hash})"
                                   f" has no ledger row: '{_short(unit.text)}'; read it and add its row"))
    layouts = {source_id: layout(article) for source_id, article in articles.items()}
    for line, row in rows(tables, "evidence", "record_id", "source_id", "quote"):
        found = layouts.get(row["source_id"])
        for number in found.quoted_units(row["quote"]) if found else []:
            entry = entries.get((row["source_id"], number))
            if entry is None:
                continue
            listed = split_list(entry[1]["records"])
            if not listed:
                out.append(at(tables, "evidence", line, row["record_id"], "quote",
                              f"the quote falls in {row['source_id']} sentence {number}, which the ledger (line"
                              f" {entry[0]}) marks as supporting no record ({entry[1]['reason']})"))
            elif readable and row["record_id"] not in listed and row["record_id"] in known:  # an unknown id is reported as such
                out.append(at(tables, LEDGER, entry[0], f"{row['source_id']} sentence {number}", "records",
                              f"holds a quote of '{row['record_id']}' (evidence.csv line {line}) but does not list it"))
    return out


def coverage_report(entries: dict[tuple[str, int], tuple[str, bool]], articles: dict[str, list[Unit]]) -> list[dict]:
    """Per article: its units, how many the ledger accounts for (a row whose hash matches the text), how many of
    those support records and how many none (with a reason), the units missing, and the share accounted for.
    `entries` maps (source id, sentence number) to (hash, lists records); the check command and the reading view
    both call this."""
    out = []
    for source_id, article in articles.items():
        ok = [entries[(source_id, u.number)][1] for u in article
              if entries.get((source_id, u.number), ("", False))[0] == u.hash]
        with_records = sum(ok)
        out.append(dict(source_id=source_id, sentences=len(article), accounted=len(ok), with_records=with_records,
                        without_records=len(ok) - with_records, missing=len(article) - len(ok),
                        share_accounted=100.0 if not article else round(100 * len(ok) / len(article), 1)))
    return out
