"""Rules about what records say of each other: actor names and aliases, events and the agreements they make,
affiliations. Plain functions returning problems, like `rules`."""

from __future__ import annotations

from strait_watch.core.dataset.model import Problem
from strait_watch.core.dataset.rules import Tables, at, period, rows, split_list

# Statuses saying the agreement came into being (or was revised) at its date: an event can be that moment.
MADE_STATUSES = ("concluded", "issued", "established", "enacted", "revised")


def check_alias_clashes(tables: Tables) -> list[Problem]:
    """An alias must point to one actor: not shared with another actor, not another actor's name."""
    actors = rows(tables, "actors", "id", "name", "aliases")
    names = {row["name"].casefold(): (row["id"], line) for line, row in actors}
    first_alias: dict[str, tuple[str, int]] = {}
    out = []
    for line, row in actors:
        for alias in dict.fromkeys(split_list(row["aliases"])):
            key = alias.casefold()
            owner = names.get(key)
            if owner and owner[0] != row["id"]:
                out.append(at(tables, "actors", line, row["id"], "aliases",
                              f"alias '{alias}' is the name of actor '{owner[0]}' (line {owner[1]})"))
            other = first_alias.setdefault(key, (row["id"], line))
            if other[0] != row["id"]:
                out.append(at(tables, "actors", line, row["id"], "aliases",
                              f"alias '{alias}' is also an alias of actor '{other[0]}' (line {other[1]})"))
    return out


def check_event_agreements(tables: Tables) -> list[Problem]:
    """An event's `agreement` is the agreement it concludes, issues or establishes, so by the event's date."""
    agreements = {row["id"]: row for _, row in rows(tables, "agreements", "id", "status", "year", "date")}
    out = []
    for line, row in rows(tables, "events", "id", "date", "agreement"):
        agreement = agreements.get(row["agreement"])
        if agreement is None:
            continue  # blank, or a dangling key frictionless reports
        status, aid = agreement["status"], row["agreement"]
        if status not in MADE_STATUSES:
            out.append(at(tables, "events", line, row["id"], "agreement",
                          f"agreement '{aid}' has status '{status}': an event's agreement must be one it"
                          f" makes ({', '.join(MADE_STATUSES)})"))
            continue
        made = period(agreement["date"] or agreement["year"] or "")
        event = period(row.get("end_date") or row["date"])
        if made and event and made[0] > event[1]:
            out.append(at(tables, "events", line, row["id"], "agreement",
                          f"agreement '{aid}' is {status} in {agreement['date'] or agreement['year']},"
                          f" after this event ({row['date']})"))
    return out


def check_affiliation_cycles(tables: Tables) -> list[Problem]:
    """An actor's affiliation chain ends: nobody is affiliated to themselves, directly or round a cycle."""
    actors = rows(tables, "actors", "id", "affiliation")
    parent = {row["id"]: row["affiliation"] for _, row in actors}
    reported: set[str] = set()
    out = []
    for line, row in actors:
        rid = row["id"]
        if rid in reported:
            continue
        if parent.get(rid) == rid:
            out.append(at(tables, "actors", line, rid, "affiliation", "actor is affiliated to itself"))
            reported.add(rid)
            continue
        chain, current = [rid], parent.get(rid)
        while current and current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current == rid:
            reported.update(chain)
            out.append(at(tables, "actors", line, rid, "affiliation",
                          f"affiliation cycle: {' → '.join([*chain, rid])}"))
    return out
