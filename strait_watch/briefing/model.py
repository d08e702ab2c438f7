"""The briefing's data model: the briefer's choice of slides (`Brief`), the views as slides (`View`,
`Pack`), citations and the records' real names. What each view shows under the filters is defined once,
in `strait_watch.views` (one module per view), for the pages and the briefing alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from strait_watch.core.dataset.model import default_corpus_dir
from strait_watch.core.dates import parse_url_date
from strait_watch.core.filters import Filters, actor_names, evidence_for
from strait_watch.core.memo import per_dataset
from strait_watch.core.sentences import Layout, layout, units
from strait_watch.core.text import plain
from strait_watch.views.matrix import HOME, type_labels

TITLE = "Strait Watch briefing"
SUBTITLE = "Japan–Taiwan security cooperation"
# Short names of the views, in default order (Present mode puts them in its URL: ?slide=timeline).
VIEW_LABELS = {"timeline": "Timeline", "matrix": "Agreement matrix", "statements": "Taiwan Strait statements",
               "others": "Other agreements and mechanisms", "network": "Proposal network",
               "consensus": "Consensus measures", "persistence": "What came back"}
# The slides a new deck has (the picker offers every view; the analyst adds the others), so a default deck changes
# only when this list does.
DEFAULT_SLIDES = ("timeline", "matrix", "statements", "network", "consensus", "persistence")


EVENT_PREFIX = "event:"


@dataclass(frozen=True)
class Brief:
    """The briefer's choices: which slides in which order, the deck's words, the marking line."""
    slides: tuple[str, ...] = DEFAULT_SLIDES
    title: str = TITLE
    subtitle: str = SUBTITLE
    date: dt.date | None = None
    marking: str = ""
    appendix: bool = False
    events: tuple[str, ...] = ()    # record ids (events, agreements, measures): one slide each (after the Timeline
                                    # slide, or last)

    def __post_init__(self):
        keep = tuple(dict.fromkeys(s for s in self.slides if s in VIEW_LABELS))
        object.__setattr__(self, "slides", keep)
        object.__setattr__(self, "events", tuple(dict.fromkeys(str(e) for e in self.events if str(e).strip())))

    @property
    def order(self) -> tuple[str, ...]:
        """Every slide after the title slide, in order: view keys and `event:<id>` keys (a record's own slide). The
        record slides follow the Timeline slide when there is one (in the order chosen), else they close the deck."""
        events = tuple(EVENT_PREFIX + e for e in self.events)
        if "timeline" in self.slides:
            i = self.slides.index("timeline") + 1
            return self.slides[:i] + events + self.slides[i:]
        return self.slides + events


@dataclass(frozen=True)
class Finding:
    text: str
    sources: tuple[str, ...] = ()   # source ids, cited as [n]
    records: tuple[str, ...] = ()   # the records the finding is about
    kind: str = ""                  # which view it belongs to when a section has several


@dataclass(frozen=True)
class EventCard:
    """What a single-record slide shows (an event, an agreement or mechanism, a measure with its proposers): the
    date at its precision, headline, summary, actors (parties, proposers), quotes."""
    id: str
    date: str                       # e.g. "14 Jun 2021", "Apr 2021", "2021 (year only)"
    headline: str
    summary: str
    category: str
    key: bool
    actors: tuple[str, ...]         # names
    quotes: tuple[tuple[str, str], ...]  # (quote as plain text, source id), the selected sources only
    kind: str = "Event"             # "Event", "Agreement or mechanism", "Measure": the slide's small line
    who: str = "Actors"             # what `actors` are: "Actors", "Parties", "Proposed by"


@dataclass
class View:
    key: str                        # timeline, matrix, statements, network, consensus, persistence
    title: str
    caption: str
    figure: go.Figure | None        # interactive figure (HTML, Present mode); None when empty
    records: list[str]              # record ids drawn in this view
    findings: list[Finding]
    empty: str = ""                 # what to say instead of a chart when nothing matches
    image_figure: go.Figure | None = None  # a static stand-in for a non-plotly view (the network)
    table: pd.DataFrame | None = None      # the rows a native table draws (matrix, statements, consensus)
    event: EventCard | None = None         # a single-event slide's content
    slide_caption: str = ""                # the deck's caption when its picture differs (the network's top measures)
    present_figure: go.Figure | None = None  # Present mode's picture when it is not the screen figure relaid


@dataclass
class Pack:
    filters: Filters
    filters_text: str
    version: str
    sources: pd.DataFrame           # id, number, label, short
    views: list[View]
    appendix: pd.DataFrame          # view, record_id, record_type, record, source_id, quote, sentence
    graph: nx.MultiGraph = field(repr=False, default=None)
    positions: dict = field(repr=False, default_factory=dict)
    brief: Brief = field(default_factory=Brief)
    notes: dict = field(repr=False, default_factory=dict)  # view key -> every quote behind it (quotes_of)


# ---------------------------------------------------------------- citations and text

def source_list(ds) -> pd.DataFrame:
    """Every source with its citation number, a one-line reference and a short one for footers."""
    rows = []
    for i, s in enumerate(ds.sources.itertuples(), start=1):
        who = " · ".join(x for x in (s.author, s.publisher, s.published or f"{s.published_estimate} (estimated)") if x)
        short = s.title if len(s.title) <= 48 else s.title[:47].rstrip() + "…"
        rows.append({"id": s.id, "number": i, "label": f"[{i}] {s.title} — {who}", "short": f"[{i}] {short}"})
    return pd.DataFrame(rows, columns=["id", "number", "label", "short"])


def cite(sources: pd.DataFrame, ids) -> str:
    """'[1, 3]' for the given source ids ('' when none)."""
    numbers = dict(zip(sources["id"], sources["number"], strict=True))
    found = sorted({numbers[i] for i in ids if i in numbers})
    return f"[{', '.join(map(str, found))}]" if found else ""


def record_titles(ds) -> dict[str, str]:
    """Each record's real name. A Table 1 ✕ cell is the absence it records, never an agreement's name."""
    names = actor_names(ds)
    measures = dict(zip(ds.measures["id"], ds.measures["name"], strict=True))
    codebook = ds.schema.get("codebook", {})
    out = dict(zip(ds.events["id"], ds.events["title"], strict=True))
    for a in ds.agreements.itertuples():
        out[a.id] = a.name
        if a.status == "none-as-of-source":
            other = a.party_b if a.party_a == HOME else a.party_a
            short = type_labels(codebook, a.agreement_type)[0]
            table = " (Table 1)" if getattr(a, "table1", False) else ""
            out[a.id] = f"No {names.get(HOME, 'Japan')}–{names.get(other, other)} {short} as of the article{table}"
        elif a.status in ("proposed", "sought"):
            out[a.id] = f"{a.name} ({a.status}, not concluded)"
    out.update({p.id: f"{names.get(p.proposer, p.proposer)}: {measures.get(p.measure, p.measure)}"
                for p in ds.proposals.itertuples()})
    return out


def as_quoted(text: str) -> str:
    """A quote as the deck and pack print it: plain text; one that starts mid-sentence (its first letter in lower
    case) opens with "…", so a quote never reads as a sentence that begins in lower case."""
    text = plain(text).strip()
    first = next((c for c in text if c.isalpha()), "")
    return f"…{text}" if first.islower() and not text.startswith(("…", "...")) else text


# The quoted words inside their sentence (notes and appendix): the rest of the sentence is the article's context.
MARK_OPEN, MARK_CLOSE = "«", "»"


@per_dataset(maxsize=2)
def article_layouts(ds, corpus: str) -> dict[str, Layout]:
    """Each source's article laid out in its sentences (`core.sentences`, the one splitter), by source id; a source
    whose text the corpus folder lacks (or cannot be read) is left out."""
    out = {}
    for source_id, name in zip(ds.sources["id"], ds.sources["corpus_file"], strict=True):
        path = Path(corpus) / str(name)
        try:
            if name and path.is_file():
                out[source_id] = layout(units(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out


def in_sentence(quote: str, article: Layout | None) -> str:
    """The whole sentence(s) of the article the quote stands in, the quoted words between « »  (none when the quote
    is the whole sentence); the quote as `as_quoted` prints it when the article is not at hand or lacks it."""
    spans = article.spans(quote) if article is not None else []
    if not spans:
        return as_quoted(quote)
    a, b = spans[0]
    numbers = article.units_in(a, b)
    start = article.starts[numbers[0] - 1]
    end = article.starts[numbers[-1] - 1] + len(article.units[numbers[-1] - 1].text)
    text = article.text
    if (a, b) == (start, end):
        return plain(text[a:b])
    return plain(text[start:a]) + MARK_OPEN + plain(text[a:b]).strip() + MARK_CLOSE + plain(text[b:end])


def quotes_of(ds, f: Filters, records, corpus: Path | str | None = None) -> pd.DataFrame:
    """The quotes (selected sources only) of `records`, once each, grouped by record in the given order; `sentence`
    is each quote in its whole sentence (`in_sentence`) when the corpus folder (default: the app's setting) has
    the article."""
    ev = evidence_for(ds, f)
    order = {r: i for i, r in enumerate(dict.fromkeys(records))}
    rows = ev[ev["record_id"].isin(order)].drop_duplicates(["record_id", "source_id", "quote"])
    rows = rows.assign(_o=rows["record_id"].map(order)).sort_values("_o", kind="stable").drop(columns="_o")
    titles = record_titles(ds)
    articles = article_layouts(ds, str(corpus or default_corpus_dir())) if len(rows) else {}
    rows = rows.assign(record=rows["record_id"].map(lambda r: titles.get(r, r)),
                       sentence=[in_sentence(q, articles.get(s)) for q, s in zip(rows["quote"], rows["source_id"],
                                                                                 strict=True)],
                       quote=rows["quote"].map(as_quoted))
    return rows[["record_id", "record_type", "record", "source_id", "quote", "sentence"]].reset_index(drop=True)


# ---------------------------------------------------------------- the briefer's choice in the URL

# URL parameter of each Brief field (the Briefing page's widgets are bound to these keys).
BRIEF_KEYS = {"slides": "slides", "title": "deck_title", "subtitle": "deck_subtitle", "date": "deck_date",
              "marking": "marking", "appendix": "appendix", "events": "key_events"}


def brief_from_query(params) -> Brief:
    """The Brief a link describes (`params`: key -> list of values; slides by key or label, in order).
    Unknown slides and a bad date are dropped, so a hand-edited link never breaks the page."""
    def one(key, default=""):
        values = params.get(BRIEF_KEYS[key]) or []
        return str(values[0]) if values else default

    by_label = {v.lower(): k for k, v in VIEW_LABELS.items()} | {k: k for k in VIEW_LABELS}
    slides = [by_label.get(str(s).lower()) for s in params.get(BRIEF_KEYS["slides"]) or []]
    date = parse_url_date(one("date")) if one("date") else None  # the filters' URL date rule (core.dates)
    return Brief(slides=tuple(s for s in slides if s) or DEFAULT_SLIDES, title=one("title") or TITLE,
                 subtitle=one("subtitle", SUBTITLE), date=date, marking=one("marking"),
                 appendix=one("appendix").lower() in ("true", "1", "yes"),
                 events=tuple(str(e) for e in params.get(BRIEF_KEYS["events"]) or []))


def brief_to_query(brief: Brief) -> dict[str, list[str]]:
    """The URL parameters of `brief` (defaults left out), as the Briefing page's widgets write them."""
    q: dict[str, list[str]] = {}
    if brief.slides != DEFAULT_SLIDES:
        q[BRIEF_KEYS["slides"]] = [VIEW_LABELS[s] for s in brief.slides]
    for key, default in (("title", TITLE), ("subtitle", SUBTITLE), ("marking", "")):
        if getattr(brief, key) != default:
            q[BRIEF_KEYS[key]] = [getattr(brief, key)]
    if brief.date:
        q[BRIEF_KEYS["date"]] = [brief.date.isoformat()]
    if brief.appendix:
        q[BRIEF_KEYS["appendix"]] = ["true"]
    if brief.events:
        q[BRIEF_KEYS["events"]] = list(brief.events)
    return q
