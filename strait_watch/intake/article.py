"""Reading the article: plain text or HTML (trafilatura), refusing binary, empty and already-present texts."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from strait_watch.intake.model import IntakeError
from strait_watch.intake.text import normalise

_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|body|p|div|article)\b", re.IGNORECASE)
MIN_WORDS = 20


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        raise IntakeError(f"{name}: a binary file (it holds NUL bytes), not text; give a .txt or .html article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IntakeError(f"{name}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start});"
                          " save the article as UTF-8") from exc
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 200):
        raise IntakeError(f"{name}: {controls} control characters: this looks like a binary file, not text")
    return text


def read_article(raw: bytes, name: str = "article") -> str:
    """The article's text (HTML reduced to its article text by trafilatura), or IntakeError with the reason."""
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty")
    text = _decode(raw, name)
    if name.lower().endswith((".html", ".htm")) or _HTML.search(raw[:2048]):
        import trafilatura  # lazily: a second to import, and only HTML needs it

        extracted = trafilatura.extract(text, include_comments=False, include_tables=True, favor_recall=True)
        if not extracted or len(extracted.split()) < MIN_WORDS:
            raise IntakeError(f"{name}: HTML with no article text that trafilatura could find"
                              f" ({len((extracted or '').split())} word(s))")
        text = extracted
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"
    words = len(text.split())
    if words < MIN_WORDS:
        raise IntakeError(f"{name}: only {words} word(s) of text; an article has at least {MIN_WORDS}")
    return text


DUPLICATE_SHARE = 0.8  # this share of the new text's sentences found verbatim in one corpus article: the same article


def _share_in(mine: str, other: str) -> float:
    """The share of the text's sentences (of 40 characters or more) that occur verbatim in `other`."""
    pieces = [p for p in re.split(r"(?<=[.!?])\s+", mine) if len(p) >= 40]
    return sum(p in other for p in pieces) / len(pieces) if pieces else 0.0


def duplicate_of(text: str, corpus_dir: Path | None) -> str | None:
    """The corpus file holding the same text (whitespace aside), containing it or contained in it, or holding
    most of its sentences (another extraction of the same page, a copy with a paragraph dropped)."""
    if corpus_dir is None or not corpus_dir.is_dir():
        return None
    mine = normalise(text)
    for path in sorted(corpus_dir.glob("*.txt")):
        try:
            other = normalise(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if other and (mine == other or (len(mine) > 200 and (mine in other or other in mine))
                      or _share_in(mine, other) >= DUPLICATE_SHARE):
            return path.name
    return None


def check_new(text: str, corpus_dir: Path | None, name: str = "article") -> None:
    found = duplicate_of(text, corpus_dir)
    if found:
        raise IntakeError(f"{name}: already in the corpus as {found}; nothing to add")


def corpus_name(text: str, number: int) -> str:
    """The corpus file name in the house pattern: NNN_<16 hex of the text's sha256>.txt."""
    return f"{number:03d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
