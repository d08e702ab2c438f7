"""Leave-one-article-out benchmark of the Add an article assistant (issues 17, 29).

    .venv/bin/python bench/bench_intake.py [--data DIR] [--corpus DIR] [--article src-002] [--keep-actors]

For each article of the shipped data, as a truly new article would be: remove from a copy of the tables the
records only it supports (and every proposal made in it), all its quotes, and its own new actors and measures
(those no record of another article uses); run `strait_watch.intake.suggest.suggest` on its text with the rest
as the known data, and count per table
- recall: removed records (events, agreements, proposals) a candidate of the same kind recovers, and the
  article's quotes of records other articles also support that a corroboration of that record recovers;
- precision: the share of candidates that recover something;
both for every candidate and for what "Accept all" would save (`review.accept_all`: the confident ones only).
A candidate recovers a record when its quote overlaps one of the record's quotes in the article (same table
cell for table quotes). `--keep-actors` keeps actors and measures whole (the issue-17 measure, which flatters
actor matching). Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import default_corpus_dir, default_data_dir
from strait_watch.core.sentences import normalise
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import Meta
from strait_watch.intake.review import accept_all, accepted, review_table
from strait_watch.intake.suggest import suggest

KINDS = {"event": "events", "agreement": "agreements", "proposal": "proposals", "corroboration": "corroborations"}


def _span(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(normalise(quote))
    return None if start < 0 or not quote else (start, start + len(normalise(quote)))


def _actor_refs(frames: dict, keep) -> set[str]:
    """Actors the kept records name (events' actors, agreements' parties, proposals' proposers)."""
    ev, ag, pr = (frames[t][keep(frames[t])] for t in ("events", "agreements", "proposals"))
    refs = {a for actors in ev["actors"] for a in actors}
    refs |= set(ag["party_a"]) | set(ag["party_b"]) | {a for parties in ag["other_parties"] for a in parties}
    return refs | set(pr["proposer"])


def held_out(frames: dict, source_id: str, keep_actors: bool = False) -> tuple[dict, dict[str, set[str]], set[str]]:
    """(known frames without the article, removed record ids by table, records the article corroborates)."""
    ev = frames["evidence"]
    sources = ev.groupby("record_id")["source_id"].agg(set)
    only = {r for r, s in sources.items() if s == {source_id}}
    only |= set(frames["proposals"].loc[frames["proposals"]["source_id"] == source_id, "id"])
    removed = {t: set(frames[t]["id"]) & only for t in ("events", "agreements", "proposals")}
    corroborated = {r for r, s in sources.items() if source_id in s and r not in only}
    known = dict(frames)
    for table in removed:
        known[table] = frames[table][~frames[table]["id"].isin(only)]
    known["evidence"] = ev[(ev["source_id"] != source_id) & ~ev["record_id"].isin(only)]
    known["sources"] = frames["sources"][frames["sources"]["id"] != source_id]
    if not keep_actors:
        own = _actor_refs(frames, lambda t: t["id"].isin(only)) - _actor_refs(frames, lambda t: ~t["id"].isin(only))
        known["actors"] = frames["actors"][~frames["actors"]["id"].isin(own)]
        pr = frames["proposals"]
        measures = set(pr.loc[pr["id"].isin(only), "measure"]) - set(pr.loc[~pr["id"].isin(only), "measure"])
        known["measures"] = frames["measures"][~frames["measures"]["id"].isin(measures)]
    return known, removed, corroborated


def _expected(frames, source_id, removed, corroborated, text) -> dict[str, list[tuple[str, str, tuple]]]:
    """Table -> (record id, locator, quote span) of each quote to recover."""
    kind_of = {r: t for t, ids in removed.items() for r in ids} | {r: "corroborations" for r in corroborated}
    out = defaultdict(list)
    ev = frames["evidence"]
    for row in ev[ev["source_id"] == source_id].itertuples():
        if row.record_id in kind_of and (span := _span(text, row.quote)):
            out[kind_of[row.record_id]].append((row.record_id, row.locator, span))
    return out


def _hits(candidate, text, expected) -> set[str]:
    table = KINDS.get(candidate.kind)
    span = _span(text, candidate.quote)
    if table is None or span is None:
        return set()
    locator = candidate.fields.get("locator", "")
    return {rid for rid, loc, (s, e) in expected.get(table, [])
            if s < span[1] and span[0] < e and (not loc or not locator or loc == locator)
            and (table != "corroborations" or rid == candidate.record_id)}


def _score(found, norm, expected) -> dict[str, tuple[int, int, int, int]]:
    """Table -> (recovered, expected, useful candidates, candidates)."""
    recovered, useful, count = defaultdict(set), defaultdict(int), defaultdict(int)
    for candidate in found:
        table = KINDS.get(candidate.kind)
        if table is None:
            continue
        hits = _hits(candidate, norm, expected)
        count[table] += 1
        useful[table] += bool(hits)
        recovered[table] |= hits
    return {t: (len(recovered[t]), len({r for r, _, _ in expected.get(t, [])}), useful[t], count[t])
            for t in KINDS.values()}


def evaluate(frames: dict, source: dict, text: str, keep_actors: bool = False) -> dict[str, dict]:
    """'candidates' and 'accept all' -> table -> (recovered, expected, useful candidates, candidates)."""
    known, removed, corroborated = held_out(frames, source["id"], keep_actors)
    norm = normalise(text)
    expected = _expected(frames, source["id"], removed, corroborated, norm)
    # as the analyst gives them, its kind too (an opinion piece's author holds the views no one else is named for)
    meta = Meta(source["title"], source["author"], source["publisher"], source["published"] or source["published_estimate"],
                source["kind"])
    found = suggest(text, meta, known).candidates
    saved = accepted(found, accept_all(review_table(found)))
    return {"candidates": _score(found, norm, expected), "accept all": _score(saved, norm, expected)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--article", help="one source id only")
    parser.add_argument("--keep-actors", action="store_true", help="keep the article's own actors and measures")
    args = parser.parse_args(argv)
    frames = frames_of(load_dataset(args.data, args.corpus))
    totals = defaultdict(lambda: [0, 0, 0, 0])
    print("| article | set | table | recall | precision |\n|---|---|---|---|---|")
    for source in frames["sources"].to_dict("records"):
        if args.article and source["id"] != args.article:
            continue
        text = (args.corpus / source["corpus_file"]).read_text(encoding="utf-8")
        for which, tables in evaluate(frames, source, text, args.keep_actors).items():
            for table, figures in tables.items():
                totals[which, table] = [a + b for a, b in zip(totals[which, table], figures, strict=True)]
                rec, exp, use, cnt = figures
                print(f"| {source['id']} | {which} | {table} | {_pct(rec, exp)} ({rec}/{exp}) |"
                      f" {_pct(use, cnt)} ({use}/{cnt}) |")
    for (which, table), (rec, exp, use, cnt) in totals.items():
        print(f"| **all** | {which} | {table} | {_pct(rec, exp)} ({rec}/{exp}) | {_pct(use, cnt)} ({use}/{cnt}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
