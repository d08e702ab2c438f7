"""Saving an article's rows safely: canonical CSVs (schema column order, rows sorted by primary key, UTF-8
without BOM, '\\n' line ends), checked by `load_dataset` on a temporary copy first, then written all files or
none (temporary files renamed into place; the previous version kept in `<data>/.backups/`), under a lock so
two saves cannot interleave. Bad input raises and changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import Dataset, DatasetError, Problem

BACKUPS = ".backups"
LOCK = ".lock"


class SaveError(Exception):
    """The result would not pass the check (`problems`), or the save could not be completed; nothing changed."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)


def schema_of(data_dir: Path) -> dict:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def resources(schema: dict) -> dict[str, dict]:
    return {r["name"]: r for r in schema["resources"]}


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def canonical(rows: list[dict[str, str]], columns: list[str], key: list[str]) -> str:
    """The CSV text in canonical form: header in schema order, rows sorted by the primary key."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in sorted(rows, key=lambda r: tuple(r.get(c, "") for c in key)):
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def merged_files(data_dir: Path, new: dict[str, list[dict]], aliases: dict[str, list[str]]) -> dict[str, str]:
    """File name -> canonical text of every table with the new rows (and aliases) added."""
    out = {}
    for name, resource in resources(schema_of(data_dir)).items():
        columns = [f["name"] for f in resource["schema"]["fields"]]
        rows = read_rows(data_dir / resource["path"]) + list(new.get(name, []))
        if name == "actors":
            for row in rows:
                extra = [a for a in aliases.get(row["id"], []) if a not in row["aliases"].split(";")]
                row["aliases"] = ";".join(p for p in [*row["aliases"].split(";"), *extra] if p)
        key = resource["schema"].get("primaryKey") or [columns[0]]
        out[resource["path"]] = canonical(rows, columns, key if isinstance(key, list) else [key])
    return out


@contextmanager
def locked(data_dir: Path):
    """An exclusive lock on the data folder (fcntl); a second save waits until the first is done."""
    folder = data_dir / BACKUPS
    folder.mkdir(exist_ok=True)
    with open(folder / LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_result(data_dir: Path, corpus_dir: Path | None, files: dict[str, str],
                 article: tuple[str, str] | None) -> Dataset:
    """load_dataset on a temporary copy holding the new files (and the article in a copy of the corpus)."""
    with tempfile.TemporaryDirectory(prefix="strait-watch-save-") as tmp:
        data, corpus = Path(tmp) / "data", Path(tmp) / "corpus"
        data.mkdir()
        shutil.copy2(data_dir / "datapackage.json", data / "datapackage.json")
        for name, text in files.items():
            (data / name).write_text(text, encoding="utf-8", newline="")
        corpus.mkdir()
        if corpus_dir is not None and corpus_dir.is_dir():
            for path in corpus_dir.glob("*.txt"):
                os.symlink(path.resolve(), corpus / path.name)
        if article:
            (corpus / article[0]).write_text(article[1], encoding="utf-8")
        try:
            return load_dataset(data, corpus, check_quotes=corpus_dir is not None)
        except DatasetError as err:
            raise SaveError(f"the result would not pass the check: {len(err.problems)} problem(s); nothing saved",
                            err.problems) from None


def _write_temp(target: Path, text: str) -> Path:
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp


def _backup(data_dir: Path, names: list[str]) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = data_dir / BACKUPS / stamp
    folder.mkdir(parents=True)
    for name in names:
        if (data_dir / name).exists():
            shutil.copy2(data_dir / name, folder / name)
    return folder


def _replace_all(targets: dict[Path, str], backup: Path) -> None:
    """Rename every temporary file into place; on any failure put back what was replaced, remove what was new."""
    temps = {target: _write_temp(target, text) for target, text in targets.items()}
    done: list[Path] = []
    try:
        for target, tmp in temps.items():
            os.replace(tmp, target)
            done.append(target)
    except OSError as exc:
        for target in done:
            saved = backup / target.name
            if saved.exists():
                shutil.copy2(saved, target)
            else:
                target.unlink(missing_ok=True)
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise SaveError(f"could not write {target.name}: {exc}; the previous version is back in place") from exc


def save(data_dir: Path, corpus_dir: Path | None, new: dict[str, list[dict]], aliases: dict[str, list[str]],
         article: tuple[str, str] | None) -> Dataset:
    """Write the new rows (and the article, `(file name, text)`, into the corpus) if the result passes the check.

    Returns the dataset as loaded from the result; raises SaveError (problems listed) and changes nothing
    otherwise."""
    data_dir = Path(data_dir)
    if article and (corpus_dir is None or not Path(corpus_dir).is_dir()):
        raise SaveError(f"the corpus folder {corpus_dir} is not there (set STRAIT_WATCH_CORPUS): the article"
                        " cannot be added, so nothing is saved")
    with locked(data_dir):
        if article and (Path(corpus_dir) / article[0]).exists():
            raise SaveError(f"{article[0]} is already in the corpus folder; nothing saved")
        files = merged_files(data_dir, new, aliases)
        dataset = check_result(data_dir, corpus_dir and Path(corpus_dir), files, article)
        backup = _backup(data_dir, list(files))
        targets = {data_dir / name: text for name, text in files.items()
                   if (data_dir / name).read_text(encoding="utf-8") != text}
        if article:
            targets = {Path(corpus_dir) / article[0]: article[1], **targets}
        _replace_all(targets, backup)
    return dataset
