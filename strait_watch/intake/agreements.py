"""Agreement candidates: named instruments, abbreviations, statement/communiqué mentions with their parties,
the cells of a table of agreements; and corroborations of agreements already in the data."""

from __future__ import annotations

import re

from strait_watch.core.sentences import is_heading, normalise
from strait_watch.intake.datefind import find_dates
from strait_watch.intake.events import actors_why
from strait_watch.intake.ids import code, slug, unique
from strait_watch.intake.known import ActorHit, Known
from strait_watch.intake.model import Candidate, Sentence
from strait_watch.intake.text import quote_of

_CAP = r"(?:[A-Z][\w.’'&-]*|U\.S\.|E\.U\.|\"2\+2,?\"|“2\+2,?”|2\+2)"
_LINK = r"(?:\s+(?:of|on|for|and|the|de|with)\s+|[\s-]+)"
_HEAD = (r"Agreement|Treaty|Act|Communiqu[eé]|Joint Statement|Statement|Guidelines|Declaration|Accord|Pact"
         r"|Partnership|Dialogue|Mechanism|Law|Code of Conduct|Charter|Arrangement|Memorandum")
# a name ending as a legal instrument does ("Coast Guard Act"): never an actor
INSTRUMENT = re.compile(r"\b(?:Agreement|Treaty|Act|Communiqu[eé]|Statement|Guidelines|Declaration|Accord|Pact|Law"
                        r"|Code of Conduct|Charter|Arrangement|Memorandum)$")
NAMED = re.compile(rf"(?:{_CAP}{_LINK})*?(?:{_CAP}{_LINK})?(?:{_HEAD})(?:\s+(?:on|of|for)\s+(?:{_CAP}\s*)+)?"
                   r"(?:\s*\((?P<abbr>[A-Z][A-Za-z+&-]{1,10})\))?")
# instruments are named by nouns; a title-case run with one of these verbs is a headline ("X and Y Hold ... Dialogue")
HEADLINE_VERB = re.compile(r"\b(?:Holds?|Held|Meets?|Signs?|Signed|Urges?|Urged|Launch(?:es)?|Launched|Agrees?|Agreed"
                           r"|Discuss(?:es)?|Discussed|Seeks?|Sought|Vows?|Vowed|Calls?|Called|Warns?|Warned|Says|Said)\b")
MENTION = re.compile(r"\b(?:joint statements?|communiqu[eé]s?|joint declaration)\b", re.IGNORECASE)
_ABBREVIATIONS = {"GSOMIA": "gsomia", "ACSA": "acsa", "RAA": "raa", "LEMOA": "defence-agreement",
                  "COMCASA": "defence-agreement", "BECA": "defence-agreement"}
_TYPES = [("gsomia", r"GSOMIA|Security of Military Information"), ("acsa", r"ACSA|Cross-Servicing"),
          ("raa", r"RAA|Reciprocal Access"), ("fisheries-agreement", r"Fisher"), ("code-of-conduct", r"Code of Conduct"),
          ("trade-agreement", r"Trade|Economic Partnership|Trans-Pacific"), ("communique", r"Communiqu"),
          ("joint-statement", r"Statement|Declaration"), ("law", r"\bAct\b|\bLaw\b"), ("guidelines", r"Guidelines"),
          ("treaty", r"Treaty|Pact|Charter"), ("mechanism", r"Dialogue|Mechanism|Working Group|Channel"),
          ("equipment", r"Equipment"), ("defence-agreement", r"")]
_STATUS = [("concluded", r"signed|concluded|sign"), ("issued", r"issued|released|statements?|communiqu"),
           ("enacted", r"enacted|passed"), ("established", r"established|launched|set up|created"),
           ("revised", r"revised"), ("sought", r"seek|sought|hopes? of joining|apply|applied|join")]


def type_of(name: str) -> str:
    return next(kind for kind, pattern in _TYPES if re.search(pattern, name, re.IGNORECASE) or not pattern)


def status_of(sentence: str) -> str:
    for status, pattern in _STATUS:
        if re.search(rf"\b(?:{pattern})", sentence, re.IGNORECASE):
            return status
    return "not-stated"


def _fields(rid, name, abbreviation, actors, sentence, published, kind) -> dict:
    found = find_dates(sentence, published)
    first = found[0] if found else None
    year = int(first.date[:4]) if first else None
    return {"id": rid, "name": name, "abbreviation": abbreviation, "party_a": actors[0] if actors else "",
            "party_b": actors[1] if len(actors) > 1 else "", "other_parties": ";".join(actors[2:]),
            "agreement_type": kind, "year": year, "date": first.date if first and first.precision != "year" else "",
            "date_basis": first.basis if first else "", "status": status_of(sentence), "table1": False,
            "names_taiwan_strait": bool(re.search(r"Taiwan Strait", sentence)) and kind in ("joint-statement", "communique"),
            "note": first.note if first else ""}


