"""Add an article to the data: print the assistant's candidates; with --accept and --write, save them.

    .venv/bin/python scripts/add_article.py ARTICLE.txt|.html --title T --author A --publisher P --date 2021-09
        [--kind analysis] [--data DIR] [--corpus DIR] [--json] [--accept all|c001,c004,ev-...] [--write]
    .venv/bin/python scripts/add_article.py --recover [--data DIR] [--corpus DIR]

Without --write nothing is changed: the accepted rows are checked on a temporary copy and the problems listed.
With --write the save is all or nothing (strait_watch/intake/save.py); ids another save took meanwhile are
renumbered and listed. --recover finishes or undoes a save that was interrupted (serve.sh runs it at start).
Exit 0 on success, 1 on bad input or a failing check, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from strait_watch.core.dataset.model import default_corpus_dir, default_data_dir
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import review_table, select
from strait_watch.intake.save import SaveError, recover, renamed_words
from strait_watch.intake.workflow import check, commit, prepare

SHOWN = ["key", "kind", "id", "record", "date", "name", "why", "quote"]


def _print_table(table) -> None:
    for row in table.to_dict("records"):
        mark = "x" if row["accept"] else " "
        target = row["id"] or f"→ {row['record']}"
        print(f"[{mark}] {row['key']} {row['kind']:<13} {target}")
        print(f"      why:   {row['why']}")
        if row["confidence"] != "high":  # below the line: unticked by --accept all, and why
            print(f"      {row['confidence']}")
        if row["quote"]:
            print(f"      quote: {row['quote'][:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, nargs="?", help="the article (.txt or .html); not with --recover")
    for name in ("title", "author", "publisher", "date"):
        parser.add_argument(f"--{name}", default="", help=f"the article's {name} as printed (blank: none printed)")
    parser.add_argument("--kind", default="analysis")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the candidates as JSON")
    parser.add_argument("--accept", default="none", help="'all', or candidate keys/ids, comma-separated")
    parser.add_argument("--write", action="store_true", help="save the accepted rows (only if the check passes)")
    parser.add_argument("--recover", action="store_true", help="only finish or undo an interrupted save")
    args = parser.parse_args(argv)
    data_dir, corpus = args.data or default_data_dir(), args.corpus or default_corpus_dir()
    if args.recover:
        return _recover(data_dir, corpus)
    if args.article is None:
        parser.error("give the article's file (or --recover)")
    meta = Meta(args.title, args.author, args.publisher, args.date, args.kind)
    try:
        raw = args.article.read_bytes()
        suggestion = prepare(raw, args.article.name, meta, data_dir, corpus)
    except (OSError, IntakeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    table = select(review_table(suggestion.candidates), args.accept)
    if args.json:
        print(json.dumps({"source": suggestion.source, "candidates": table.to_dict("records")}, indent=1,
                         ensure_ascii=False, default=str))
    else:
        print(f"New source {suggestion.source['id']} ({suggestion.source['corpus_file']}):"
              f" {len(table)} candidate(s), {int(table['accept'].sum())} accepted")
        _print_table(table)
    if not table["accept"].any():
        return 0
    return _check_or_write(suggestion, table, data_dir, corpus, args.write)


def _check_or_write(suggestion, table, data_dir, corpus, write: bool) -> int:
    problems = check(suggestion, table, data_dir, corpus)
    if problems:
        print(f"\nThe check fails with the accepted rows ({len(problems)} problem(s)); nothing saved:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if not write:
        print("\nThe check passes with the accepted rows. Add --write to save them.")
        return 0
    try:
        saved = commit(suggestion, table, data_dir, corpus)
    except SaveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if saved.recovered:
        print(f"\n{saved.recovered}")
    if saved.already:
        print(f"\nAlready saved: {saved.corpus_file} and its rows are in the data (version {saved.version}).")
        return 0
    print(f"\nSaved: data version {saved.version}; {saved.corpus_file} added to {corpus}.")
    if saved.renamed:
        print(renamed_words(saved.renamed))
    return 0


def _recover(data_dir: Path, corpus: Path) -> int:
    try:
        note = recover(data_dir, corpus if corpus.is_dir() else None)
    except SaveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(note or f"No interrupted save in {data_dir}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
