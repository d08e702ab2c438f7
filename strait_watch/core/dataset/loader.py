"""Load the Strait Watch data package into typed DataFrames, or fail listing every problem.

Validation is split in three layers (README, "Which validator checks what"):
1. `files`, `package` and `reading`, per file, what must hold before a CSV can be read at all: the file is a
   plain file in the folder (no symbolic link anywhere in it), is UTF-8, not empty, its rows end in LF or
   CRLF, its header holds the schema's columns in schema order and every row has as many cells;
2. `frictionless_checks`, on the files as they are: types, required, enum, pattern, min/max, unique,
   primary keys and foreign keys, all read from datapackage.json;
3. `rules` and `corpus`, what datapackage.json cannot express: list columns, dates against their precision,
   ids across tables, evidence coverage, quotes against the corpus, canonical form.
`frames` types the validated tables; `model` holds Problem, DatasetError, Dataset and the folder settings.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from strait_watch.core.dataset import cell_rules as _cell_rules
from strait_watch.core.dataset import corpus as _corpus
from strait_watch.core.dataset import record_rules as _record_rules
from strait_watch.core.dataset import rules as _rules
from strait_watch.core.dataset import wording as _wording
from strait_watch.core.dataset.files import LINK, links
from strait_watch.core.dataset.frames import frames as _frames
from strait_watch.core.dataset.frames import version as _version
from strait_watch.core.dataset.frictionless_checks import frictionless_problems
from strait_watch.core.dataset.ledger import check_ledger
from strait_watch.core.dataset.model import (
    TABLES,
    WARNING,
    Dataset,
    DatasetError,
    Problem,
    default_corpus_dir,
    default_data_dir,
)
from strait_watch.core.dataset.package import FILE, read_package
from strait_watch.core.dataset.reading import Table, read_table

RULES = (*_rules.TABLE_RULES, _record_rules.check_alias_clashes, _record_rules.check_event_agreements,
         _record_rules.check_affiliation_cycles, _cell_rules.check_list_cells, _cell_rules.check_characters)
CORPUS_RULES = (_corpus.check_quotes, _wording.check_wording, _wording.check_attribution)


def _check(tables: dict[str, Table], resources: dict, corpus_dir: Path | None) -> list[Problem]:
    """Every layer-3 problem, errors and warnings alike (warnings need the corpus)."""
    problems = [p for rule in RULES for p in rule(tables)] + _cell_rules.check_integer_digits(tables, resources)
    if corpus_dir is not None:
        raw, found = _corpus.read_corpus(tables, corpus_dir)
        texts = {source: None if text is None else _corpus.normalise(text) for source, text in raw.items()}
        problems += found + [p for rule in CORPUS_RULES for p in rule(tables, texts)] + check_ledger(tables, raw)
    primary_keys = {n: r["schema"].get("primaryKey", []) for n, r in resources.items()}
    return problems + _rules.check_sorted(tables, primary_keys)


def load_dataset(path: str | Path | None = None, corpus_dir: str | Path | None = None,
                 check_quotes: bool = True) -> Dataset:
    """Read, validate and type the package in `path` (a folder or its datapackage.json).

    Quotes and corpus files are checked when check_quotes is set and the corpus folder exists;
    `corpus_checked` on the result says whether they were. Whatever the bytes, the outcome is a Dataset or a
    DatasetError: an exception from a bug in the checks themselves is reported as a problem too (the mutation
    test, tests/core/test_dataset_mutations.py, fails on that message).
    """
    data_dir = Path(path) if path is not None else default_data_dir()
    if data_dir.is_file():
        data_dir = data_dir.parent
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus_dir()
    try:
        return _load(data_dir, corpus, bool(check_quotes and corpus.is_dir()))
    except DatasetError:
        raise
    except Exception as exc:
        raise DatasetError([Problem(FILE, None, None, None,
                                    f"the check itself failed ({type(exc).__name__}: {exc}); this is a bug in"
                                    " Strait Watch: please report it with the data package")]) from exc


def _load(data_dir: Path, corpus: Path, corpus_checked: bool) -> Dataset:
    schema, problems = read_package(data_dir)
    read_by_layer_1 = {FILE, *(PurePosixPath(r["path"]).as_posix() for r in schema["resources"])} if schema else {FILE}
    problems += [Problem(link, None, None, None, LINK) for link in links(data_dir)
                 if link not in read_by_layer_1]  # a file the loader reads says so itself
    if schema is None:
        raise DatasetError(problems)
    resources = {r["name"]: r for r in schema["resources"]}
    tables = {}
    for name, resource in resources.items():
        table = read_table(data_dir, resource, problems)
        if table is not None:
            tables[name] = table
    later = frictionless_problems(data_dir, schema, tables) + _check(tables, resources, corpus if corpus_checked else None)
    # A row with the wrong number of cells is reported once, by reading: what else is said of it (its cells
    # are shifted) is noise.
    quiet = {(t.file, line) for t in tables.values() for line in t.quiet_lines}
    problems += [p for p in later if (p.file, p.line) not in quiet]
    order = {r["path"]: i for i, r in enumerate(schema["resources"])}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0, p.column or "", p.message))
    errors = [p for p in problems if p.severity != WARNING]
    warnings = tuple(p for p in problems if p.severity == WARNING)
    if errors:
        raise DatasetError(errors, warnings)
    return Dataset(
        **_frames(tables, resources),
        schema=schema,
        version=_version(schema, data_dir, [resources[n]["path"] for n in TABLES]),
        corpus_checked=corpus_checked,
        warnings=warnings,
    )
