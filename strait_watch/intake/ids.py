"""Ids in the house pattern (see data/*.csv): ev-2021-08-27-jp-ldp-talks, ag-2021-jp-us-joint-statement,
pr-005-kishi-nobuo-hotline, m-hotline, kishi-nobuo; unique against the known ids and each other."""

from __future__ import annotations

import re
import unicodedata

# Short codes the house ids use for states (ag-jp-au-gsomia).
STATE_CODES = {"japan": "jp", "australia": "au", "india": "in", "uk": "uk", "france": "fr", "germany": "de",
               "usa": "us", "taiwan": "tw", "china": "cn", "south-korea": "kr", "eu": "eu"}


def slug(text: str, words: int = 6) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("+", "plus").replace("&", "and").casefold()
    parts = [p for p in re.split(r"[^a-z0-9]+", text) if p]
    return "-".join(parts[:words]) or "x"


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or wanted-2, wanted-3... if taken; the result is added to `taken`."""
    candidate, n = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def code(actor: str) -> str:
    return STATE_CODES.get(actor, actor)


def person_id(name: str) -> str:
    """'Grant Newsham' -> newsham-grant (family name first, as kishi-nobuo, newsham-grant)."""
    parts = slug(name).split("-")
    return "-".join([parts[-1], *parts[:-1]]) if len(parts) > 1 else parts[0]


def source_number(source_id: str) -> str:
    """'src-005' -> '005' (proposal ids carry their source's number)."""
    return source_id.rsplit("-", 1)[-1]
