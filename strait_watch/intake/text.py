"""Article text into sentences (pysbd), each with its paragraph, whitespace-normalised but otherwise verbatim."""

from __future__ import annotations

import re

import pysbd

from strait_watch.intake.model import Sentence

MAX_QUOTE_WORDS = 60  # the codebook: a quote is at most about 60 words (the check refuses above 70)
_PARAGRAPH = re.compile(r"\n\s*\n")


def normalise(text: str) -> str:
    return " ".join(text.split())


def _unwrap(paragraph: str) -> list[str]:
    """A paragraph's lines; hard-wrapped prose (a line ending mid-sentence runs on) is one line."""
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not re.search(r"[.!?:\"”’)]$", out[-1]) and not is_table_row(out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text in order; headings and captions count as sentences of their own paragraph."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    out: list[Sentence] = []
    for number, paragraph in enumerate(_PARAGRAPH.split(text)):
        for line in _unwrap(paragraph):
            if is_table_row(line):
                continue  # table rows are read cell by cell (agreements.table_candidates)
            for piece in segmenter.segment(line):
                piece = normalise(piece)
                if piece:
                    out.append(Sentence(len(out), piece, number))
    return out


def is_table_row(line: str) -> bool:
    return line.count("\t") >= 2 or line.count(" | ") >= 2


def is_heading(sentence: str) -> bool:
    """A title, heading or caption fragment: no closing punctuation and short."""
    return not re.search(r"[.!?:\"”’)]$", sentence) and len(sentence.split()) < 15


def quote_of(sentence: str) -> str:
    """The sentence as a quote: verbatim, cut to its first MAX_QUOTE_WORDS words when longer."""
    words = sentence.split()
    return " ".join(words[:MAX_QUOTE_WORDS])
