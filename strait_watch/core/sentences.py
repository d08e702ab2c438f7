"""An article as the units an analyst reads: sentences (pysbd) and table rows, each with its paragraph.

The one splitter: the coverage ledger (`data/ledger.csv`, checked by the loader), the reading view and the
add-an-article assistant all number an article's units with `units`, so a new article's review starts from the
same ledger rows. Numbers count from 1 (as an analyst cites them); text is whitespace-normalised but otherwise
verbatim, so a quote is found in a unit by plain substring search.

Linear in the text's length: hard-wrapped lines are collected and joined once (`unwrap`), a line longer than
`SEGMENT_CHARS` is given to pysbd in pieces (pysbd is quadratic on one long line), and a "sentence" longer than
`MAX_SENTENCE_CHARS` (no full stop for hundreds of words: not prose) is cut at spaces, so the work done per
sentence later (actors, dates, measures) stays bounded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pysbd

SENTENCE, ROW = "sentence", "row"
# The longest sentence of the five corpus articles has 663 characters (105 words); three times that is not prose.
MAX_SENTENCE_CHARS = 2_000
SEGMENT_CHARS = 5_000  # pysbd reads a line in pieces of at most this many characters (it is superlinear)
_PARAGRAPH = re.compile(r"\n\s*\n")
_CLOSED = re.compile(r"[.!?:\"”’)]$")  # a line or sentence ending here is complete
# Where a long line is cut for pysbd: after a lower-case word's full stop before a capital ("the sea. They"), never
# after "Mr." or "U.S."; pysbd then finds the sentences inside each piece.
_PIECE_END = re.compile(r"[a-z]{3}[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z])")


@dataclass(frozen=True)
class Unit:
    number: int  # 1-based within the article
    paragraph: int  # 1-based
    kind: str  # SENTENCE or ROW (a table row: its cells are read one by one)
    text: str

    @property
    def hash(self) -> str:
        return text_hash(self.text)


def normalise(text: str) -> str:
    return " ".join(text.split())


def text_hash(text: str) -> str:
    """The first 8 hex digits of the SHA-256 of the normalised text: a ledger row notices an edited sentence."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


def is_table_row(line: str) -> bool:
    return line.count("\t") >= 2 or line.count(" | ") >= 2


def is_heading(sentence: str) -> bool:
    """A title, heading or caption fragment: no closing punctuation and short."""
    return not _CLOSED.search(sentence) and len(sentence.split()) < 15


def unwrap(paragraph: str) -> list[str]:
    """A paragraph's lines; hard-wrapped prose (a line ending mid-sentence runs on) is one line. A table row
    stands alone (it is read cell by cell, never joined to the prose around it); it is told by its cell breaks
    before the line is stripped, so a row whose first or last cells are empty ("\t20,162\t1,900,000") is one."""
    out: list[str] = []
    run: list[str] = []  # the lines of the line being joined, joined once when it ends
    for raw in paragraph.splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_table_row(raw):
            if run:
                out.append(" ".join(run))
                run = []
            out.append(raw.strip(" \r\n"))  # its tabs kept: is_table_row still tells it
            continue
        run.append(line)
        if _CLOSED.search(line):
            out.append(" ".join(run))
            run = []
    if run:
        out.append(" ".join(run))
    return out


def _cut(text: str, limit: int, ends: re.Pattern | None) -> Iterator[str]:
    """`text` in pieces of at most `limit` characters, each cut after the last match of `ends` in its window
    (else at the last space, else at `limit`)."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        if ends is not None:
            for m in ends.finditer(window):
                cut = m.end()
        if cut == 0:
            cut = window.rfind(" ") + 1
        if cut == 0:
            cut = limit
        yield text[start:start + cut]
        start += cut
    yield text[start:]


def units(text: str) -> list[Unit]:
    """Every sentence and table row of the text, in order; headings and captions are sentences of their own."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    out: list[Unit] = []
    for paragraph, block in enumerate(_PARAGRAPH.split(text), start=1):
        for line in unwrap(block):
            if is_table_row(line):
                out.append(Unit(len(out) + 1, paragraph, ROW, normalise(line)))
                continue
            for segment in _cut(line, SEGMENT_CHARS, _PIECE_END):
                for found in segmenter.segment(segment):
                    for piece in _cut(normalise(found), MAX_SENTENCE_CHARS, None):
                        piece = piece.strip()
                        if piece:
                            out.append(Unit(len(out) + 1, paragraph, SENTENCE, piece))
    return out


@dataclass(frozen=True)
class Layout:
    """An article as one whitespace-normalised string (its units joined by a space) and where each unit starts in
    it: a quote, which may run across sentences, is found in it once per article, not once per unit."""

    units: list[Unit]
    text: str
    starts: list[int]

    def spans(self, quote: str, every: bool = False) -> list[tuple[int, int]]:
        """Where the quote stands in the text: its first occurrence, or `every` one; [] if it is not there."""
        q = normalise(quote)
        found, i = [], self.text.find(q) if q else -1
        while i >= 0:
            found.append((i, i + len(q)))
            i = self.text.find(q, i + 1) if every else -1
        return found

    def units_in(self, start: int, end: int) -> list[int]:
        """The numbers of the units the characters [start, end) touch."""
        return [u.number for u, s in zip(self.units, self.starts, strict=True) if s < end and start < s + len(u.text)]

    def quoted_units(self, quote: str) -> list[int]:
        """The numbers of the units a quote covers (all of them, where it runs across sentences); [] if not found."""
        return [n for a, b in self.spans(quote) for n in self.units_in(a, b)]


def layout(article: list[Unit]) -> Layout:
    starts, at = [], 0
    for u in article:
        starts.append(at)
        at += len(u.text) + 1
    return Layout(article, " ".join(u.text for u in article), starts)
