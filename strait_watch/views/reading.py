"""The reading view: an article as the analyst reads it, each sentence marked by what the coverage ledger says it
supports (an event, an agreement, a proposal, a statistic, or none and why), the records' quotes highlighted, and
the coverage of every article.

The article's text comes from the corpus folder the analyst has (never copied into the project); its sentences
are `core.sentences.units`, the splitter the ledger and the add-an-article assistant number them with.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from strait_watch.core.dataset.ledger import coverage_report
from strait_watch.core.filters import Filters
from strait_watch.core.sentences import ROW, Unit, layout
from strait_watch.core.text import plural
from strait_watch.views.evidence import evidence_records

KINDS = {"Event": "event", "Agreement": "agreement", "Proposal": "proposal", "Statistic": "statistic"}
KIND_WORDS = {"event": "an event", "agreement": "an agreement", "proposal": "a proposal", "statistic": "a statistic"}
COVERAGE_COLUMNS = ["source_id", "article", "sentences", "accounted", "with_records", "without_records", "missing",
                    "share_accounted"]


def ledger_of(ds, source_id: str) -> dict[int, dict]:
    """The ledger rows of one article by sentence number."""
    rows = ds.ledger[ds.ledger["source_id"] == source_id]
    return {int(r["sentence"]): r for r in rows.to_dict("records")}


def reason_words(ds) -> dict[str, str]:
    """Each reason code of the codebook's closed list, in words."""
    return dict(ds.schema.get("codebook", {}).get("ledger reasons", {}))


def _spans(units: list[Unit], quotes: list[str]) -> list[list[tuple[int, int]]]:
    """For each unit, the (start, end) character spans inside it that some quote covers (every occurrence; quotes
    may run across sentences: core.sentences.layout)."""
    article = layout(units)
    covered = [span for quote in quotes for span in article.spans(quote, every=True)]
    out = []
    for u, start in zip(units, article.starts, strict=True):
        end = start + len(u.text)
        out.append(sorted((max(a, start) - start, min(b, end) - start) for a, b in covered if a < end and start < b))
    return out


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, quoted) pieces; overlapping spans merge."""
    out, at = [], 0
    for a, b in spans:
        a = max(a, at)
        if b <= a:
            continue
        if a > at:
            out.append((text[at:a], False))
        out.append((text[a:b], True))
        at = b
    if at < len(text):
        out.append((text[at:], False))
    return out


def reading_units(ds, source_id: str, units: list[Unit], f: Filters) -> list[dict]:
    """Every unit of the article with what the ledger says of it, its highlighted quotes, and whether it is lit
    (some record of it passes the filters; a sentence that supports none is never dimmed)."""
    ledger = ledger_of(ds, source_id)
    every = evidence_records(ds, Filters())
    kinds = dict(zip(every["record_id"], every["type"], strict=True))
    titles = dict(zip(every["record_id"], every["title"], strict=True))
    passing = set(evidence_records(ds, f)["record_id"])
    reasons = reason_words(ds)
    quotes = ds.evidence.loc[ds.evidence["source_id"] == source_id, "quote"].tolist()
    out = []
    for unit, spans in zip(units, _spans(units, quotes), strict=True):
        row = ledger.get(unit.number)
        records = list(row["records"]) if row is not None else []
        if row is None or (row["hash"] != unit.hash):
            support = "missing"
            label = "not in the ledger" if row is None else "changed since the ledger was written"
        elif records:
            support = KINDS.get(kinds.get(records[0], ""), "event")
            label = "supports " + "; ".join(f"{KIND_WORDS.get(KINDS.get(kinds.get(r, ''), ''), 'a record')}: "
                                            f"{titles.get(r, r)}" for r in records)
        else:
            support = "none"
            label = "supports no record: " + reasons.get(row["reason"], row["reason"])
        out.append(dict(number=unit.number, paragraph=unit.paragraph, kind=unit.kind, text=unit.text,
                        records=records, reason="" if row is None else row["reason"],
                        note="" if row is None else row["note"], support=support, label=label,
                        lit=support in ("none", "missing") or any(r in passing for r in records),
                        segments=_segments(unit.text, spans)))
    return out


def coverage(ds, texts: dict[str, list[Unit] | None]) -> pd.DataFrame:
    """One row per article whose text is in the corpus folder (COVERAGE_COLUMNS): the ledger's coverage as the
    check command reports it (core.dataset.ledger.coverage_report)."""
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    led = ds.ledger
    entries = {(s, int(n)): (h, len(r) > 0) for s, n, h, r in
               zip(led["source_id"], led["sentence"], led["hash"], led["records"], strict=True)}
    rows = coverage_report(entries, {s: u for s, u in texts.items() if u is not None})
    return pd.DataFrame([{**r, "article": titles.get(r["source_id"], r["source_id"])} for r in rows],
                        columns=COVERAGE_COLUMNS)


def coverage_words(row: dict) -> str:
    """'70 of 75 sentences (93.3%) accounted for: 41 support records, 29 none (with a reason); 5 not in the ledger'."""
    text = (f"{row['accounted']} of {plural(row['sentences'], 'sentence')} ({row['share_accounted']:g}%) accounted for:"
            f" {row['with_records']} support records, {row['without_records']} none (with a reason)")
    return text + (f"; {row['missing']} not in the ledger or changed since" if row["missing"] else "")


def reading_payload(units: list[dict], picked: int | None, foot: str) -> dict:
    """What the mounted reading component receives; `key` changes only when the drawn text or marks change."""
    drawn = [{k: u[k] for k in ("number", "paragraph", "kind", "support", "lit", "label", "segments")} for u in units]
    key = hashlib.sha256(json.dumps([drawn, foot], sort_keys=True).encode()).hexdigest()[:16]
    return dict(units=drawn, picked=picked, foot=foot, key=key)


def reading_csv_rows(units: list[dict]) -> pd.DataFrame:
    """The ledger as read: one row per sentence, what it supports or why not."""
    return pd.DataFrame([dict(sentence=u["number"], paragraph=u["paragraph"], kind="table row" if u["kind"] == ROW
                              else "sentence", text=u["text"], records="; ".join(u["records"]), reason=u["reason"],
                              note=u["note"]) for u in units],
                        columns=["sentence", "paragraph", "kind", "text", "records", "reason", "note"])
