"""Rules against the corpus (the articles): corpus files exist and every quote is verbatim in its source."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from strait_watch.core.dataset.files import LINK, MISSING, links, read_plain
from strait_watch.core.dataset.model import Problem
from strait_watch.core.dataset.rules import Tables, at, rows


def normalise(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def read_corpus(tables: Tables, corpus_dir: Path) -> tuple[dict[str, str | None], list[Problem]]:
    """The text of each source's corpus file by source id, as written (None: not found), and problems, among
    them every symbolic link in the corpus folder (a save writes the new article there)."""
    texts: dict[str, str | None] = {}
    out = [Problem(str(corpus_dir / link), None, None, None, LINK) for link in links(corpus_dir)]
    for line, row in rows(tables, "sources", "id", "corpus_file"):
        name = row["corpus_file"]
        raw = read_plain(corpus_dir, name) if name and "/" not in name else MISSING
        texts[row["id"]] = None
        if raw == LINK:
            continue  # reported above, with every link in the folder
        if raw == MISSING:
            if name:
                out.append(at(tables, "sources", line, row["id"], "corpus_file",
                              f"'{name}' not found in the corpus folder {corpus_dir}"))
            continue
        try:
            if isinstance(raw, bytes):
                texts[row["id"]] = raw.decode("utf-8")
                continue
        except UnicodeDecodeError as exc:
            raw = f"not UTF-8 ({exc.reason} at byte offset {exc.start})"
        out.append(at(tables, "sources", line, row["id"], "corpus_file",
                      f"cannot read '{name}' in the corpus folder: {raw}"))
    return texts, out


def check_quotes(tables: Tables, texts: dict[str, str | None]) -> list[Problem]:
    out = []
    for line, row in rows(tables, "evidence", "record_id", "source_id", "quote"):
        text = texts.get(row["source_id"])
        quote = normalise(row["quote"])
        if text is not None and quote and quote not in text:
            hint = ""
            if quote != unicodedata.normalize("NFC", quote):
                hint = " (the quote looks NFD-normalised: accents stored as separate marks; save the file as NFC)"
            out.append(at(tables, "evidence", line, row["record_id"], "quote",
                          f"quote not found verbatim in {row['source_id']}: '{shorten(quote)}'{hint}"))
    return out