def _known_match(known: Known, text: str, actors: list[str]) -> list[tuple[dict, str]]:
    """Known agreements the sentence names; one sharing its abbreviation with others needs its parties named."""
    found = known.agreements_in(text)
    out = []
    for row, term in found:
        shared = sum(1 for r, t in found if t == term) > 1 or term == row["abbreviation"]
        parties = {p for p in (row["party_a"], row["party_b"]) if p}
        if not shared or parties <= set(actors) or (parties - {"japan"}) <= set(actors):
            out.append((row, term))
    return out


def _named(sentence: Sentence, known: Known, actors: list[str], why: str, published: str,
           taken: set[str]) -> list[Candidate]:
    out = []
    actors = [a for a in actors if known.actor_kinds.get(a) != "place"]  # a sea or a strait is no party
    for m in list(NAMED.finditer(sentence.text)) + list(MENTION.finditer(sentence.text)):
        name = re.sub(r"^The\s+", "", m.group(0).strip(" -"))  # "The Pacific Charter binds...": not the name's
        if len(name.split()) < 2 and not m.groupdict().get("abbr"):
            if m.re is NAMED:
                continue
            parties = [known.actor_names.get(a, a) for a in actors[:2]]
            name = f"{'-'.join(parties)} {name}".strip()
        abbr = (m.groupdict().get("abbr") or "") if m.re is NAMED else ""
        kind = _ABBREVIATIONS.get(abbr) or type_of(name)
        fields = _fields("", name, abbr, actors, sentence.text, published, kind)
        year = f"{fields['year']}-" if fields["year"] else ""
        rid = unique(f"ag-{year}{slug(abbr or name, 6)}", taken)
        fields["id"] = rid
        candidate = Candidate("agreement", rid, quote_of(sentence.text),
                              f"named '{name}' ({'abbreviation ' + abbr + ', ' if abbr else ''}type {kind}); {why}",
                              sentence.index, fields)
        if m.re is MENTION:
            candidate.flag("a mention ('joint statement'), not a name: which statement is the analyst's call")
        elif verb := HEADLINE_VERB.search(name):
            candidate.flag(f"the name has the verb '{verb.group(0)}': a headline telling an event, not an instrument's name")
        elif kind == "defence-agreement" and not abbr:
            candidate.flag("no known kind of instrument in the name")
        out.append(candidate)
    return out


def agreement_candidates(sentences: list[Sentence], published: str, known: Known, taken: set[str]) -> list[Candidate]:
    out: list[Candidate] = []
    offered: set[str] = set()  # the new instruments' names, as first named
    for sentence in sentences:
        actors, why = actors_why(known, sentence.text)
        matched = _known_match(known, sentence.text, actors)
        for row, term in matched:
            out.append(Candidate("corroboration", row["id"], quote_of(sentence.text),
                                 f"supports agreement {row['id']}: names '{term}'", sentence.index,
                                 {"record_id": row["id"], "locator": ""}))
        names = {term.casefold() for _, term in matched} | {row["name"].casefold() for row, _ in matched}
        if is_heading(sentence.text) or sentence.text.startswith("Note"):
            continue  # a heading or a glossary note is no mention of an agreement made
        for candidate in _named(sentence, known, actors, why, published, taken):
            name = candidate.fields["name"].casefold()
            if (actors or candidate.fields["abbreviation"]) and not any(name in n or n in name for n in names):
                if name in offered:  # one record per instrument: the first mention proposes it
                    candidate.flag(f"an earlier sentence names '{candidate.fields['name']}' already:"
                                   " accept one of them")
                offered.add(name)
                out.append(candidate)
            else:
                taken.discard(candidate.record_id)
    return out


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"\t|\s\|\s", line)]


def _block(lines: list[str], start: int) -> list[list[str]]:
    """The rows of the table whose header is lines[start]: as long as the rows have the header's width."""
    width = len(_cells(lines[start]))
    rows = []
    for line in lines[start + 1:]:
        if len(_cells(line)) != width:
            break
        rows.append(_cells(line))
    return rows


def _is_kind(label: str) -> bool:
    """A heading that names a kind of agreement ('GSOMIA', 'Equipment'), not a party."""
    return label in _ABBREVIATIONS or type_of(label) != "defence-agreement"


def _parties_across(header: list[str], rows: list[list[str]], known: Known) -> bool:
    """Whether the parties run along the header (the kinds down the first column): the side whose headings all
    name kinds of agreement holds the kinds; when that does not decide, the side whose headings are known actors."""
    kinds_down = all(_is_kind(row[0]) for row in rows)
    if kinds_down != all(_is_kind(c) for c in header[1:]):
        return kinds_down
    return all(known.actors_in(c) for c in header[1:])


def _new_party(label: str, owner: str, line: str, known: Known, taken: set[str]) -> Candidate:
    """A party heading no known actor matches: a new actor of the owner's kind (a table of one owner's
    agreements lists counterparts like it: Japan's with other states), not a reason to drop its cells."""
    kind = known.actor_kinds.get(owner, "state")
    rid = unique(slug(label, 5), taken)
    countries = set(known.frames["actors"]["country"])
    fields = {"id": rid, "name": label, "kind": kind, "country": label if kind == "state" and label in countries
              else "Unknown", "aliases": "", "affiliation": "", "role": ""}
    why = (f"table heading '{label}' matches no known actor: a party to the table's agreements, offered as a new"
           f" {kind} (the kind of the table's owner, {owner})")
    return Candidate("actor", rid, normalise(line), why, -1, fields)


