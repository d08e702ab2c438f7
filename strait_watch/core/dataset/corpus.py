"""Rules against the corpus (the articles): corpus files exist and every quote is verbatim in its source."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from strait_watch.core.dataset.model import Problem
from strait_watch.core.dataset.rules import Tables, at, rows


def normalise(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def read_corpus(tables: Tables, corpus_dir: Path) -> tuple[dict[str, str | None], list[Problem]]:
    """Whitespace-normalised text of each source's corpus file by source id (None: not found), and problems."""
    texts: dict[str, str | None] = {}
    out = []
    for line, row in rows(tables, "sources", "id", "corpus_file"):
        name = row["corpus_file"]
        path = corpus_dir / name
        if name and "/" not in name and path.is_file():
            try:
                texts[row["id"]] = normalise(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                texts[row["id"]] = None
                out.append(at(tables, "sources", line, row["id"], "corpus_file",
                              f"cannot read '{name}' in the corpus folder: {getattr(exc, 'strerror', None) or exc}"))
        elif name:
            texts[row["id"]] = None
            out.append(at(tables, "sources", line, row["id"], "corpus_file",
                          f"'{name}' not found in the corpus folder {corpus_dir}"))
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
