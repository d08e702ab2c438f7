"""Proposal candidates: a cue word (calls for, urges, recommends, proposes, should...), the holder of the view,
and the measure, matched by its phrasings (rapidfuzz) or offered as a new measure."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from strait_watch.core.sentences import is_heading
from strait_watch.intake.actors import without_titles
from strait_watch.intake.events import clip
from strait_watch.intake.ids import person_id, slug, source_number, unique
from strait_watch.intake.known import MEASURE_THRESHOLD, Known
from strait_watch.intake.model import Candidate, Sentence
from strait_watch.intake.text import quote_of

# Strong cues make a proposal even for a measure the data does not know (offered as a new measure); weak
# cues only with a known measure matched in the sentence.
# "the parties see coast guard cooperation as a suitable area to grow ties": seeing something as the fitting way
# or area (of what to do) proposes it; the cue is the verb, so what follows it names the measure
SEE_AS = (r"(?:sees?|saw|seeing)(?=\s[^.;:]{3,80}?\bas an? (?:suitable|good|promising|natural|useful|logical"
          r"|fitting|viable|ideal) (?:area|field|way|step|avenue|starting point|option|place)\b)")
STRONG = (r"calls? for|called for|calling for|urges?|urged|urging|recommends?|recommended|proposes?|proposed"
          r"|advocates?|advocated|argued for|argues for|" + SEE_AS
          # "stressed the need to", "highlighted the importance of": the need named is what the subject asks for
          + r"|(?:stress|highlight|emphasi[sz]e|underline|underscore)(?:ed|es|d|s)? the (?:need|importance|necessity)"
            r" (?:of|for|to)")
WEAK = (r"should|must|ought to|needs? to|need for|the need to|necessity of|it is necessary|it is (?:vital|essential"
        r"|important|critically important)|is (?:an )?(?:excellent|good) idea|suggests?|suggested|wants?|wanted"
        r"|desire to|hopes? (?:to|for|that|of)|intends? to|intend|plans? to|seeks?|sought|could|can|may be room"
        r"|will|would|is expected to|are required to|is required to|opportunity|potential|possibility|time is ripe"
        r"|high time|the time is now for|now is the time (?:for|to)|[Bb]egin with|[Ss]tart with|believes")
CUE = re.compile(rf"\b(?:{STRONG})\b", re.IGNORECASE)
WEAK_CUE = re.compile(rf"\b(?:{WEAK})\b", re.IGNORECASE)
_PAST = re.compile(r"called|urged|recommended|proposed|suggested|advocated|wanted|sought|has|have", re.IGNORECASE)
_EXPECT = re.compile(r"\b(?:expects?|likely|will lead|would lead|is expected)\b", re.IGNORECASE)
_SPEAKER = re.compile(r"\b(?:said|says|told|added|according to|argues|argued|believes|thinks|wrote|opined|observed"
                      r"|stated|noted|stressed|emphasi[sz]ed|declared|insisted|lamented)\b")
MEASURE_CATEGORIES = [
    ("coast-guard-maritime", r"coast guard|maritime"), ("humanitarian-disaster", r"humanitarian|disaster|rescue|evacuat"),
    ("information-sharing", r"intelligence|information|awareness|early warning"),
    ("dialogue-channels", r"dialogue|hotline|talks|liaison|attach|channel|exchange"),
    ("cyber", r"cyber"), ("economic-security", r"supply chain|trade|econom|semiconductor|technology"),
    ("multilateral", r"trilateral|multilateral|coalition|quad|allies"),
    ("legal-political", r"law|act\b|legal|recogni|support|status"),
    ("military-cooperation", r"exercise|training|drill|military|defen[cs]e|forces|joint"),
]


def measure_category(text: str) -> str:
    return next((c for c, p in MEASURE_CATEGORIES if re.search(p, text, re.IGNORECASE)), "general-cooperation")


_PRONOUN = re.compile(r"^(?:He|She|They)\b")
_DEFINITE = re.compile(r"^The \w+\b")
# what a pronoun can stand for: 'He'/'She' a person, 'They' a person, party or group
_ANTECEDENT = {"He": ("person",), "She": ("person",), "They": ("person", "party", "group")}


def _antecedent(known: Known, pronoun: str, before_text: str, role: str = "leads the sentence"
                ) -> tuple[str, str, str]:
    """(actor id, why, doubt) for a sentence led by 'He'/'She'/'They' (or one whose quote 'he added'): the one
    actor of a fitting kind the sentence before names; flagged when it names several or none (never the nearest
    party name)."""
    kinds = _ANTECEDENT[pronoun]
    fit = list(dict.fromkeys(h.actor for h in known.actors_in(before_text) if known.actor_kinds.get(h.actor) in kinds))
    if not fit:
        return "", f"'{pronoun}' {role} and the sentence before names no {' or '.join(kinds)}", \
            f"'{pronoun}': no antecedent found; choose the proposer"
    why = f"'{pronoun}' → {fit[0]}, the {known.actor_kinds.get(fit[0])} named in the sentence before"
    doubt = (f"'{pronoun}' may stand for any of {', '.join(fit)} (the sentence before names them all)"
             if len(fit) > 1 else "")
    return fit[0], why, doubt


_SAID_BY = re.compile(r"[,”\"]\s*[”\"]?\s*(he|she|they)\s+(?:said|says|added|noted|stressed|told)\b")
# cues of the subject's own attitude ("Taiwan hopes to", "The team seeks to"): the subject holds the view
ATTITUDE = re.compile(r"suggest\w*|want\w*|desire to|hopes? \w+|intends? to|intend|plans? to|seeks?|sought|believes"
                      r"|is expected to|potential|possibility|opportunity", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:by|to|with|against|from|on|towards?|about|for|between|among|across|despite"
                          r"|surrounding)\s+(?:the\s+)?$", re.IGNORECASE)
_LEADING_CLAUSE = re.compile(r"(?:If|When|While|Although|Though|Because|Since|Given|Unless|Whether)\b[^,;:]*,")


def modifier(text: str, hit) -> bool:
    """A name that cannot hold the view: part of a compound ('Japan-Taiwan security relations') or the object
    of a preposition ('despite opposition by China')."""
    return (text[hit.end:hit.end + 1] in ("-", "–") or text[hit.start - 1:hit.start] in ("-", "–")
            or bool(_PREPOSITION.search(text[:hit.start]))
            or any(m.start() <= hit.start < m.end() and _PREPOSITION.search(text[:m.start()])
                   for m in _LIST.finditer(text)))


# a list of names ("the United States, Japan, South Korea, and Taiwan", "Japan and Taiwan"; not "China, Taiwan
# urged", a clause and its subject): after a preposition every name of it is the preposition's object
_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
_LIST = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or)\s+{_NAME}")


def cue_doubt(text: str, cue: re.Match, strong: bool, author_view: bool = False) -> str:
    """Why the cue may not make a proposal ("" when it does). In an opinion piece "X can do Y" suggests Y
    (`author_view`), unless what follows is knowing or saying ("we can understand that...")."""
    if strong and cue.start() == 0:
        return f"'{cue.group(0)}' opens the sentence as a noun: it reports calls without saying whose"
    if author_view and re.fullmatch(r"can|could", cue.group(0), re.IGNORECASE) and not _KNOWING.match(text, cue.end()):
        return ""
    if PREDICTIVE.fullmatch(cue.group(0)):
        return f"'{cue.group(0)}' tells a prediction or a possibility, not what anyone proposes"
    if not strong and _STATE.match(text, cue.end()):
        return f"'{cue.group(0)} be' says how things are, not what to do"
    if not strong and _RELATIVE.search(text, 0, cue.start()):
        return f"'{cue.group(0)}' stands in a relative clause ('which ...'): it describes, not asks"
    return ""


def _proposer(known: Known, text: str, cue_start: int, author_actor: str, before_text: str = "",
              author_view: bool = False, addressed: bool = False, reported: bool = False) -> tuple[str, str, str]:
    """(actor id, why, doubt): for a sentence led by 'He'/'She'/'They', its antecedent in the sentence before;
    else the speaker named before 'said'..., else the known actor named last before the cue, else the speaker
    named after, else the article's author (confident when the text is an opinion, whose author holds the
    views no one else is named for: `author_view`). `doubt` says why the analyst must decide ("" when clear).

    `addressed`: the cue is a modal ("Japan should...", "there may be room for..."), whose subject is asked to
    act and does not hold the view: the view is the speaker's, else the author's.

    `reported`: the cue is a verb of calling said of someone ("a tabletop exercise ... recommended", not "we
    recommend"), so with no known holder the view is not the author's either: the analyst chooses."""
    pronoun = _PRONOUN.match(text)
    hits = known.actors_in(text)
    speaker = _SPEAKER.search(text)
    spoken = speaker is not None and speaker.start() < cue_start
    if pronoun and not [h for h in hits if h.end <= cue_start and known.actor_kinds.get(h.actor) == "person"] \
            and (spoken or not addressed):
        return _antecedent(known, pronoun.group(0), before_text)
    if spoken:  # "X said Tokyo should...": the view is X's
        found = _speaker_before(known, text, hits, speaker.start())
        if found:
            return (*found, "")
    lead = _LEADING_CLAUSE.match(text)  # "If Abe is serious, then the two establishments should...": not Abe
    before = [h for h in hits if h.end <= cue_start and known.actor_kinds.get(h.actor) != "place"
              and not modifier(text, h) and not (lead and h.end <= lead.end() < cue_start)]
    if before and not addressed:
        return before[-1].actor, f"holder '{before[-1].term}' → {before[-1].actor} (named before the cue)", ""
    after = [h for h in hits if speaker and h.start >= speaker.start() and known.actor_kinds.get(h.actor) == "person"]
    if after:
        return after[0].actor, f"speaker '{after[0].term}' → {after[0].actor}", ""
    said_by = _SAID_BY.search(text)  # "..., he added": the speaker is the one the sentence before names
    if said_by:
        return _antecedent(known, said_by.group(1).capitalize(), before_text, "speaks after the quote")
    earlier = [h for h in known.actors_in(before_text) if known.actor_kinds.get(h.actor) in ("person", "party")]
    if _DEFINITE.match(text) and earlier:
        return (earlier[-1].actor, f"'{' '.join(text.split()[:2])}' → '{earlier[-1].term}' in the sentence before"
                f" ({earlier[-1].actor})", "the holder is read from the sentence before")
    if reported:
        return "", "the call is said of a holder who is no known actor", \
            "the call is someone's the data does not know: choose the proposer (or add the actor)"
    if author_actor and author_view:
        return author_actor, f"no holder named: the view of the article's author ({author_actor})", ""
    if author_actor:
        return author_actor, f"no holder named: the article's author ({author_actor})", \
            "no holder named and a news report's author reports views, not holds them: choose the proposer"
    return "", "no holder named and the author is not a known actor", "no holder named: choose the proposer"


_NAME_BEFORE = re.compile(r"((?:[A-Z][a-z]+(?:-[a-z]+)?\s){1,2}[A-Z][a-z]+(?:-[a-z]+)?)\s*,?[^,]{0,40}$")


def _speaker_before(known: Known, text: str, hits, verb_at: int) -> tuple[str, str] | None:
    """The speaker named before 'said'/'told'...: a known person or party, else a new person's suggested id."""
    people = [h for h in hits if h.end <= verb_at and known.actor_kinds.get(h.actor) in ("person", "party", "group")]
    if people:
        return people[-1].actor, f"speaker '{people[-1].term}' → {people[-1].actor} (named before '{text[verb_at:].split()[0]}')"
    m = _NAME_BEFORE.search(text[:verb_at])
    name = without_titles(m.group(1)) if m else ""
    if len(name.split()) >= 2 and not known.actors_in(name):
        pid = person_id(name)
        return pid, f"speaker '{name}', not a known actor: accept the actor candidate {pid} with it"
    return None


# where a new measure's name ends: at a date ("in 2022"), at "and said", at the sentence's own verb ("the CPTPP
# trade pact were discussed")
_MEASURE_END = re.compile(r"\s+(?:(?:in|by|from|until|before|on|after)\s+(?:(?:early|late|mid|the)\s+)?"
                          r"(?:[A-Z][a-z]+\s+)?\d|(?:and|but|while)\s+(?:said|says|added|called|urged|noted)\b"
                          r"|(?:were|was)\b)")
# a weak cue followed by a verb of making something is a proposal even for a measure the data does not know
ESTABLISH = re.compile(r"\b(?:should|must|ought to|needs? to)\s+(?:also\s+)?(?:establish|create|set up|launch|build"
                       r"|open|institute|start)\b", re.IGNORECASE)


# a modal of obligation or intent before a verb ("the two governments should exchange attachés", "need to
# stand together"): a proposal of what follows even for a measure the data does not know; not before "be"
# ("must be the weakest side" says what is, not what to do)
# ("that should raise concerns", "That ought to tell you", "no need to think" describe or deny, so neither after a
# relative or demonstrative pronoun nor after "no")
# "has to"/"have to" and "has no choice but to" oblige as "must" does (not after a negation: "does not have to");
# after "it is essential (for X) to", "have" is to possess ("to have effective mechanisms"), not a past modal
DEONTIC = re.compile(r"(?<!\bthat )(?<!\bThat )(?<!\bthis )(?<!\bThis )(?<!\bwhich )(?<!\bno )(?<!\bnot )(?<!n't )"
                     r"\b(?:(?:should|must|ought to|needs? to|(?:is|are) required to|intends? to|may consider"
                     r"|(?<!will )(?<!would )(?<!might )(?<!may )(?<!could )(?:has|have) (?:no choice but )?to)"
                     r"(?=\s+(?:also\s+|further\s+|jointly\s+)?(?!be\b|been\b|not\b|have\b|and\b|or\b)[a-z]{3,})"
                     r"|it is (?:essential|vital|necessary|important) (?:for [^,.;]{1,40} )?to"
                     r"(?=\s+(?:also\s+|further\s+|jointly\s+)?(?!be\b|been\b|not\b|and\b|or\b)[a-z]{3,}))",
                     re.IGNORECASE)
# what a cue says of its sentence when it is no proposal: a prediction or a possibility, a state of things
PREDICTIVE = re.compile(r"will|would|can|could", re.IGNORECASE)
# after "can": knowing or saying ("we can understand that..."), not doing
_KNOWING = re.compile(r"\s+(?:not\s+)?(?:understand|see|say|expect|imagine|tell|face|be|find|know|think|argue"
                      r"|note|assume|conclude)\b", re.IGNORECASE)
# "must be the weakest side", "should be viewed as": how things are or are seen; not "should be decided" or
# "There should be greater coordination", which ask for something
_STATE = re.compile(r"\s+(?:be|been)\s+(?:the|a|an|one|among|in|at|very|more|less|most|seen|viewed|regarded"
                    r"|considered|understood|read)\b", re.IGNORECASE)
# "the situations to which Japan has to respond": a modal in a relative clause describes what it qualifies
_RELATIVE = re.compile(r"\b(?:which|whom)\b[^,;:()]*$", re.IGNORECASE)
# "Japan and Taiwan can play an important role in economic security": a role someone can play is one proposed
# to them (confident only where "can" suggests, in an opinion: `cue_doubt`); the measure is what follows "in"
ROLE = re.compile(r"\b(?:can|could) play an? (?:\w+ )?role in\b", re.IGNORECASE)
# a wish to do something ("Taiwan hopes to join...", "wanted Japan to do more"): what is wished is the measure
# ("Taiwan's hopes of joining the CPTPP": a hope of doing something, the noun, is a wish too)
WISH = re.compile(r"\b(?:hopes?|hoped|wants?|wanted|intends?|intended|plans?|planned|seeks?|sought|desire)"
                  r"(?:\s+[A-Z]\w*)?\s+to(?=\s+(?!be\b)[a-z]{3,})|\bhopes? of(?=\s+[a-z]{2,}ing\b)")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)\s+(?:\w+\s+)?$")  # "we strongly recommend": the author's own call
