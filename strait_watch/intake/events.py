"""Event candidates (a date expression and a known actor) and corroborations of known events."""

from __future__ import annotations

import re

from strait_watch.core import dates
from strait_watch.core.sentences import is_heading
from strait_watch.intake.datefind import FoundDate, find_dates, looks_ahead
from strait_watch.intake.ids import slug, unique
from strait_watch.intake.known import Known
from strait_watch.intake.model import Candidate, Sentence
from strait_watch.intake.text import quote_of

# (category, trigger) in priority order: the first trigger found names the category (and the id's last word).
CATEGORY_CUES = [
    ("military-activity", r"drills?|exercises?|incursions?|intru\w+|sorties?|fighter jets?|aircraft|warships?|vessels?"
                          r"|missiles?|patrols?|crisis"),
    ("agreement", r"signed|concluded|agreement|treaty"),
    ("law-policy", r"white paper|law|act|guidelines|policy|strategy|revised|enacted"),
    ("institutional", r"established|set up|created|launched|founded|appointed|renamed|team|group|post"),
    ("dialogue", r"talks|dialogue|meeting|met|summit|visit\w*|discuss\w*|consultations?|conference|call"),
    ("political", r"election|elected|government|administration|term|power|resign\w*|prime minister"),
    ("statement", r"said|says|stated|statement|remarks?|told|announced|testi\w+|warned|criticized|declared"),
]
_CUES = [(cat, re.compile(rf"\b(?:{cue})\b", re.IGNORECASE)) for cat, cue in CATEGORY_CUES]


def category_of(sentence: str) -> tuple[str, str]:
    """(category, the word that decided it); 'statement' when no cue is found."""
    for category, pattern in _CUES:
        m = pattern.search(sentence)
        if m:
            return category, m.group(0).casefold()
    return "statement", ""


_LOOSE_END = {"a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "but", "with", "by", "from", "as",
              "that", "which", "who", "its", "their", "his", "her", "is", "was", "were", "are", "be"}


def clip(text: str, words: int) -> str:
    """A draft title or summary from the sentence: whole words only, no '…' (a saved title is never cut), and
    not ending on a word that leads on ('of', 'the') or on punctuation."""
    parts = text.split()[:words]
    while len(parts) > 1 and parts[-1].casefold().strip(",;:—–-") in _LOOSE_END:
        parts.pop()
    return " ".join(parts).rstrip(",;:—–- ")


def _compatible(found: FoundDate, event: dict) -> bool:
    span = dates.span(found.date)
    return span is not None and span[0] <= event["date_end"] and event["date_start"] <= span[1]


GENERIC_KINDS = {"state", "place"}  # Japan, Taiwan, the Taiwan Strait: named in most sentences, identify no event


def subject_doubt(known: Known, text: str, event: dict) -> str:
    """Why the sentence may be about something else than the event: its first actor (its subject, as
    'Beijing objected to the talks...') is neither an actor of the event nor part of one ("" when it is)."""
    hits = known.actors_in(text)
    if not hits:
        return ""
    subject = hits[0].actor
    parent = known.affiliations.get(subject, "")
    if subject in event["actors"] or parent in event["actors"]:
        return ""
    return f"the sentence's subject '{hits[0].term}' is not an actor of {event['id']}: it may only mention it"


def _corroborated(found: FoundDate, actors: set[str], known: Known) -> list[dict]:
    """The known events of a compatible date that best share their actors with the sentence: two actors (one
    not a state or place) or the very same date; a one-actor event needs its date exactly."""
    scored = []
    for event in known.frames["events"].to_dict("records"):
        shared = actors & set(event["actors"])
        specific = {a for a in shared if known.actor_kinds.get(a) not in GENERIC_KINDS}
        same_date = found.date == event["date"]
        single = len(event["actors"]) == 1 and shared and same_date
        if (single or (len(shared) >= 2 and (specific or same_date))) and _compatible(found, event):
            scored.append(((same_date, len(specific), len(shared)), event))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [event for score, event in scored if score == best]


# a picture or source credit ("Picture source: DPP, August 27, 2021, Facebook"): the date is the credit's
CREDIT = re.compile(r"^(?:(?:Picture|Photo|Image|Video)\s+)?(?:source|credit)s?\s*:", re.IGNORECASE)
# a year something is measured against ("three times that of 2020"): not when anything happened
_BASELINE = re.compile(r"\b(?:that|those) of\s*$|\bthan(?: (?:in|during|of))?\s*$|\bcompared (?:with|to)\s*$"
                       r"|\b(?:up|down) from\s*$", re.IGNORECASE)


def baseline(sentence: str, found: FoundDate) -> bool:
    at = sentence.find(found.phrase)
    return at >= 0 and bool(_BASELINE.search(sentence[:at]))


def year_only(found: FoundDate, actors: set[str], event: dict, known: Known) -> str:
    """Why a match on a year and on states or places only is loose ("" when it is not): "Japan and Taiwan signed
    a charter in 2019" is not every 2019 event of Japan and Taiwan."""
    shared = actors & set(event["actors"])
    if found.precision != "year" or any(known.actor_kinds.get(a) not in GENERIC_KINDS for a in shared):
        return ""
    return (f"only the year '{found.phrase}' and {', '.join(sorted(shared))} match {event['id']}: the sentence may"
            " tell another event")


