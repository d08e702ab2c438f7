"""Shared by the agreement modules: the matrix constants, labels from the codebook and the actors table."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from components.style import escape_html, humanize

HOME = "japan"
ARTICLE_PARTNERS = ("australia", "india", "uk", "france", "germany")
MATRIX_TYPES = ("gsomia", "acsa", "equipment", "raa")
ANIMATION_YEARS = tuple(range(2012, 2022))

# Cell states, in the order the legend lists them.
CONCLUDED, LATER, NONE, OTHER, MISSING = "concluded", "later", "none", "other", "missing"
STATE_LABELS = {
    CONCLUDED: "Concluded (the year is shown)",
    LATER: "Not yet concluded at the as-of year",
    NONE: "No agreement as of the source (✕ in the article's Table 1)",
    OTHER: "Named, not concluded (status shown)",
    MISSING: "No record (in the data or under the filters)",
}
STATE_COLOURS = {
    CONCLUDED: "#1f5f99",
    LATER: "#dbe8f5",
    NONE: "#f1f1f1",
    OTHER: "#f6e7c1",
    MISSING: "#ffffff",
}
_STATE_CODE = {s: i for i, s in enumerate((MISSING, NONE, OTHER, LATER, CONCLUDED))}
_TEXT_COLOURS = {CONCLUDED: "#ffffff", LATER: "#4a6f94", NONE: "#555555", OTHER: "#6b5200", MISSING: "#999999"}
_NOT_CONCLUDED = {"proposed", "sought", "not-stated"}
_GRID = "#c8c8c8"

MATRIX_COLUMNS = [
    "partner", "partner_name", "agreement_type", "type_short", "type_long", "year", "status",
    "state", "id", "name", "abbreviation", "quote", "source_id", "more", "table1", "source", "named",
]


# --- labels from the codebook and the actors table -------------------------------------------

def type_labels(codebook: Mapping | None, agreement_type: str) -> tuple[str, str]:
    """(short, long) label of an agreement type: "GSOMIA: General ..." -> ("GSOMIA", "General ...")."""
    text = ((codebook or {}).get("agreement types") or {}).get(agreement_type, "")
    if ":" in text:
        short, long = (part.strip() for part in text.split(":", 1))
        return short, long
    short = humanize(agreement_type)
    return short, text or short


def _type_text(codebook: Mapping | None, agreement_type: str) -> str:
    """The codebook's words for a type ("GSOMIA: General Security ...", "Domestic law or act")."""
    return ((codebook or {}).get("agreement types") or {}).get(agreement_type) or humanize(agreement_type)


def status_label(codebook: Mapping | None, status: str) -> str:
    """The codebook's description of a status, or the status itself."""
    return ((codebook or {}).get("agreement statuses") or {}).get(status, status.replace("-", " "))


def _names(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty:
        return {}
    return dict(zip(actors["id"].tolist(), actors["name"].tolist(), strict=True))


def _kinds(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty or "kind" not in actors:
        return {}
    return dict(zip(actors["id"].tolist(), actors["kind"].tolist(), strict=True))


def _first_quotes(evidence: pd.DataFrame | None, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """record id -> (quote, source id) of its first evidence row (file order); only ``ids`` if given.

    Narrowing to ``ids`` first keeps this cheap on a large evidence table (a few records need quotes).
    """
    if evidence is None or evidence.empty:
        return {}
    if ids is not None:
        evidence = evidence[evidence["record_id"].isin(list(ids))]
    first = evidence.drop_duplicates("record_id")
    return {r: (q, s) for r, q, s in zip(first["record_id"].tolist(), first["quote"].tolist(),
                                         first["source_id"].tolist(), strict=True)}


def _source_titles(sources: pd.DataFrame | None) -> dict[str, str]:
    """source id -> the article's title (what a reader sees instead of 'src-003')."""
    if sources is None or sources.empty:
        return {}
    return dict(zip(sources["id"].tolist(), sources["title"].tolist(), strict=True))


def _named_years(evidence: pd.DataFrame | None, sources: pd.DataFrame | None, ids: Iterable[str]) -> dict[str, int]:
    """record id -> the year of the earliest article that quotes it (when an undated proposal was first named)."""
    if evidence is None or evidence.empty or sources is None or sources.empty:
        return {}
    years = {i: _year_of(e) for i, e in zip(sources["id"].tolist(), sources["published_estimate"].tolist(), strict=True)}
    out: dict[str, int] = {}
    rows = evidence[evidence["record_id"].isin(list(ids))]
    for rid, sid in zip(rows["record_id"].tolist(), rows["source_id"].tolist(), strict=True):
        if years.get(sid) is not None:
            out[rid] = min(out.get(rid, 9999), years[sid])
    return out


def _year_of(iso) -> int | None:
    return int(str(iso)[:4]) if isinstance(iso, str) and str(iso)[:4].isdigit() else None


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(escape_html(line) for line in textwrap.wrap(text, width)) if text else ""


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _parties(row, kinds: Mapping[str, str] | None = None) -> list[str]:
    """Party ids in order; with ``kinds``, people are dropped when a state or body is also a party
    (a minister speaks for a state: Kishi's remarks count as Japan's)."""
    parties = [p for p in dict.fromkeys([row["party_a"], row.get("party_b", ""), *list(row.get("other_parties") or [])]) if p]
    if kinds:
        bodies = [p for p in parties if kinds.get(p) != "person"]
        return bodies or parties
    return parties


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=escape_html(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(height=160, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", margin=dict(l=10, r=10, t=10, b=10))
    return fig
