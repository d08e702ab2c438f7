"""What the assistant proposes: one `Candidate` per proposed row, and the article being added."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("corroboration", "event", "agreement", "proposal", "measure", "actor")


class IntakeError(ValueError):
    """Bad input (binary, empty, over the size cap, invisible characters, a duplicate of a corpus article, an
    unreadable, relative or out-of-bounds date): a message saying where and why, nothing changed."""


@dataclass(frozen=True)
class Meta:
    """The article's provenance as the analyst gives it (blank where the text gives none)."""

    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""  # ISO at the printed precision, or ""
    kind: str = "analysis"


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str  # whitespace-normalised, verbatim otherwise
    paragraph: int


@dataclass
class Candidate:
    """One proposed row. `fields` holds the target table's columns (schema names); `quote` is locked to the text.

    kind: corroboration (a new evidence row for `record_id`, an existing record), event, agreement, proposal,
    measure (a new measure a proposal needs), actor (a new actor, or an alias for a known one: `alias_of`)."""

    kind: str
    record_id: str
    quote: str
    why: str
    sentence: int
    fields: dict[str, object] = field(default_factory=dict)
    alias_of: str = ""
    # "high", or "low" with its reason: a low one starts unticked and "Accept all" leaves it (review.accept_all)
    confidence: str = "high"
    doubt: str = ""

    def flag(self, reason: str) -> None:
        """Below the line: the analyst decides (reasons accumulate)."""
        self.confidence = "low"
        self.doubt = f"{self.doubt}; {reason}" if self.doubt else reason

    @property
    def table(self) -> str:
        return {"corroboration": "evidence", "event": "events", "agreement": "agreements", "proposal": "proposals",
                "measure": "measures", "actor": "actors"}[self.kind]
