"""The article's sentences as the assistant reads them: `core.sentences.units` (the splitter the coverage ledger
numbers with) without the table rows, which are read cell by cell (agreements.table_candidates); and a quote."""

from __future__ import annotations

from strait_watch.core.sentences import SENTENCE, units
from strait_watch.intake.model import Sentence

MAX_QUOTE_WORDS = 60  # the codebook: a quote is at most about 60 words (the check refuses above 70)


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text in order (paragraphs counted from 0), with its unit number in the ledger."""
    out: list[Sentence] = []
    for unit in units(text):
        if unit.kind == SENTENCE:
            out.append(Sentence(len(out), unit.text, unit.paragraph - 1))
    return out


def quote_of(sentence: str) -> str:
    """The sentence as a quote: verbatim, cut to its first MAX_QUOTE_WORDS words when longer."""
    words = sentence.split()
    return " ".join(words[:MAX_QUOTE_WORDS])