def table_candidates(text: str, known: Known, taken: set[str]) -> list[Candidate]:
    """A table of agreements (tab- or '|'-separated; parties along one side, agreement types along the other):
    one candidate per cell, a year as concluded, an X as none-as-of-source; a cell the data has already is a
    corroboration; a party heading no known actor matches is offered as a new actor (`_new_party`)."""
    lines = text.splitlines()
    out: list[Candidate] = []
    for i, line in enumerate(lines):
        header = _cells(line)
        if len(header) < 3 or not (line.count("\t") >= 2 or line.count(" | ") >= 2):
            continue
        rows = _block(lines, i)
        if not rows or not all(re.fullmatch(r"(?:1[89]|20)\d\d|[Xx✕×-]?", c) for row in rows for c in row[1:]) or (i > 0 and len(_cells(lines[i - 1])) == len(header)):
            continue
        caption = next((lines[j] for j in range(i - 1, max(i - 4, -1), -1) if lines[j].startswith("Table")), "")
        owner = ([h.actor for h in known.actors_in(caption)][:1] or ["japan"])[0]
        label = caption.split(".")[0].split(":")[0] if caption else "Table"
        across = _parties_across(header, rows, known)
        parties: dict[str, ActorHit] = {}
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[1:], 1):
                party, kind = (header[c], row[0]) if across else (row[0], header[c])
                if party not in parties and (hits := known.actors_in(party)):
                    parties[party] = hits[0]
                elif party not in parties and party and not _is_kind(party):
                    new = _new_party(party, owner, line if across else lines[i + 1 + r], known, taken)
                    out.append(new)
                    parties[party] = ActorHit(new.record_id, party, 0, len(party))
                if party in parties and cell:
                    found = _cell(cell, parties[party], kind, owner, label, lines[i + 1 + r], known, taken)
                    out += [found, *_cell_event(found, cell, known, taken)]
    return out


def _cell(cell, hit, kind, owner, label, line, known, taken) -> Candidate:
    party = hit.actor
    row_type = _ABBREVIATIONS.get(kind) or type_of(kind)
    locator = f"{label}, row {kind}, column {hit.term}"
    existing = [r for r in known.agreement_rows if {r["party_a"], r["party_b"]} == {owner, party}
                and r["agreement_type"] == row_type]
    if existing:
        return Candidate("corroboration", existing[0]["id"], normalise(line),
                         f"supports agreement {existing[0]['id']}: table cell '{cell}' ({locator})", -1,
                         {"record_id": existing[0]["id"], "locator": locator})
    rid = unique(f"ag-{code(owner)}-{code(party)}-{slug(kind, 2)}", taken)
    year = int(cell) if cell.isdigit() else None
    fields = {"id": rid, "name": f"{known.actor_names.get(owner, owner)}-{hit.term} {kind}",
              "abbreviation": kind if kind.isupper() else "", "party_a": owner, "party_b": party,
              "other_parties": "", "agreement_type": row_type, "year": year, "date": "",
              "date_basis": "stated" if year else "", "status": "concluded" if year else "none-as-of-source",
              "table1": False, "names_taiwan_strait": False, "note": "", "locator": locator}
    return Candidate("agreement", rid, normalise(line), f"table cell '{cell}' ({locator})", -1, fields)


def _cell_event(agreement: Candidate, cell: str, known: Known, taken: set[str]) -> list[Candidate]:
    """The conclusion of a table cell's agreement as an event (a year cell), or a corroboration of that event."""
    if not cell.isdigit():
        return []
    events = known.frames["events"]
    existing = events[events["agreement"] == agreement.record_id]
    locator = agreement.fields.get("locator", "")
    if len(existing):
        rid = existing["id"].iloc[0]
        return [Candidate("corroboration", rid, agreement.quote, f"supports event {rid}: table cell '{cell}' ({locator})",
                          -1, {"record_id": rid, "locator": locator})]
    fields = agreement.fields
    if agreement.kind != "agreement":
        return []
    parts = agreement.record_id.removeprefix("ag-")
    rid = unique(f"ev-{cell}-{parts}", taken)
    event = {"id": rid, "date": cell, "date_precision": "year", "end_date": "", "date_basis": "stated", "date_note": "",
             "title": f"{fields['name']} concluded", "summary": f"{fields['name']} is concluded ({cell}).",
             "category": "agreement", "actors": f"{fields['party_a']};{fields['party_b']}", "key": False,
             "agreement": agreement.record_id, "locator": locator}
    return [Candidate("event", rid, agreement.quote, f"table cell '{cell}' ({locator}): the agreement's conclusion",
                      -1, event)]