OPINION_KINDS = {"analysis", "commentary", "conference-paper", "op-ed"}  # texts whose author holds views


def _new_measure(text: str, cue_end: int, taken: set[str]) -> Candidate | None:
    # what a quotation opens right after the cue is the measure ('the need to “have an exchange of opinions...”')
    rest = re.split(r"[.;:,—–(\"“”]", text[cue_end:].lstrip(" :\"“”‘’'"), maxsplit=1)[0]
    rest = _MEASURE_END.split(rest, maxsplit=1)[0]  # not "a hotline ... in 2022 and said ..."
    words = [w for w in rest.split() if w.casefold() not in {"to", "that", "the", "a", "an", "be", "also"}]
    if len(words) < 2:
        return None
    name = " ".join(words[:8])
    name = name[0].upper() + name[1:]
    rid = unique(f"m-{slug(name, 5)}", taken)
    fields = {"id": rid, "name": name, "category": measure_category(name), "description": clip(rest.strip(), 30),
              "phrasings": " ".join(rest.split()[:10])}
    return Candidate("measure", rid, "", f"new measure from the words after the cue: '{name}'", -1, fields)


def _stance(text: str, cue: str) -> str:
    if _EXPECT.search(text):
        return "expects"
    return "reports" if _PAST.search(cue) or re.search(r"\bhas\b|\bhave\b", text[:text.find(cue)]) else "proposes"


