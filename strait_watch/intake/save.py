"""Saving an article's rows: all files or none, even under `kill -9`, with ids chosen under the lock.

What a save promises (what an analyst who cannot afford a broken package expects):
- Any interruption (an error, `kill -9`, a power cut) leaves the package and the corpus at the old version or
  at the new one, never a mix: no half package, no article "already in the corpus" without its rows.
- No reader sees a half package: readers hold SWAP_LOCK shared while they read (`reading`), a save switches
  files only while it holds it exclusively, and an interrupted save is finished before anyone reads.
- Two analysts can save at once: saves queue on LOCK, and under it each save re-reads the data and gives its
  new rows ids that are free now (`Saved.renamed` says which changed), so the second save succeeds.
- A failing check, a read-only folder or a full disk changes nothing and raises SaveError in plain words;
  `unwritable` says up front why a folder cannot take a save.
- The previous version is kept in `<data>/.backups/<UTC time>/` (the newest KEEP_BACKUPS); nothing is left beside
  the files or in the system's temporary folder.

How a save runs, one at a time under LOCK (each step named for the kill test, `kill_point`):
  1. `locked`: finish any interrupted save (`recover`); re-read the data; renumber ids another save took;
  2. `checking`, `checked`: `load_dataset` on a copy with the new files (in `.backups/.check-<pid>-*`);
  3. `backing-up`, `backed-up`: the current package copied to a new backup folder (written as `.partial-*`,
     then renamed);
  4. under SWAP_LOCK held exclusively: `temp:<file>` each new file written beside its target as a temporary
     (suffix TEMP) and fsynced; `journal-temp`, `journal`: the journal JOURNAL naming every target, its
     temporary and the SHA-256 of its new and old contents, written whole (a temporary, fsynced, renamed);
     `renamed:<file>` each temporary renamed onto its target; `switched`: the folders fsynced;
     `journal-removed`;
  5. `pruned`: backups beyond the newest KEEP_BACKUPS removed.
The article, the CSVs and SAVES (the record of finished saves, in the backup folder) are switched together.

Recovery (`recover`, also run by `reading`): a journal means the switch had begun, and every temporary it names
was complete and on disk before the journal was written, so the save is rolled forward: each target gets its
new content. Forward, not back, because the check had passed and the analyst asked for this version; a retry
of the same save then finds it in SAVES and reports it saved (`Saved.already`) instead of adding rows twice.
Only when a temporary is missing or damaged (a disk that lost data) is the save rolled back from its backup.
Temporaries without a journal (a save stopped before its switch) are removed: the old version stands. Recovery
runs at the start of every save, in `reading` (the app's loader, the intake's prepare and check), in the check
command and when serve.sh starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import Dataset, DatasetError, Problem
from strait_watch.core.dataset.rules import key_order
from strait_watch.intake.article import duplicate_of
from strait_watch.intake.ids import reference_columns, renumber

BACKUPS = ".backups"  # in the data folder: backups, locks, SAVES
LOCK = ".lock"  # in BACKUPS: held for a whole save, so saves queue
SWAP_LOCK = "."  # the data folder itself: exclusive while a save switches files, shared while anyone reads
JOURNAL = ".save-journal.json"  # in the data folder, only while a save switches files (or after a kill there)
TEMP = ".strait-watch-tmp"  # the suffix of every temporary a save writes beside its target
SAVES = "saves.json"  # in BACKUPS: the last KEEP_SAVES finished saves, so a retry is recognised
KEEP_BACKUPS = 10
KEEP_SAVES = 100
STAMP = re.compile(r"\d{8}T\d{12}Z")  # a backup folder's name: its UTC time
READ_ONLY_SETTING = "STRAIT_WATCH_READ_ONLY"  # set (to 1) by `scripts/serve.sh --read-only`
KILL_AT_SETTING = "STRAIT_WATCH_SAVE_KILL_AT"  # fault injection: the step at which a save kills itself


class SaveError(Exception):
    """The result would not pass the check (`problems`), or the save could not be made; nothing changed."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)


