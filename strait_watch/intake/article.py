"""Reading the article: plain text or HTML (trafilatura), refusing binary, empty, oversized and already-present
texts and invisible characters, with line breaks in one form ('\\n')."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from strait_watch.core.sentences import normalise
from strait_watch.intake.model import IntakeError

_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|body|p|div|article)\b", re.IGNORECASE)
MIN_WORDS = 20
# The size cap, said on the page and in the README. The corpus articles have 6,000-14,000 characters; 200,000
# (about 30,000 words) is an article no analyst will hit, and `suggest` reads it in seconds, not minutes.
MAX_CHARS = 200_000
MAX_FILE_MB = 5  # the file as uploaded: an HTML page carries its markup, scripts and styles besides the text
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
LIMITS = (f"An article may have at most {MAX_CHARS:,} characters of text (about 30,000 words; the longest corpus"
          f" article has 13,600), from a .txt or .html file of at most {MAX_FILE_MB} MB.")

# Line breaks in another form become '\n' (a page break or a Unicode line separator is a line break; a Unicode
# paragraph separator a blank line); any other control character, a non-character (U+FFFE, U+FFFF, ...) or a
# lone surrogate is refused with its place: it is invisible, breaks XML exports, and cannot be quoted.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
                        + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                  for plane in range(17)) + "]")


def size_problem(name: str, chars: int | None = None, size: int | None = None) -> str | None:
    """The message for an article over the cap (`chars` of text, or a file of `size` bytes); None within it."""
    if size is not None and size > MAX_FILE_BYTES:
        return (f"{name}: a file of {size:,} bytes ({size / 1024 / 1024:.1f} MB); a file may have at most"
                f" {MAX_FILE_MB} MB ({MAX_FILE_BYTES:,} bytes). Save the article's text alone (.txt) and add that")
    if chars is not None and chars > MAX_CHARS:
        return (f"{name}: {chars:,} characters of text; an article may have at most {MAX_CHARS:,} (about"
                " 30,000 words). Keep the part of the text you mean to quote and add that")
    return None


def line_breaks(text: str) -> str:
    """The text with every line break as '\\n' (CRLF, CR, form feed, vertical tab, NEL, U+2028; U+2029 as a blank
    line)."""
    return _BREAKS.sub(lambda m: "\n\n" if m.group() == "\u2029" else "\n", text)


def chars_of(text: str) -> int:
    """The characters of text the cap counts (line breaks as one, no blank space around the text): the page
    counts pasted text with it before reading, `read_article` after."""
    return len(line_breaks(text).strip())


def _describe(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X}, half of a character (a lone surrogate)"
    if code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        return f"U+{code:04X}, a non-character (XML and the exports refuse it)"
    return f"U+{code:04X}, an invisible control character"


def _refuse_invisible(text: str, name: str) -> None:
    """IntakeError naming the line and column of the first invisible character (and how many there are)."""
    first = _INVISIBLE.search(text)
    if first is None:
        return
    count = len(_INVISIBLE.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - text.rfind("\n", 0, first.start())
    more = f" ({count} such characters in the text)" if count > 1 else ""
    raise IntakeError(f"{name}, line {line}, column {column}: {_describe(first.group())}{more}; an article is"
                      " plain text: delete them and try again (they often come from copying out of a PDF)")


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in raw[:4096]:
            raise IntakeError(f"{name}: a binary file (it holds NUL bytes), not text; give a .txt or .html"
                              " article") from None
        line = raw[: exc.start].count(b"\n") + 1
        raise IntakeError(f"{name}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start});"
                          " save the article as UTF-8") from exc
    text = line_breaks(text)
    if len(_INVISIBLE.findall(text)) > max(3, len(text) // 200):
        raise IntakeError(f"{name}: {len(_INVISIBLE.findall(text))} control characters: this looks like a binary"
                          " file, not text")
    _refuse_invisible(text, name)
    return text


def read_article(raw: bytes, name: str = "article") -> str:
    """The article's text (HTML reduced to its article text by trafilatura), or IntakeError with the reason.

    Refused: an empty file, a file over `MAX_FILE_MB` or text over `MAX_CHARS` characters (`size_problem`),
    binary or non-UTF-8 bytes, invisible characters (with their line and column), fewer than `MIN_WORDS` words."""
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty")
    if problem := size_problem(name, size=len(raw)):
        raise IntakeError(problem)
    text = _decode(raw, name)
    if name.lower().endswith((".html", ".htm")) or _HTML.search(raw[:2048]):
        import trafilatura  # lazily: a second to import, and only HTML needs it

        extracted = trafilatura.extract(text, include_comments=False, include_tables=True, favor_recall=True)
        if not extracted or len(extracted.split()) < MIN_WORDS:
            raise IntakeError(f"{name}: HTML with no article text that trafilatura could find"
                              f" ({len((extracted or '').split())} word(s))")
        text = line_breaks(extracted)
        _refuse_invisible(text, f"{name} (the text extracted from its HTML)")
    if problem := size_problem(name, chars=chars_of(text)):
        raise IntakeError(problem)
    text = text.strip() + "\n"
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