def _event(sentence: Sentence, found: FoundDate, actors: list[str], hits_why: str, taken: set[str]) -> Candidate:
    category, cue = category_of(sentence.text)
    words = [a for a in actors if a not in ("japan", "taiwan")][:2] or actors[:2]
    rid = unique(f"ev-{found.date}-{slug('-'.join(words), 4)}-{slug(cue or category, 2)}", taken)
    why = f"date '{found.phrase}' → {found.date} ({found.precision}, {found.basis}); {hits_why}"
    if cue:
        why += f"; category '{category}' from '{cue}'"
    fields = {"id": rid, "date": found.date, "date_precision": found.precision, "end_date": found.end_date,
              "date_basis": found.basis, "date_note": found.note, "title": clip(sentence.text, 12),
              "summary": clip(sentence.text, 45), "category": category, "actors": ";".join(actors), "key": False,
              "agreement": ""}
    return Candidate("event", rid, quote_of(sentence.text), why, sentence.index, fields)


def actors_why(known: Known, text: str) -> tuple[list[str], str]:
    hits = known.actors_in(text)
    actors = list(dict.fromkeys(h.actor for h in hits))
    named = ", ".join(dict.fromkeys(f"'{h.term}' → {h.actor}" for h in hits))
    return actors, f"actors {named}" if named else "no known actor"


def event_candidates(sentences: list[Sentence], published: str, known: Known, taken: set[str]) -> list[Candidate]:
    """One event per date expression in a sentence naming a known actor; a corroboration when a known event of
    a compatible date has the same actors (and no new event when that event has the very same date)."""
    out: list[Candidate] = []
    seen_corroborations: set[tuple[str, int]] = set()

    def corroborate(event: dict, sentence: Sentence, why: str, doubt: str = "") -> None:
        if (event["id"], sentence.index) in seen_corroborations:
            return
        seen_corroborations.add((event["id"], sentence.index))
        candidate = Candidate("corroboration", event["id"], quote_of(sentence.text), why, sentence.index,
                              {"record_id": event["id"], "locator": ""})
        if doubt:
            candidate.flag(doubt)
        out.append(candidate)

    events = known.frames["events"].to_dict("records")
    for sentence in sentences:
        actors, why = actors_why(known, sentence.text)
        if not actors or is_heading(sentence.text):
            continue
        # a known agreement named: its event is the one the sentence speaks of ("China's Coast Guard Act")
        found_agreements = known.agreements_in(sentence.text)
        terms = [term for _, term in found_agreements]
        named = {row["id"]: term for row, term in found_agreements if terms.count(term) == 1}  # "2+2" names two
        instrument_events = [e for e in events if e["agreement"] in named and set(actors) & set(e["actors"])]
        for event in instrument_events:
            corroborate(event, sentence, f"supports event {event['id']}: names its agreement"
                                         f" '{named[event['agreement']]}' ({event['agreement']})")
        if CREDIT.match(sentence.text):
            continue
        for found in find_dates(sentence.text, published):
            if looks_ahead(sentence.text, found, published) or baseline(sentence.text, found):
                continue  # not when anything happened: no event and no corroboration from it
            if any(_compatible(found, e) for e in instrument_events):
                continue
            matches = _corroborated(found, set(actors), known)
            loose = {e["id"]: year_only(found, set(actors), e, known) for e in matches}
            for event in matches:
                shared = ", ".join(sorted(set(actors) & set(event["actors"])))
                corroborate(event, sentence, f"supports event {event['id']} ({event['date']}): date"
                                             f" '{found.phrase}' → {found.date}, same actors {shared}",
                            subject_doubt(known, sentence.text, event) or loose[event["id"]])
            if not any(event["date"] == found.date and not loose[event["id"]] for event in matches):
                out.append(_event(sentence, found, actors, why, taken))
                for doubt in event_doubts(found, matches, published, loose):
                    out[-1].flag(doubt)
    return out


def event_doubts(found: FoundDate, matches: list[dict], published: str, loose: dict[str, str]) -> list[str]:
    """Why a new event may be wrong: a known event inside its date shares its actors (the same event told less
    precisely, or only its year and states match: `loose`); its date is relative to an article dated only to the
    month or year."""
    span = dates.span(found.date)
    inside = [e for e in matches if span is not None and span[0] <= e["date_start"] and e["date_end"] <= span[1]]
    doubts = [f"the known event {e['id']} ({e['date']}) shares only the year and states or places with it: the"
              " same event or another" if loose.get(e["id"]) else
              f"the known event {e['id']} ({e['date']}) falls in '{found.phrase}' with the same actors: probably"
              " the same event (a corroboration)" for e in inside[:1]]
    if found.note.startswith(f"'{found.phrase}' relative") and dates.precision(published) != "day":
        doubts.append(f"'{found.phrase}' is relative to an article dated only {published}: the day cannot be told")
    return doubts
