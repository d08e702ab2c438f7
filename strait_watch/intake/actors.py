"""Names the data does not know: offered as new actors, or as aliases of a known actor they resemble."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from strait_watch.intake.agreements import INSTRUMENT
from strait_watch.intake.ids import person_id, slug, unique
from strait_watch.intake.known import Known
from strait_watch.intake.model import Candidate, Sentence
from strait_watch.intake.text import quote_of

_NAME = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]\.)(?:\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]{2,}))+")
_SKIP_FIRST = {"The", "In", "On", "At", "But", "And", "If", "As", "For", "This", "That", "These", "Those", "It",
               "When", "While", "With", "After", "Before", "Since", "Under", "From", "By", "During", "Among", "Although",
               "However", "Mr", "Ms", "Dr", "Both", "Such", "Our", "Its", "Their", "His", "Her", "A", "An", "To"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_KINDS = [("government-body", r"Ministry|Department|Agency|Office|Cabinet|Council|Committee|Parliament|Congress"),
          ("party", r"Party"), ("armed-force", r"Force|Forces|Army|Navy|Guard|Command|Fleet|Marine"),
          ("organisation", r"Institute|Foundation|Center|Centre|University|Association|Forum|Council|Bank|Group"),
          ("forum", r"Summit|Meeting|Talks|Dialogue")]
_TITLES = {"Analyst", "Minister", "President", "Professor", "Prof", "Dr", "Admiral", "Adm", "General", "Gen",
           "Senator", "Sen", "Deputy", "Prime", "Foreign", "Defense", "Defence", "Secretary", "Chairman", "Chair",
           "Ambassador", "Director", "Colonel", "Col", "Lawmaker", "Legislator", "Former", "Vice", "Mr", "Ms", "Mrs"}
PERSON_CUES = re.compile(r"\b(?:said|says|told|added|according to|argues|wrote|Minister|President|Secretary|"
                         r"lawmaker|legislator|analyst|professor|fellow|director|chairman|ambassador)\b")


def without_titles(name: str) -> str:
    """'Analyst Rowan Feld' -> 'Rowan Feld' (roles and leading words are not part of a name)."""
    words = name.split()
    while words and (words[0] in _SKIP_FIRST or words[0] in _MONTHS or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    return " ".join(words)


def _kind(name: str, sentence: str) -> str:
    for kind, pattern in _KINDS:
        if re.search(rf"\b(?:{pattern})\b", name):
            return kind
    return "person" if PERSON_CUES.search(sentence) and len(name.split()) <= 3 else ""


def _alias_of(name: str, known: Known) -> str:
    """A known person this name resembles (the same family name, or the name's words reordered)."""
    for aid, full in known.actor_names.items():
        if known.actor_kinds.get(aid) == "person" and fuzz.token_sort_ratio(name, full) >= 90:
            return aid
    return ""


def actor_candidates(sentences: list[Sentence], known: Known, taken: set[str], offered: tuple[str, ...] = ()
                     ) -> list[Candidate]:
    """New names in the sentences, each once, besides those `offered` already (the article's author)."""
    out: list[Candidate] = []
    seen: set[str] = set(offered)
    for sentence in sentences:
        covered = [(h.start, h.end) for h in known.actors_in(sentence.text)]
        for m in _NAME.finditer(sentence.text.replace("’", "'")):
            name = without_titles(m.group(0))
            words = name.split()
            if len(words) < 2 or name in seen or any(w in _MONTHS for w in words):
                continue
            if any(s <= m.start() < e or s < m.end() <= e for s, e in covered):
                continue
            kind = _kind(name, sentence.text)
            if not kind or INSTRUMENT.search(name):  # a law or an agreement is never an actor
                continue
            seen.add(name)
            alias = _alias_of(name, known)
            rid = alias or unique(person_id(name) if kind == "person" else slug(name, 5), taken)
            why = (f"'{name}' resembles known actor {alias} ({known.actor_names[alias]}): offered as an alias"
                   if alias else f"'{name}' matches no known actor or alias: offered as a new {kind}")
            fields = {"id": rid, "name": name, "kind": kind, "country": "Unknown", "aliases": "", "affiliation": "",
                      "role": ""}
            # the quote shows where the name stands; an actor row has no evidence row
            out.append(Candidate("actor", rid, quote_of(sentence.text), why, sentence.index, fields, alias_of=alias))
    return out
