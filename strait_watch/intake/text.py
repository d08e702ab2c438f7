"""Article text into sentences (pysbd), each with its paragraph, whitespace-normalised but otherwise verbatim.

Linear in the text's length: hard-wrapped lines are collected and joined once (`unwrap`), a line longer than
`SEGMENT_CHARS` is given to pysbd in pieces (pysbd is quadratic on one long line), and a "sentence" longer than
`MAX_SENTENCE_CHARS` (no full stop for hundreds of words: not prose) is cut at spaces, so the work done per
sentence later (actors, dates, measures) stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pysbd

from strait_watch.intake.model import Sentence

MAX_QUOTE_WORDS = 60  # the codebook: a quote is at most about 60 words (the check refuses above 70)
# The longest sentence of the five corpus articles has 663 characters (105 words); three times that is not prose.
MAX_SENTENCE_CHARS = 2_000
SEGMENT_CHARS = 5_000  # pysbd reads a line in pieces of at most this many characters (it is superlinear)
_PARAGRAPH = re.compile(r"\n\s*\n")
_CLOSED = re.compile(r"[.!?:\"”’)]$")  # a line or sentence ending here is complete
# Where a long line is cut for pysbd: after a lower-case word's full stop before a capital ("the sea. They"), never
# after "Mr." or "U.S."; pysbd then finds the sentences inside each piece.
_PIECE_END = re.compile(r"[a-z]{3}[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z])")


def normalise(text: str) -> str:
    return " ".join(text.split())


def unwrap(paragraph: str) -> list[str]:
    """A paragraph's lines; hard-wrapped prose (a line ending mid-sentence runs on) is one line. A table row
    stands alone (it is read cell by cell, never joined to the prose around it)."""
    out: list[str] = []
    run: list[str] = []  # the lines of the line being joined, joined once when it ends
    for raw in paragraph.splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_table_row(line):
            if run:
                out.append(" ".join(run))
                run = []
            out.append(line)
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


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text in order; headings and captions count as sentences of their own paragraph."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    out: list[Sentence] = []
    for number, paragraph in enumerate(_PARAGRAPH.split(text)):
        for line in unwrap(paragraph):
            if is_table_row(line):
                continue  # table rows are read cell by cell (agreements.table_candidates)
            for segment in _cut(line, SEGMENT_CHARS, _PIECE_END):
                for found in segmenter.segment(segment):
                    for piece in _cut(normalise(found), MAX_SENTENCE_CHARS, None):
                        piece = piece.strip()
                        if piece:
                            out.append(Sentence(len(out), piece, number))
    return out


def is_table_row(line: str) -> bool:
    return line.count("\t") >= 2 or line.count(" | ") >= 2


def is_heading(sentence: str) -> bool:
    """A title, heading or caption fragment: no closing punctuation and short."""
    return not _CLOSED.search(sentence) and len(sentence.split()) < 15


def quote_of(sentence: str) -> str:
    """The sentence as a quote: verbatim, cut to its first MAX_QUOTE_WORDS words when longer."""
    words = sentence.split()
    return " ".join(words[:MAX_QUOTE_WORDS])
