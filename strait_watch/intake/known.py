"""What the data already knows, as matchers: actors by name and alias, agreements by name and abbreviation,
measures by their phrasings. Built from the loaded frames (`Dataset` tables, list columns as lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

MEASURE_THRESHOLD = 85  # rapidfuzz partial_ratio of a phrasing within a sentence


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w])")


def _unqualified(name: str) -> str:
    return re.sub(r"\s*\([^()]*\)$", "", name)


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _words_in(phrase: str, text: str) -> bool:
    """Every word of four letters or more of the phrase begins a word of the text (its stem: all but the last
    three letters, at least four, so "strengthen" finds "strengthening"): the fuzzy score alone lets a phrase
    drop its one telling word ("Cyber security cooperation" in "...the level of security cooperation")."""
    found = re.findall(r"\w+", text)
    return all(any(w.startswith(word[:max(4, len(word) - 3)]) for w in found)
               for word in re.findall(r"[^\W\d_]{4,}", phrase))


@dataclass(frozen=True)
class ActorHit:
    actor: str
    term: str
    start: int
    end: int


class Known:
    """Matchers over the known records; `frames` keeps the tables (read-only)."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.frames = frames
        actors = frames["actors"]
        # A name's qualifier is the data's, not the texts': "Liberal Democratic Party (Japan)" is also matched
        # as "Liberal Democratic Party".
        terms = [(term, aid) for aid, name, aliases in zip(actors["id"], actors["name"], actors["aliases"], strict=True)
                 for term in dict.fromkeys([name, _unqualified(name), *aliases]) if term]
        terms.sort(key=lambda t: (-len(t[0]), t[0]))  # longest first: "President Tsai" before "Tsai"
        self._actor_terms = [(_pattern(_plain(t)), t, a) for t, a in terms]
        self.actor_names = dict(zip(actors["id"], actors["name"], strict=True))
        self.actor_kinds = dict(zip(actors["id"], actors["kind"], strict=True))
        self.affiliations = {a: p for a, p in zip(actors["id"], actors["affiliation"], strict=True) if p}
        self.surnames = {}
        for aid, name, kind in zip(actors["id"], actors["name"], actors["kind"], strict=True):
            if kind == "person":
                for part in name.split():
                    self.surnames.setdefault(part, aid)
        ag = frames["agreements"]
        self.agreement_rows = list(ag.to_dict("records"))
        self.measure_rows = list(frames["measures"].to_dict("records"))
        self.ids = {i for name in ("events", "agreements", "proposals", "actors", "measures", "sources")
                    for i in frames[name]["id"]}

    def actors_in(self, text: str) -> list[ActorHit]:
        """Known actors named in the text, longest term first, no two hits overlapping, in text order."""
        plain = _plain(text)
        taken: list[tuple[int, int]] = []
        hits = []
        for pattern, term, actor in self._actor_terms:
            for m in pattern.finditer(plain):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                hits.append(ActorHit(actor, term, m.start(), m.end()))
        return sorted(hits, key=lambda h: h.start)

    def agreements_in(self, text: str) -> list[tuple[dict, str]]:
        """Known agreements named in the text: (row, the name or abbreviation matched)."""
        plain = _plain(text)
        out = []
        for row in self.agreement_rows:
            # "Coast Guard Act (China)" is named "China's Coast Guard Act" in a text: the qualifier is the data's
            for term in dict.fromkeys((row["name"], _unqualified(row["name"]), row["abbreviation"])):
                if term and len(term) > 2 and _pattern(_plain(term)).search(plain):
                    out.append((row, term))
                    break
        return out

    def measures_in(self, text: str) -> list[tuple[dict, str, float]]:
        """Known measures whose name or a phrasing matches inside the text: (row, phrasing, score), best first."""
        plain = _plain(text).casefold()
        found = []
        for row in self.measure_rows:
            best = None
            for phrase in dict.fromkeys([*row["phrasings"], row["name"], _unqualified(row["name"])]):
                phrase_plain = _plain(phrase).casefold()
                if len(phrase_plain) < 6:
                    # a short phrasing counts only as an abbreviation written as the data has it ("HA/DR")
                    if not (phrase.upper() == phrase and len(phrase) >= 3 and _pattern(phrase).search(text)):
                        continue
                    score = 100.0
                elif not _words_in(phrase_plain, plain):
                    continue
                else:
                    score = fuzz.partial_ratio(phrase_plain, plain)
                if score >= MEASURE_THRESHOLD and (best is None or (score, len(phrase)) > (best[2], len(best[1]))):
                    best = (row, phrase, score)
            if best:
                found.append(best)
        return sorted(found, key=lambda f: (-f[2], f[0]["id"]))


def frames_of(dataset) -> dict[str, pd.DataFrame]:
    """The tables of a loaded `Dataset` by name."""
    return {name: getattr(dataset, name) for name in
            ("sources", "actors", "events", "agreements", "measures", "proposals", "evidence")}
