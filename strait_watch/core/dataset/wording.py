"""Warnings against the corpus: wording in the data that the articles do not bear out.

Reported, never refused (severity "warning"): an alias or measure phrasing no article uses, a role or an
abbreviation no article gives, a proposal whose quote does not name its proposer. Run only with the corpus.
"""

from __future__ import annotations

import re

from strait_watch.core.dataset.model import WARNING, Problem
from strait_watch.core.dataset.rules import Tables, at, rows, split_list

# Words of a role that describe the record rather than quote the text ("author of source 003").
_META_WORDS = {"source", "sources", "author", "text", "names", "name", "given", "cited", "unnamed", "invented",
               "full", "former", "recently"}
_STOP_WORDS = {"with", "from", "that", "this", "their", "into", "also", "until", "after", "before", "about",
               "which", "there", "they", "them", "than", "then", "when", "where", "while", "over", "under"}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def plain(text: str) -> str:
    """Whitespace runs as one space, curly apostrophes straight: the form wording is matched in."""
    return " ".join(text.split()).replace("’", "'").replace("‘", "'")


def _occurs(phrase: str, text: str, ignore_case: bool = True) -> bool:
    pattern = r"(?<!\w)" + re.escape(plain(phrase)) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE if ignore_case else 0) is not None


def _warn(tables: Tables, name, line, rid, column, message) -> Problem:
    return at(tables, name, line, rid, column, message, WARNING)


def check_wording(tables: Tables, texts: dict[str, str | None]) -> list[Problem]:
    """Aliases, phrasings and abbreviations that occur in no article; roles whose words no article uses."""
    articles = [plain(t) for t in texts.values() if t]
    if not articles:
        return []
    vocabulary = {_stem(w) for t in articles for w in _WORD.findall(t)}
    out = []
    for name, column in (("actors", "aliases"), ("measures", "phrasings")):
        for line, row in rows(tables, name, "id", column):
            for phrase in split_list(row[column]):
                if not any(_occurs(phrase, t) for t in articles):
                    kind = "alias" if column == "aliases" else "phrasing"
                    out.append(_warn(tables, name, line, row["id"], column, f"{kind} '{phrase}' occurs in no corpus article"))
    for line, row in rows(tables, "agreements", "id", "abbreviation"):
        abbreviation = row["abbreviation"]
        if abbreviation and not any(_occurs(abbreviation, t, ignore_case=False) for t in articles):
            out.append(_warn(tables, "agreements", line, row["id"], "abbreviation",
                             f"abbreviation '{abbreviation}' occurs in no corpus article"))
    for line, row in rows(tables, "actors", "id", "role"):
        missing = [w for w in _role_words(row["role"]) if _stem(w) not in vocabulary]
        if missing:
            out.append(_warn(tables, "actors", line, row["id"], "role",
                             f"role words not found in any corpus article: {', '.join(missing)}"))
    return out


def _stem(word: str) -> str:
    """Crude stem so "Analyst" finds "analysts" and "chairs" finds "chaired"."""
    word = word.casefold().removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _role_words(role: str) -> list[str]:
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(role)]
    keep = [w for w in words if len(w) > 3 and w.casefold() not in _META_WORDS | _STOP_WORDS]
    return list(dict.fromkeys(keep))


def check_attribution(tables: Tables, texts: dict[str, str | None]) -> list[Problem]:
    """A proposal's proposer is named (name or alias) in one of its quotes or the sentence before it.

    The author of the proposal's own source may speak in the first person, so is exempt there."""
    actors = {row["id"]: [row["name"], *split_list(row.get("aliases", ""))]
              for _, row in rows(tables, "actors", "id", "name")}
    authors = {row["id"]: plain(row["author"]) for _, row in rows(tables, "sources", "id", "author")}
    quotes: dict[str, list[tuple[str, str]]] = {}
    for _, row in rows(tables, "evidence", "record_id", "source_id", "quote"):
        quotes.setdefault(row["record_id"], []).append((row["source_id"], plain(row["quote"])))
    out = []
    for line, row in rows(tables, "proposals", "id", "proposer", "source_id"):
        names = [n for n in actors.get(row["proposer"], []) if n]
        if not names or authors.get(row["source_id"]) in {plain(n) for n in names}:
            continue
        windows = [w for source, quote in quotes.get(row["id"], [])
                   if (w := _window(texts.get(source), quote)) is not None]
        if windows and not any(_occurs(n, w) for n in names for w in windows):
            out.append(_warn(tables, "proposals", line, row["id"], "proposer",
                             f"proposer '{row['proposer']}' ({' / '.join(names)}) is not named in its quote"
                             " or the sentence before it"))
    return out


def _window(text: str | None, quote: str) -> str | None:
    """The quote with the sentence before it (and the start of its own sentence) in the article."""
    if not text or not quote:
        return None
    text = plain(text)
    start = text.find(quote)
    if start < 0:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    begin = ends[-2] if len(ends) >= 2 else 0
    return text[begin: start + len(quote)]