def _holders(known: Known, text: str, cue_start: int, author_actor: str, before: str, author_view: bool,
             addressed: bool = False, reported: bool = False) -> list[tuple[str, str, str]]:
    """The holder(s) of the view with why and doubt: 'Sato and Otsuka stressed...' gives both."""
    first = _proposer(known, text, cue_start, author_actor, before, author_view, addressed, reported)
    lead = _LEADING_CLAUSE.match(text)
    hits = [h for h in known.actors_in(text[:cue_start]) if known.actor_kinds.get(h.actor) != "place"
            and not modifier(text, h) and not (lead and h.end <= lead.end())]
    if len(hits) >= 2 and hits[-1].actor == first[0] and re.fullmatch(r"\s*(?:and|,)\s*", text[hits[-2].end:hits[-1].start]):
        return [(hits[-2].actor, f"holder '{hits[-2].term}' → {hits[-2].actor} (named with {first[0]})", first[2]),
                first]
    return [first]


def _measures(known: Known, sentence: Sentence, strong, taken: set[str]) -> list[tuple[str, str, Candidate | None]]:
    """(measure id, why, new measure candidate or None) for the sentence."""
    matched = known.measures_in(sentence.text)
    out = [(row["id"], f"measure {row['id']} by phrasing '{phrase}' ({score:.0f})", None)
           for row, phrase, score in matched]
    making = (strong or ESTABLISH.search(sentence.text) or DEONTIC.search(sentence.text)
              or WISH.search(sentence.text) or ROLE.search(sentence.text))
    new = _new_measure(sentence.text, making.end(), taken) if making else None
    # the words after the cue name another measure than those matched ("a hotline ... and ... coast guard cooperation")
    if new and not any(fuzz.partial_ratio(phrase.casefold(), str(new.fields["phrasings"]).casefold()) >= MEASURE_THRESHOLD
                       for _, phrase, _ in matched):
        out.insert(0, (new.record_id, f"new measure {new.record_id}", new))
    elif new:
        taken.discard(new.record_id)
    return out


