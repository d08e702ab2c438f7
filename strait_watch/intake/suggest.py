"""Add an article: read it, split it into sentences, propose candidate rows (each with a verbatim quote and
why it was proposed), turn the accepted ones into rows, and save them safely (`save`).

Pure: no streamlit. The page (app_pages/add_article.py), the script (scripts/add_article.py) and the benchmark
(bench/bench_intake.py) all call `suggest`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from strait_watch.intake.actors import actor_candidates
from strait_watch.intake.agreements import agreement_candidates, table_candidates
from strait_watch.intake.article import corpus_name
from strait_watch.intake.datefind import find_dates, parse_published
from strait_watch.intake.events import event_candidates
from strait_watch.intake.ids import person_id, source_number, unique
from strait_watch.intake.known import Known
from strait_watch.intake.model import Candidate, IntakeError, Meta, Sentence
from strait_watch.intake.proposals import OPINION_KINDS, proposal_candidates
from strait_watch.intake.text import sentences


@dataclass
class Suggestion:
    source: dict  # the new sources.csv row
    text: str  # the article as it goes into the corpus
    sentences: list[Sentence]
    candidates: list[Candidate]


def next_source(frames: dict[str, pd.DataFrame]) -> tuple[str, int]:
    numbers = [int(m.group(1)) for i in frames["sources"]["id"] if (m := re.fullmatch(r"src-(\d+)", i))]
    number = max(numbers, default=-1) + 1
    return f"src-{number:03d}", number


def estimate_date(meta: Meta, sents: list[Sentence], today: dt.date) -> tuple[str, str]:
    """(published_estimate, note): the printed date, else the latest stated date the text mentions up to today
    (an article is not published in a year it looks forward to)."""
    if meta.published:
        return meta.published, ""
    stated = [f.date for s in sents for f in find_dates(s.text, "2100")
              if f.basis == "stated" and f.date <= today.isoformat()]  # ISO prefixes compare by their first day
    if not stated:
        raise IntakeError("no article date given and the text states none: give the article's date (or a year)")
    latest = max(stated)[:7]
    return latest, f"No date printed; estimated from the latest date the text mentions ({latest})."


def _source_row(meta: Meta, text: str, frames, sents, today: dt.date) -> dict:
    source_id, number = next_source(frames)
    estimate, note = estimate_date(meta, sents, today)
    missing = [w for w, v in (("title", meta.title), ("author", meta.author), ("publisher", meta.publisher)) if not v]
    if missing:
        note = (note + " " if note else "") + f"No {', '.join(missing)} printed."
    return {"id": source_id, "corpus_file": corpus_name(text, number),
            "title": meta.title or "[Untitled article]", "title_basis": "stated" if meta.title else "inferred",
            "author": meta.author, "publisher": meta.publisher, "published": meta.published,
            "published_estimate": estimate, "kind": meta.kind,
            "extraction": "Added with the Add an article assistant; every candidate reviewed by the analyst.",
            "note": note.strip()}


def author_actor(known: Known, meta: Meta, source: dict, taken: set[str]) -> tuple[str, list[Candidate]]:
    """The author as an actor: a known one, else a new person (an actor candidate) when a name is printed, or,
    for an opinion text printed without a name, its unnamed author (as data/actors.csv's author-001)."""
    author = meta.author
    hits = known.actors_in(author) if author else []
    if hits:
        return hits[0].actor, []
    if len(author.split()) >= 2:
        rid, name = unique(person_id(author), taken), author
        why = f"the article's author '{author}' is no known actor: offered as a new person"
    elif not author and meta.kind in OPINION_KINDS:
        rid = unique(f"author-{source_number(source['id'])}", taken)
        name = f"Unnamed author of {source['title']}"
        why = f"the {meta.kind} prints no author: its unnamed author holds the views no one else is named for"
    else:
        return "", []
    fields = {"id": rid, "name": name, "kind": "person", "country": "Unknown", "aliases": "", "affiliation": "",
              "role": "author"}
    return rid, [Candidate("actor", rid, "", why, -1, fields)]


def grade(found: list[Candidate]) -> None:
    """A new measure or actor is as confident as the records that use it: one no confident proposal, event or
    agreement uses starts below the line (saved alone it would be a row nothing cites)."""
    used: set[str] = set()
    for c in found:
        if c.kind in ("proposal", "event", "agreement") and c.confidence == "high":
            used |= {str(c.fields.get(f, "")) for f in ("measure", "proposer", "party_a", "party_b")}
            used |= set(str(c.fields.get("actors", "")).split(";"))
            used |= set(str(c.fields.get("other_parties", "")).split(";"))
    for c in found:
        if c.kind == "measure" and c.record_id not in used:
            c.flag("no confident proposal uses this measure")
        elif c.kind == "actor" and c.alias_of:
            c.flag(f"an alias of {c.alias_of} only if the text means the same actor")
        elif c.kind == "actor" and c.record_id not in used:
            c.flag("a new name no confident record uses: accept it if it is an actor")


def holding(author_row: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """The author's actor candidate only when a proposal credits the author (else a name nothing cites)."""
    holders = {c.fields.get("proposer") for c in found if c.kind == "proposal"}
    return [c for c in author_row if c.record_id in holders]


Progress = Callable[[float, str], None]


def suggest(text: str, meta: Meta, frames: dict[str, pd.DataFrame], today: dt.date | None = None,
            progress: Progress | None = None) -> Suggestion:
    """Every candidate for this article against the known data (`frames`: the tables by name), in a fixed order,
    each graded (`Candidate.confidence`). `progress(fraction, words)` is told as each step starts.

    Linear in the text's length (`text.sentences` bounds each sentence); `article.MAX_CHARS` bounds the text, so
    a run takes seconds (README: the measured times). `today` (the clock's unless given) bounds the dates."""
    step = progress or (lambda fraction, words: None)
    today = today or dt.date.today()
    meta = Meta(meta.title.strip(), meta.author.strip(), meta.publisher.strip(),
                parse_published(meta.published, today), meta.kind)
    step(0.0, "reading the known data")
    known = Known(frames)
    step(0.1, "splitting the article into sentences")
    sents = sentences(text)
    source = _source_row(meta, text, frames, sents, today)
    taken = set(known.ids)
    taken.add(source["id"])
    published = source["published_estimate"]
    author, author_row = author_actor(known, meta, source, taken)
    found: list[Candidate] = []
    steps = [("tables", lambda: table_candidates(text, known, taken)),
             ("events", lambda: event_candidates(sents, published, known, taken)),
             ("agreements", lambda: agreement_candidates(sents, published, known, taken)),
             ("proposals", lambda: proposal_candidates(sents, known, source["id"], author, taken,
                                                       meta.kind in OPINION_KINDS)),
             ("actors", lambda: holding(author_row, found) + actor_candidates(
                 sents, known, taken, tuple(str(c.fields["name"]) for c in author_row)))]
    for n, (what, run) in enumerate(steps):
        step(0.2 + 0.8 * n / len(steps), f"{len(sents)} sentences: {what}")
        found += run()
    for candidate in found:
        if candidate.kind == "corroboration":
            candidate.fields.setdefault("source_id", source["id"])
    grade(found)
    step(1.0, f"{len(found)} candidates")
    return Suggestion(source, text, sents, found)