@dataclass(frozen=True)
class Saved:
    """What a save did: the dataset as loaded from the result, the ids it changed, the article's file name."""

    dataset: Dataset
    corpus_file: str | None
    renamed: dict[str, str] = field(default_factory=dict)  # {id asked: id given}, ids another save took first
    already: bool = False  # this very save was already in place (finished by recovery); nothing written now
    recovered: str | None = None  # what recovery did first, when an earlier save had been interrupted

    @property
    def version(self) -> str:
        return self.dataset.version


def kill_point(step: str) -> None:
    """Fault injection for tests/intake/test_save_kill.py: SIGKILL this process at `step` when KILL_AT_SETTING
    names it (as a power cut or `kill -9` would stop it there); nothing otherwise."""
    if os.environ.get(KILL_AT_SETTING) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def renamed_words(renamed: dict[str, str]) -> str:
    """The sentence the page and the script show when a save renumbered ids ("" when none changed)."""
    if not renamed:
        return ""
    pairs = ", ".join(f"{old} → {new}" for old, new in renamed.items())
    return (f"Another save took {len(renamed)} of these ids while this one was being prepared, so they were"
            f" renumbered: {pairs}.")


# ---- where a save can go ---------------------------------------------------------------------------------

def _read_only_folder(folder: Path) -> bool:
    """True when this process may not create files in `folder` (permissions, or a read-only mount)."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return True
    return not os.access(folder, os.W_OK | os.X_OK)


def _data_unwritable(data_dir: Path) -> str | None:
    if os.environ.get(READ_ONLY_SETTING, "").strip() not in ("", "0"):
        return (f"This deployment is read-only ({READ_ONLY_SETTING} is set, e.g. by serve.sh --read-only), so"
                " articles cannot be saved here.")
    if not data_dir.is_dir():
        return f"The data folder {data_dir} does not exist, so there is nothing to save into."
    if not (data_dir / "datapackage.json").is_file():
        return f"The data folder {data_dir} holds no datapackage.json, so it is not a data package to save into."
    if _read_only_folder(data_dir):
        return f"The data folder {data_dir} is read-only (its permissions or a read-only mount), so nothing can be saved."
    try:
        names = ["datapackage.json", *(r["path"] for r in resources(schema_of(data_dir)).values())]
    except (OSError, ValueError, KeyError, TypeError):
        return f"The datapackage.json in {data_dir} cannot be read, so nothing can be saved; run the check command."
    for name in names:
        path = data_dir / name
        if path.is_symlink():
            return (f"{name} in {data_dir} is a symbolic link; a save would replace the link with a plain file,"
                    " so saving is off here.")
        if path.exists() and not os.access(path, os.W_OK):
            return f"{name} in {data_dir} is read-only, so nothing can be saved."
    backups = data_dir / BACKUPS
    if backups.is_symlink() or (backups.exists() and (not backups.is_dir() or _read_only_folder(backups))):
        return f"The backup folder {backups} is not a writable folder, so nothing can be saved."
    return None


def unwritable(data_dir: Path, corpus_dir: Path | None) -> str | None:
    """None when a save can be made into these folders, else one plain sentence saying why not.

    The page shows the sentence instead of a Save button; `save` refuses with the same sentence."""
    why = _data_unwritable(Path(data_dir))
    if why:
        return why
    if corpus_dir is None:
        return "No corpus folder is set (STRAIT_WATCH_CORPUS), so the article cannot be added beside the others."
    corpus_dir = Path(corpus_dir)
    if corpus_dir.is_symlink() and not corpus_dir.is_dir():
        return f"The corpus folder {corpus_dir} is a broken symbolic link, so the article cannot be added."
    if not corpus_dir.is_dir():
        return (f"The corpus folder {corpus_dir} does not exist (set STRAIT_WATCH_CORPUS), so the article cannot"
                " be added beside the others.")
    if _read_only_folder(corpus_dir):
        return f"The corpus folder {corpus_dir} is read-only, so the article cannot be added to it."
    return None


# ---- the package's files in canonical form --------------------------------------------------------------

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
    for row in sorted(rows, key=lambda r: key_order(r.get(c, "") for c in key)):
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


def _ids_now(data_dir: Path) -> set[str]:
    """Every record id in the package as it is on disk."""
    return {row["id"] for r in resources(schema_of(data_dir)).values()
            if any(f["name"] == "id" for f in r["schema"]["fields"])
            for row in read_rows(data_dir / r["path"]) if row.get("id")}


# ---- locks ---------------------------------------------------------------------------------------------

@contextmanager
def _flock(data_dir: Path, name: str, mode: int, required: bool = True) -> Iterator[None]:
    """flock on `<data>/.backups/<name>`, or on the data folder itself for SWAP_LOCK. Not `required` (a reader):
    a folder where the lock file can be neither made nor opened is read without one."""
    if name == SWAP_LOCK:  # a lock on the folder itself: a reader creates nothing (a fixture or a read-only mount)
        try:
            fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            if required:
                raise
            fd = None
        yield from _holding(fd, mode)
        return
    path = data_dir / BACKUPS / name
    try:
        path.parent.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError:
        if required:
            raise
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            fd = None
    yield from _holding(fd, mode)


def _holding(fd: int | None, mode: int) -> Iterator[None]:
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock (and a dead process's lock goes with it)


@contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """An exclusive lock on the data folder (fcntl): a second save waits until the first is done."""
    with _flock(Path(data_dir), LOCK, fcntl.LOCK_EX):
        yield


@contextmanager
def reading(data_dir: Path, corpus_dir: Path | None) -> Iterator[str | None]:
    """Hold the package still while it is read: finish an interrupted save first (`recover`; its sentence is
    yielded, None when there was none), then hold SWAP_LOCK shared so no save switches files under the reader.

    Wrap every read of the package that must be whole in it (ui/data.py's get_dataset, the check command, the
    intake's prepare and check), and never save inside it. A save keeps readers out only while it writes its
    temporaries and renames them (milliseconds); its check and backup run while others read."""
    data_dir = Path(data_dir)
    note = None
    for _ in range(5):
        note = recover(data_dir, corpus_dir) or note
        with _flock(data_dir, SWAP_LOCK, fcntl.LOCK_SH, required=False):
            if not _pending(data_dir, corpus_dir):
                yield note
                return
    raise SaveError(f"the data folder {data_dir} keeps showing an interrupted save; run the check command")


# ---- recovery -------------------------------------------------------------------------------------------

def _temporaries(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return [Path(e.path) for e in entries if e.name.endswith(TEMP)]


def _pending(data_dir: Path, corpus_dir: Path | None) -> bool:
    """A journal or temporaries: a save is switching files now, or was killed while it did."""
    return (data_dir / JOURNAL).exists() or bool(_temporaries(data_dir) or _temporaries(corpus_dir)
                                                  or _temporaries(data_dir / BACKUPS))


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, content: bytes, mode: int = 0o644) -> None:
    """A new file (never through a planted link or over an existing file), its bytes on disk when this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _folders(data_dir: Path, corpus_dir: Path | None) -> dict[str, Path | None]:
    """The folders a journal names its files in (so a moved or remounted package still recovers)."""
    return {"data": data_dir, "corpus": corpus_dir, "backups": data_dir / BACKUPS}


def _roll_forward(folders: dict[str, Path | None], entries: list[dict], saving: bool = False) -> None:
    for entry in entries:
        folder = folders[entry["folder"]]
        temp, target = folder / entry["temp"], folder / entry["name"]
        if _sha(target) != entry["sha256"]:
            os.replace(temp, target)
        if saving:
            kill_point(f"renamed:{entry['name']}")
    for folder in {folders[e["folder"]] for e in entries}:
        _fsync_dir(folder)


def _roll_back(folders: dict[str, Path | None], entries: list[dict], backup: Path) -> None:
    """Every target back to its old content (from the backup), new files removed, temporaries removed."""
    for entry in entries:
        folder = folders[entry["folder"]]
        target = folder / entry["name"]
        if _sha(target) == entry["old_sha256"]:
            pass
        elif entry["old_sha256"] is None:
            target.unlink()
        else:
            saved = backup / entry["name"]
            if _sha(saved) != entry["old_sha256"]:
                raise SaveError(f"{target} cannot be put back: its copy in {backup} is missing or damaged")
            temp = target.with_name(f".{entry['name']}.{secrets.token_hex(4)}{TEMP}")
            _write_new(temp, saved.read_bytes(), target.stat().st_mode & 0o7777 if target.exists() else 0o644)
            os.replace(temp, target)
        (folder / entry["temp"]).unlink(missing_ok=True)
    for folder in {folders[e["folder"]] for e in entries}:
        _fsync_dir(folder)


def _recover_locked(data_dir: Path, corpus_dir: Path | None) -> str | None:
    """`recover`'s work; the caller holds LOCK and SWAP_LOCK exclusively."""
    folders, note = _folders(data_dir, corpus_dir), None
    journal_path = data_dir / JOURNAL
    if journal_path.exists():
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        entries = journal["files"]
        if any(folders[e["folder"]] is None for e in entries):
            raise SaveError(f"an interrupted save in {data_dir} also wrote into the corpus folder, which is not set"
                            " (set STRAIT_WATCH_CORPUS) so it cannot be finished; nothing was changed")
        whole = all(_sha(folders[e["folder"]] / e["temp"]) == e["sha256"]
                    or _sha(folders[e["folder"]] / e["name"]) == e["sha256"] for e in entries)
        for e in entries:
            if _sha(folders[e["folder"]] / e["name"]) not in (e["sha256"], e["old_sha256"]):
                raise SaveError(f"{e['name']} was changed since a save was interrupted while writing it; compare it"
                                f" with {e['temp']} beside it, then remove {journal_path}")
        if whole:
            _roll_forward(folders, entries)
            note = f"An interrupted save ({journal['what']}) was completed."
        else:
            _roll_back(folders, entries, data_dir / BACKUPS / journal["backup"])
            note = f"An interrupted save ({journal['what']}) was undone: a file it had written was lost."
        journal_path.unlink()
        _fsync_dir(data_dir)
    leftovers = _temporaries(data_dir) + _temporaries(corpus_dir) + _temporaries(data_dir / BACKUPS)
    for path in leftovers:
        path.unlink(missing_ok=True)
    if leftovers and note is None:
        note = "A save stopped before it changed anything; its temporary files were removed."
    return note


def recover(data_dir: Path, corpus_dir: Path | None) -> str | None:
    """Finish or undo a save that was interrupted (see the module's docstring), and remove its temporaries.

    Returns a sentence saying what was done, or None when no save was interrupted (the usual case: two
    directory listings, no lock). Raises SaveError when a save must be finished but cannot be (a read-only
    folder, a file edited since): then the package may be half written, and the sentence says what to do."""
    data_dir = Path(data_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else None
    if not _pending(data_dir, corpus_dir):
        return None
    try:
        with locked(data_dir), _flock(data_dir, SWAP_LOCK, fcntl.LOCK_EX):
            return _recover_locked(data_dir, corpus_dir)
    except OSError as exc:
        raise SaveError(f"an interrupted save in {data_dir} could not be finished ({exc.strerror or exc}): the"
                        " folder must be writable to repair it; run the check command") from None
    except (ValueError, KeyError, TypeError):
        raise SaveError(f"{data_dir / JOURNAL}, the journal of an interrupted save, is damaged: compare the files"
                        f" with the newest backup in {data_dir / BACKUPS}, then remove it") from None


def _tidy(data_dir: Path) -> None:
    """Remove what dead saves left in BACKUPS (unfinished backups, check copies); the caller holds LOCK."""
    folder = data_dir / BACKUPS
    for path in folder.iterdir():
        if path.name.startswith(".partial-") or (path.name.startswith(".check-") and not _alive(path.name)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(check_name: str) -> bool:
    """Whether the process that made `.check-<pid>-…` still runs (its copy may still be in use)."""
    try:
        os.kill(int(check_name.split("-")[1]), 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        pass
    return True


# ---- the save ------------------------------------------------------------------------------------------

@contextmanager
def _check_folder(data_dir: Path) -> Iterator[Path]:
    """A scratch folder for the check's copy: in BACKUPS (named for this process, so the next save removes it
    if this one is killed), or in the system's temporary folder when BACKUPS cannot be written."""
    try:
        (data_dir / BACKUPS).mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".check-{os.getpid()}-", dir=data_dir / BACKUPS))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="strait-watch-check-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    """A plain file (the loader refuses symbolic links): a hard link, or a copy across file systems."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


def check_result(data_dir: Path, corpus_dir: Path | None, files: dict[str, str],
                 article: tuple[str, str] | None) -> Dataset:
    """load_dataset on a copy holding the new files (and the article in a copy of the corpus)."""
    with _check_folder(data_dir) as tmp:
        data, corpus = tmp / "data", tmp / "corpus"
        data.mkdir()
        shutil.copy2(data_dir / "datapackage.json", data / "datapackage.json")
        for name, text in files.items():
            (data / name).write_text(text, encoding="utf-8", newline="")
        corpus.mkdir()
        if corpus_dir is not None and corpus_dir.is_dir():
            for path in corpus_dir.glob("*.txt"):
                _link_or_copy(path, corpus / path.name)
        if article:
            (corpus / article[0]).write_text(article[1], encoding="utf-8", newline="")
        kill_point("checking")
        try:
            return load_dataset(data, corpus, check_quotes=corpus_dir is not None)
        except DatasetError as err:
            raise SaveError(f"the result would not pass the check: {len(err.problems)} problem(s); nothing saved",
                            err.problems) from None


def _backup(data_dir: Path, paths: list[Path]) -> str:
    """The current files copied to `.backups/<UTC time>/` (whole or not at all); returns the folder's name."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    partial = data_dir / BACKUPS / f".partial-{stamp}"
    partial.mkdir()
    for path in paths:
        if path.exists():
            _write_new(partial / path.name, path.read_bytes())
    _fsync_dir(partial)
    kill_point("backing-up")
    os.replace(partial, data_dir / BACKUPS / stamp)
    _fsync_dir(data_dir / BACKUPS)
    return stamp


def _prune(data_dir: Path) -> None:
    stamps = sorted(p for p in (data_dir / BACKUPS).iterdir() if p.is_dir() and STAMP.fullmatch(p.name))
    for old in stamps[:-KEEP_BACKUPS]:
        shutil.rmtree(old, ignore_errors=True)


def _switch(data_dir: Path, corpus_dir: Path | None, targets: list[tuple[str, str, bytes]], backup: str,
            what: str) -> None:
    """Write every (folder, name, content) beside its target, journal them, rename them all; see the docstring."""
    folders = _folders(data_dir, corpus_dir)
    entries, written = [], []
    try:
        for key, name, content in targets:
            target = folders[key] / name
            temp = target.with_name(f".{name}.{secrets.token_hex(4)}{TEMP}")
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
            written.append(temp)
            _write_new(temp, content, mode)
            entries.append({"folder": key, "name": name, "temp": temp.name,
                            "sha256": hashlib.sha256(content).hexdigest(), "old_sha256": _sha(target)})
            kill_point(f"temp:{name}")
        for folder in {folders[key] for key, _, _ in targets}:
            _fsync_dir(folder)
        journal = data_dir / f"{JOURNAL}.{secrets.token_hex(4)}{TEMP}"
        written.append(journal)
        _write_new(journal, json.dumps({"what": what, "backup": backup, "files": entries}, indent=1).encode())
        kill_point("journal-temp")
        os.replace(journal, data_dir / JOURNAL)
        _fsync_dir(data_dir)
        kill_point("journal")
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise SaveError(f"could not write beside {exc.filename or 'the files'}: {exc.strerror or exc};"
                        " nothing saved") from None
    try:
        _roll_forward(folders, entries, saving=True)
        kill_point("switched")
    except OSError as exc:
        try:
            _roll_back(folders, entries, data_dir / BACKUPS / backup)
        except (OSError, SaveError):
            raise SaveError(f"could not switch to the new version ({exc.strerror or exc}), nor put the previous one"
                            " back: the next save or the check command will finish the save") from None
        (data_dir / JOURNAL).unlink()
        raise SaveError(f"could not switch to the new version ({exc.strerror or exc}); the previous version is"
                        " back in place, nothing saved") from None
    (data_dir / JOURNAL).unlink()
    _fsync_dir(data_dir)
    kill_point("journal-removed")


def _request_key(new, aliases, article, movable) -> str:
    """The same save asked twice (a retry) has the same key."""
    asked = {"new": new, "aliases": aliases, "article": article, "movable": sorted(movable or [])}
    return hashlib.sha256(json.dumps(asked, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _saves(data_dir: Path) -> list[dict]:
    path = data_dir / BACKUPS / SAVES
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def save(data_dir: Path, corpus_dir: Path | None, new: dict[str, list[dict]], aliases: dict[str, list[str]],
         article: tuple[str, str] | None, movable: set[str] | None = None) -> Saved:
    """Write the new rows (and the article, `(file name, text)`, into the corpus) if the result passes the check.

    `movable`: the ids the assistant chose against the data as it was (renumbered here if another save took
    them since; None: any new id). Returns what was saved; raises SaveError (problems listed) and changes
    nothing otherwise."""
    data_dir = Path(data_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else None
    why = unwritable(data_dir, corpus_dir) if article else _data_unwritable(data_dir)
    if why:
        raise SaveError(why)
    key = _request_key(new, aliases, article, movable)
    try:
        with locked(data_dir):
            kill_point("locked")
            recovered = None
            if _pending(data_dir, corpus_dir):  # under LOCK no other save is running: this was a dead one's
                with _flock(data_dir, SWAP_LOCK, fcntl.LOCK_EX):
                    recovered = _recover_locked(data_dir, corpus_dir)
            _tidy(data_dir)
            done = next((s for s in _saves(data_dir) if s["key"] == key), None)
            if done:
                dataset = load_dataset(data_dir, corpus_dir, check_quotes=corpus_dir is not None)
                return Saved(dataset, done["corpus_file"], done["renamed"], True, recovered)
            return _save_locked(data_dir, corpus_dir, new, aliases, article, movable, key, recovered)
    except OSError as exc:
        raise SaveError(f"could not save into {data_dir}: {exc.strerror or exc} ({exc.filename or 'a file'});"
                        " nothing saved") from None


def _save_locked(data_dir, corpus_dir, new, aliases, article, movable, key, recovered) -> Saved:
    schema = schema_of(data_dir)
    asked = [r.get("corpus_file") for r in new.get("sources", [])]
    new, renamed = renumber(new, _ids_now(data_dir), reference_columns(schema), movable)
    if article and article[0] in asked:  # the article's name follows its source's number
        article = (new["sources"][asked.index(article[0])]["corpus_file"], article[1])
    if article:
        name = article[0]
        found = duplicate_of(article[1], corpus_dir)
        if found or (corpus_dir / name).exists() or (corpus_dir / name).is_symlink():
            raise SaveError(f"{article[0]} is already in the corpus folder as {found or name}; nothing saved")
    files = merged_files(data_dir, new, aliases)
    dataset = check_result(data_dir, corpus_dir, files, article)
    kill_point("checked")
    backup = _backup(data_dir, [data_dir / n for n in ("datapackage.json", *files)] + [data_dir / BACKUPS / SAVES])
    kill_point("backed-up")
    record = {"key": key, "corpus_file": article[0] if article else None, "renamed": renamed,
              "backup": backup}
    saves = json.dumps([*_saves(data_dir), record][-KEEP_SAVES:], indent=1, ensure_ascii=False) + "\n"
    targets = [("data", name, text.encode("utf-8")) for name, text in files.items()
               if (data_dir / name).read_bytes() != text.encode("utf-8")]
    if article:
        targets.insert(0, ("corpus", article[0], article[1].encode("utf-8")))
    targets.append(("backups", SAVES, saves.encode("utf-8")))
    what = f"{article[0]} and {len(targets) - 2} table(s)" if article else f"{len(targets) - 1} table(s)"
    with _flock(data_dir, SWAP_LOCK, fcntl.LOCK_EX):
        _switch(data_dir, corpus_dir, targets, backup, what)
    _prune(data_dir)
    kill_point("pruned")
    return Saved(dataset, article[0] if article else None, renamed, False, recovered)
