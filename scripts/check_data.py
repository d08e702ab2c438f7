"""Check the data package after editing: print every problem and a summary; exit 1 on any error.

    .venv/bin/python scripts/check_data.py [DATA_DIR] [--corpus DIR] [--skip-quotes] [--strict]

Warnings (wording the corpus does not bear out; only with the corpus) are listed apart and exit 0
unless --strict.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from strait_watch.core.dataset.files import read_plain
from strait_watch.core.dataset.ledger import coverage_report
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import (
    RECORD_TABLES,
    TABLES,
    DatasetError,
    default_corpus_dir,
    default_data_dir,
)
from strait_watch.core.sentences import units
from strait_watch.intake.save import SaveError, reading

# Control characters from the data would act on the terminal (an escape sequence can rewrite the screen) or
# break a problem over two lines: shown as escapes instead.
TERMINAL_SAFE = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}


def read_rows(data_dir: Path, table: str) -> list[dict[str, str]] | None:
    """Rows as plain strings, tolerant of the damage the loader reports, for the summary (a file the loader
    refuses to open, a link or a folder, is "unreadable" here too)."""
    raw = read_plain(data_dir, f"{table}.csv")
    if isinstance(raw, str):
        return None
    try:
        text = raw.decode("utf-8", errors="replace").replace("\x00", "")
        return list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error:
        return None


def summary(data_dir: Path) -> list[str]:
    tables = {name: read_rows(data_dir, name) for name in TABLES}
    out = ["Rows per table:"]
    for name, rows in tables.items():
        out.append(f"  {name:<11} {'unreadable' if rows is None else len(rows)}")

    def counts(title, table, column):
        rows = tables.get(table) or []
        counter = Counter(row.get(column) or "(blank)" for row in rows)
        out.append(f"{title}:")
        out.extend(f"  {key:<22} {n}" for key, n in sorted(counter.items()))

    counts("Events per category", "events", "category")
    counts("Agreements per type", "agreements", "agreement_type")
    counts("Measures per category", "measures", "category")

    # Distinct records each source supports, by kind, read off the evidence and the id tables.
    kind_of = {}
    for table, kind in RECORD_TABLES.items():
        for row in tables.get(table) or []:
            kind_of[row.get("id")] = kind
    per_source: dict[str, Counter] = {}
    for row in tables.get("evidence") or []:
        per_source.setdefault(row.get("source_id") or "(blank)", Counter())
    seen = set()
    for row in tables.get("evidence") or []:
        key = (row.get("source_id") or "(blank)", row.get("record_id"))
        if key not in seen:
            seen.add(key)
            per_source[key[0]][kind_of.get(key[1], "unknown")] += 1
    out.append("Records per source (from evidence):")
    for source, counter in sorted(per_source.items()):
        parts = ", ".join(f"{kind} {n}" for kind, n in sorted(counter.items()))
        out.append(f"  {source:<10} {sum(counter.values()):>4}  ({parts})")
    return out


def coverage(data_dir: Path, corpus: Path) -> list[str]:
    """The coverage ledger per article: sentences (and table rows), the share accounted for, those with records
    and those with a reason; an article not in the corpus folder cannot be counted."""
    entries = {}
    for row in read_rows(data_dir, "ledger") or []:
        if (row.get("sentence") or "").isdigit():
            entries[(row.get("source_id"), int(row["sentence"]))] = (row.get("hash"), bool((row.get("records") or "").strip()))
    articles = {}
    for row in read_rows(data_dir, "sources") or []:
        raw = read_plain(corpus, row.get("corpus_file") or "") if (row.get("corpus_file") or "") and "/" not in row["corpus_file"] else None
        if isinstance(raw, bytes):
            articles[row.get("id")] = units(raw.decode("utf-8", errors="replace"))
    out = ["Coverage ledger (sentences and table rows accounted for):"]
    for r in coverage_report(entries, articles):
        out.append(f"  {r['source_id']:<10} {r['accounted']:>4} of {r['sentences']:<4} {r['share_accounted']:>5.1f}%"
                   f"  ({r['with_records']} support records, {r['without_records']} none with a reason"
                   + (f", {r['missing']} missing or changed" if r["missing"] else "") + ")")
    total = sum(len(u) for u in articles.values())
    if total:
        done = sum(r["accounted"] for r in coverage_report(entries, articles))
        out.append(f"  {'all':<10} {done:>4} of {total:<4} {100 * done / total:>5.1f}%")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=None,
                        help="data package folder (default: STRAIT_WATCH_DATA or data/)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus folder (default: STRAIT_WATCH_CORPUS or ../shared/seeds)")
    parser.add_argument("--skip-quotes", action="store_true", help="do not check quotes against the corpus")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if data_dir.is_file():  # its datapackage.json, as load_dataset accepts
        data_dir = data_dir.parent
    corpus = args.corpus or default_corpus_dir()
    if hasattr(sys.stdout, "reconfigure"):  # a terminal that cannot show a character gets an escape, not a traceback
        sys.stdout.reconfigure(errors="backslashreplace")

    print(f"Data package: {data_dir}")
    problems, warnings = [], []
    try:
        # An interrupted save is finished (or undone) first, and no save switches files while the check reads.
        with reading(data_dir, corpus if corpus.is_dir() else None) as note:
            if note:
                print(f"NOTICE: {note}")
            dataset = load_dataset(data_dir, corpus, check_quotes=not args.skip_quotes)
    except SaveError as error:
        print(f"error: {error}".translate(TERMINAL_SAFE))
        return 1
    except DatasetError as error:
        problems, warnings = error.problems, error.warnings
        checked = not args.skip_quotes and corpus.is_dir()
    else:
        checked, warnings = dataset.corpus_checked, list(dataset.warnings)
        print(f"Version: {dataset.version}")
    if checked:
        print(f"Corpus: {corpus} (quotes checked)")
    else:
        reason = "--skip-quotes" if args.skip_quotes else "folder not found; set STRAIT_WATCH_CORPUS or --corpus"
        print(f"NOTICE: quotes NOT checked against the corpus ({corpus}: {reason})")
    print()
    print("\n".join(line.translate(TERMINAL_SAFE) for line in summary(data_dir)))
    print()
    if checked:
        print("\n".join(coverage(data_dir, corpus)))
        print()
    return report(problems, warnings, args.strict)


def report(problems: list, warnings: list, strict: bool) -> int:
    """Errors, then warnings apart; the exit code (1 on errors, or on warnings under --strict)."""
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print(f"  {str(problem).translate(TERMINAL_SAFE)}")
    if warnings:
        if problems:
            print()
        print(f"{len(warnings)} warning(s){' (--strict: they fail the check)' if strict else ''}:")
        for warning in warnings:
            print(f"  {str(warning).translate(TERMINAL_SAFE)}")
    if not problems:
        print("OK: no problems." + (f" {len(warnings)} warning(s) above." if warnings else ""))
    return 1 if problems or (strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