def proposal_candidates(sentences: list[Sentence], known: Known, source_id: str, author_actor: str,
                        taken: set[str], author_view: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    held: dict[tuple[str, str], Candidate] = {}  # once per holder and article (codebook): the confident one
    for sentence in sentences:
        strong = CUE.search(sentence.text)
        cue = strong or DEONTIC.search(sentence.text) or WEAK_CUE.search(sentence.text)
        if cue is None or is_heading(sentence.text):
            continue
        before = sentences[sentence.index - 1].text if sentence.index > 0 else ""
        for measure, how, new in _measures(known, sentence, strong, taken):
            addressed = not strong and not ATTITUDE.fullmatch(cue.group(0))
            reported = bool(strong) and cue.start() > 0 and not _FIRST_PERSON.search(sentence.text, 0, cue.start())
            for proposer, who, doubt in _holders(known, sentence.text, cue.start(), author_actor, before,
                                                 author_view, addressed, reported):
                doubts = [d for d in (doubt, cue_doubt(sentence.text, cue, bool(strong), author_view)) if d]
                earlier = held.get((proposer, measure))
                if earlier is not None and (doubts or earlier.confidence == "high"):
                    continue
                if earlier is not None:  # a confident sentence of the same view replaces a doubtful one
                    out.remove(earlier)
                    taken.discard(earlier.record_id)
                if new is not None:
                    new.sentence = sentence.index
                    out.append(new)
                    new = None
                rid = unique(f"pr-{source_number(source_id)}-{proposer or 'x'}-{measure.removeprefix('m-')}", taken)
                fields = {"id": rid, "proposer": proposer, "measure": measure, "source_id": source_id,
                          "stance": _stance(sentence.text, cue.group(0)), "summary": clip(sentence.text, 40)}
                candidate = Candidate("proposal", rid, quote_of(sentence.text), f"cue '{cue.group(0)}'; {who}; {how}",
                                      sentence.index, fields)
                for reason in doubts:
                    candidate.flag(reason)
                held[proposer, measure] = candidate
                out.append(candidate)
    return out
