"""The briefing as PowerPoint: real title placeholders, native tables where PowerPoint draws better than a
picture (agreement matrix, Taiwan Strait statements, consensus ranking), chart images drawn for the slide
(timeline, network), a header/footer with the marking line, the filters in words and the sources, and
speaker notes holding the quotes behind each slide."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from strait_watch.briefing.findings import finding_text
from strait_watch.briefing.media import IMAGE_SCALE, SLIDE_IMAGE, for_medium
from strait_watch.briefing.model import Pack, View, cite
from strait_watch.render import render_png, shared_renderer
from strait_watch.views.matrix import CELL_TEXT_COLOURS, MISSING, STATE_COLOURS, cell_words
from strait_watch.views.others import others_rows

W, H = 13.333, 7.5
BODY_TOP, BODY_BOTTOM = 1.95, 6.45      # inches: between the title block and the sources/footer lines
TITLE_PT = 24                           # every slide's title, one size (two lines at most); the cover's aside
KICKER_TOP, TITLE_TOP, TITLE_H, CAPTION_TOP = 0.4, 0.66, 0.86, 1.52  # the view's name, the finding, the caption
CHART_W, SIDE_LEFT, SIDE_W = 8.3, 9.05, 3.8
APPENDIX_CHARS = 1500
DEFAULT_RENDERER = object()
_TITLE_ONLY, _TITLE_SLIDE = 5, 0
MATRIX_LEGEND = ("2012 = concluded that year · ✕ = no agreement as of the source (the article's Table 1) · "
                 "proposed = named, not concluded · not yet = concluded after the as-of year · — = no record")


def lines_needed(text: str, size: float, width_in: float, em: float = 0.56) -> int:
    """Estimated lines a paragraph takes at `size` pt in a box `width_in` wide (average glyph `em`)."""
    per_line = max(1, int((width_in - 0.25) * 72 / (size * em)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def height_needed(paragraphs: list[str], size: float, width_in: float, em: float = 0.56) -> float:
    """Inches of height for paragraphs at `size` pt (1.25 line spacing, 6 pt after each, insets)."""
    lines = sum(lines_needed(p, size, width_in, em) for p in paragraphs)
    return lines * size * 1.25 / 72 + len(paragraphs) * 6 / 72 + 0.15


def _fit_size(paragraphs, width, height, sizes=(18, 16, 14, 12, 11, 10), em: float = 0.56) -> float:
    return next((s for s in sizes if height_needed(paragraphs, s, width, em) <= height), sizes[-1])


def _text(slide, paragraphs, left, top, width, height, *, size=14, bold=False, color=None, name=None, align=None):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, text in enumerate([paragraphs] if isinstance(paragraphs, str) else paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), (bold if i == 0 or bold == "all" else False)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if align is not None:
            para.alignment = align
        para.space_after = Pt(6)
    return box


def slide_title(view: View) -> str:
    """What a view's slide says in its title: its first finding (without the citation), as a briefing states it;
    the view's name when it has none or nothing matches (that finding starts "No ")."""
    first = view.findings[0].text if view.findings and view.event is None else ""
    if not first or first.startswith("No "):
        return view.title
    return first


def _fit_title(text: str, width: float = 12.3) -> str:
    """The title in the two lines TITLE_PT gives it (one size on every slide, never a smaller one): whole when it
    fits, else its first clause (up to ';' or ':') when that fits, else cut after a whole word with '…'. The
    whole finding is in the slide's findings."""
    def fits(t):
        return lines_needed(t, TITLE_PT, width, em=0.6) <= 2
    if fits(text):
        return text
    for mark in ("; ", ": "):
        head = text.split(mark, 1)[0].rstrip(" .,")
        if mark in text and fits(head + "."):
            return head + "."
    words = text.split()
    while len(words) > 1 and not fits(" ".join(words) + "…"):
        words.pop()
    return " ".join(words).rstrip(" ,;:") + "…"


def _title(slide, text, *, kicker="", left=0.5, top=TITLE_TOP, width=12.3, height=TITLE_H, size=TITLE_PT):
    """The title placeholder at the one title size; `kicker`, the view's name, as the small line above it."""
    if kicker:
        _text(slide, kicker, left, KICKER_TOP, width, 0.3, size=13, bold=True, color="1F5F99", name="kicker")
        text = _fit_title(text, width)
    ph = slide.shapes.title
    ph.left, ph.top, ph.width, ph.height = Inches(left), Inches(top), Inches(width), Inches(height)
    ph.text = text
    frame = ph.text_frame
    frame.word_wrap = True
    for para in frame.paragraphs:
        para.alignment = 1  # left
        for run in para.runs:
            run.font.size, run.font.bold = Pt(size), True
    return ph


def _chrome(slide, pack: Pack, number: int, total: int, cited=()) -> None:
    """Marking line on top and bottom, the sources cited, the filters in words, the slide number."""
    marking = pack.brief.marking.strip()
    if marking:
        _text(slide, marking, 0.5, 0.05, 12.3, 0.33, size=12, bold=True, color="A11111", name="marking-header", align=2)
    refs = pack.sources[pack.sources["id"].isin(cited)]["short"].tolist()
    if refs:
        line = "Sources: " + " · ".join(refs)
        _text(slide, line, 0.5, 6.5, 12.3, 0.5, size=_fit_size([line], 12.3, 0.5, (11, 10, 9, 8)), color="555555",
              name="sources")
    foot = " · ".join(x for x in (marking, scope_words(pack), f"{number} / {total}") if x)
    _text(slide, foot, 0.5, 7.02, 12.3, 0.4, size=_fit_size([foot], 12.3, 0.4, (10, 9, 8)), color="666666", name="footer")


def scope_words(pack: Pack) -> str:
    """The footer's scope in words ("Coast guard and maritime · Japan, Taiwan · 2021": `describe_filters`' footer
    form); the dataset version is in the notes and the file's properties, not on the slide."""
    return pack.filters_text


def _version_line(pack: Pack) -> str:
    return f"Dataset version {pack.version}."


def _notes(slide, pack: Pack, view: View | None) -> None:
    if view is None:
        slide.notes_slide.notes_text_frame.text = ("Sources:\n" + "\n".join(pack.sources["label"])
                                                   + "\n\n" + _version_line(pack))
        return
    rows = pack.notes.get(view.key, pack.appendix.iloc[:0])
    count = len(rows.drop_duplicates(["sentence", "source_id"]))
    out = [f"Quotes behind this slide ({count}), each in its sentence, the quoted words between « »:"
           if len(rows) else "No quotes behind this slide."]
    short = dict(zip(pack.sources["id"], pack.sources["short"], strict=True))  # "[n] <short title>"
    for (sentence, source), group in rows.groupby(["sentence", "source_id"], sort=False):  # each quote once
        out.append("\n" + "; ".join(dict.fromkeys(group["record"])))
        out.append(f"  “{sentence}” {short.get(source, source)}")
    head = [view.title, ""] if view.event is None else []  # the view's name, as Present and the page call it
    slide.notes_slide.notes_text_frame.text = "\n".join([*head, *out, "", _version_line(pack)])


def build_pptx(ds, f, *, exported_at: dt.datetime, renderer=DEFAULT_RENDERER, pack: Pack | None = None, brief=None) -> bytes:
    """The briefing as a .pptx: title slide, the chosen view slides, the evidence appendix when asked for.

    `renderer` draws the chart images (default: one shared local Chromium through kaleido); with
    `None`, a missing browser or a failure, each slide says so in place of its image.
    """
    from strait_watch.briefing.pack import prepare_pack

    if renderer is DEFAULT_RENDERER:
        renderer = shared_renderer()
    pack = pack or prepare_pack(ds, f, brief)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(W), Inches(H)
    prs.core_properties.title = f"{pack.brief.title}: {pack.filters_text}"
    prs.core_properties.subject = pack.brief.subtitle
    prs.core_properties.version = pack.version
    prs.core_properties.comments = _version_line(pack)
    pages = appendix_pages(pack.appendix) if pack.brief.appendix else []
    total = 2 + len(pack.views) + len(pages)
    _title_slide(prs, pack, exported_at, total)
    _summary_slide(prs, pack, total)
    for i, view in enumerate(pack.views, start=3):
        _view_slide(prs, pack, view, renderer, i, total)
    for i, page in enumerate(pages, start=1):
        _appendix_slide(prs, pack, page, i, len(pages), 2 + len(pack.views) + i, total)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _title_slide(prs, pack: Pack, exported_at: dt.datetime, total: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_SLIDE])
    _title(slide, pack.brief.title, top=1.0, height=1.2, size=40)
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(0.5), Inches(2.25), Inches(12.3), Inches(0.9)
    when = pack.brief.date or exported_at.date()
    sub.text = f"{pack.brief.subtitle} · {when.day} {when:%B %Y}" if pack.brief.subtitle else f"{when.day} {when:%B %Y}"
    for para in sub.text_frame.paragraphs:
        para.alignment = 1
        for run in para.runs:
            run.font.size = Pt(22)
    # The dataset version is in the notes and the file's properties, not on a slide (words for the room, not ids).
    _text(slide, [scope_words(pack), f"Exported {exported_at:%d %b %Y, %H:%M}"],
          0.5, 3.25, 12.3, 0.9, size=16)
    labels = list(pack.sources["label"])
    size = _fit_size(["Sources", *labels], 12.3, 2.2, (14, 12, 11, 10, 9))
    _text(slide, ["Sources", *labels], 0.5, 4.25, 12.3, 2.2, size=size, name="source-list")
    _chrome(slide, pack, 1, total)
    _notes(slide, pack, None)


def summary_findings(pack: Pack, most: int = 5) -> list:
    """The summary slide's findings: the first finding of each chosen view that has one (not "No … match"), in
    the deck's order, at most `most`; each keeps its sources."""
    out = []
    for view in pack.views:
        first = view.findings[0] if view.findings else None
        if first is not None and not first.text.startswith("No ") and view.event is None:
            out.append(first)
    return out[:most]


def _summary_slide(prs, pack: Pack, total: int) -> None:
    """After the cover: the key findings of every chosen view under the scope, each citing its sources."""
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_ONLY])
    found = summary_findings(pack)
    _title(slide, "Key findings", kicker="Summary")
    paras = ["• " + finding_text(x, pack.sources) for x in found] or ["No view has a finding under this scope."]
    height = BODY_BOTTOM - BODY_TOP + 0.4
    _text(slide, paras, 0.5, BODY_TOP - 0.4, 12.3, height,
          size=_fit_size(paras, 12.3, height, (24, 22, 20, 18, 16, 14)), name="findings")
    _chrome(slide, pack, 2, total, [s for x in found for s in x.sources])
    slide.notes_slide.notes_text_frame.text = ("The first finding of each view, in the deck's order.\n\n"
                                               + _version_line(pack))


def _event_slide(prs, pack: Pack, view: View, number: int, total: int) -> None:
    """A key event: headline as the title, date · category, the summary and actors on the left, the quotes
    with their article references on the right (all of them in the notes)."""
    card = view.event
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_ONLY])
    _title(slide, card.headline, kicker=card.kind)
    _text(slide, view.caption, 0.5, CAPTION_TOP, 12.3, 0.42, size=16, bold=True, color="1F5F99", name="caption")
    height = BODY_BOTTOM - BODY_TOP
    left = [card.summary, f"{card.who}: " + ", ".join(card.actors)]
    _text(slide, left, 0.5, BODY_TOP, 6.6, height, size=_fit_size(left, 6.6, height, (24, 22, 20, 18, 16, 14)),
          name="summary")
    shown, room = [], height - 0.1
    for quote, source in card.quotes:  # the quotes that fit at a readable size, in the data's order
        para = [f"“{quote}”", f"{cite(pack.sources, [source])} {_short(pack, source)}"]
        if shown and height_needed(shown + para, 16, 5.4) > room:
            break
        shown += para
    paras = shown or [view.empty]
    box = _text(slide, paras, 7.4, BODY_TOP, 5.4, height, size=_fit_size(paras, 5.4, height, (20, 18, 16, 14, 12)),
                color="333333", name="quotes")
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xF3, 0xF5, 0xF8)
    size = box.text_frame.paragraphs[0].runs[0].font.size.pt
    for i, para in enumerate(box.text_frame.paragraphs):  # quote in italics, its reference smaller, in grey
        if shown and i % 2:
            para.runs[0].font.size, para.runs[0].font.color.rgb = Pt(max(12, size - 4)), RGBColor(0x55, 0x55, 0x55)
        para.runs[0].font.italic = i % 2 == 0 and bool(shown)
    _chrome(slide, pack, number, total, [s for _, s in card.quotes])
    _notes(slide, pack, view)


def _short(pack: Pack, source: str) -> str:
    """The article's whole title (the quote's reference)."""
    label = dict(zip(pack.sources["id"], pack.sources["label"], strict=True)).get(source, source)
    return label.split("] ", 1)[-1].split(" — ", 1)[0]


def _view_slide(prs, pack: Pack, view: View, renderer, number: int, total: int) -> None:
    if view.event is not None:
        return _event_slide(prs, pack, view, number, total)
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_ONLY])
    _title(slide, slide_title(view), kicker=view.title)
    if view.key == "consensus" and view.table is not None and not view.table.empty:
        return _ranking_slide(slide, pack, view, number, total)
    caption = view.slide_caption or view.caption
    _text(slide, caption, 0.5, CAPTION_TOP, 12.3, 0.42, size=_fit_size([caption], 12.3, 0.42, (14, 12, 11)),
          color="555555", name="caption")
    height = BODY_BOTTOM - BODY_TOP
    if (view.figure is None and view.image_figure is None) or (view.table is not None and view.table.empty):
        _note(slide, view.empty, 0.5, BODY_TOP, CHART_W, height)
    elif view.table is not None:
        draw_table(slide, view, 0.5, BODY_TOP, CHART_W, height)
    else:
        figure = for_medium(view.image_figure if view.image_figure is not None else view.figure, "slide")
        png, reason = render_png(renderer, figure, width=SLIDE_IMAGE[0], height=SLIDE_IMAGE[1], scale=IMAGE_SCALE)
        if png is None:
            _note(slide, f"Chart image not available: {reason} The HTML pack has this chart, interactive.",
                  0.5, BODY_TOP, CHART_W, height)
        else:
            fit = min(CHART_W / SLIDE_IMAGE[0], height / SLIDE_IMAGE[1])
            pic = slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(BODY_TOP),
                                           width=Inches(SLIDE_IMAGE[0] * fit), height=Inches(SLIDE_IMAGE[1] * fit))
            pic.name = f"chart-{view.key}"
    findings = ["Key findings"] + ["• " + finding_text(x, pack.sources) for x in view.findings]
    _text(slide, findings, SIDE_LEFT, BODY_TOP, SIDE_W, height, size=_fit_size(findings, SIDE_W, height),
          name="findings")
    _chrome(slide, pack, number, total, [s for x in view.findings for s in x.sources])
    _notes(slide, pack, view)


def _ranking_slide(slide, pack: Pack, view: View, number: int, total: int) -> None:
    """The consensus ranking: its top CONSENSUS_TOP measures with every proposer need the slide's whole width at a
    size read from the back of the room (14 pt and up), so the table takes the caption's and the findings' room;
    the title states the first finding and the notes hold them all."""
    draw_table(slide, view, 0.5, CAPTION_TOP, 12.3, BODY_BOTTOM - CAPTION_TOP)
    _chrome(slide, pack, number, total, [s for x in view.findings for s in x.sources])
    _notes(slide, pack, view)
    found = ["Key findings:", *("• " + finding_text(x, pack.sources) for x in view.findings), ""]
    frame = slide.notes_slide.notes_text_frame
    frame.text = "\n".join(found) + "\n" + frame.text


def _note(slide, text, left, top, width, height) -> None:
    box = _text(slide, text, left, top, width, height, size=18, name="chart-note")
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xF1, 0xF1, 0xF1)


def appendix_pages(appendix: pd.DataFrame, chars: int = APPENDIX_CHARS) -> list[pd.DataFrame]:
    """Split the appendix into slides of about `chars` characters. Each quote is printed once, in its sentence, under
    every record it backs (one sentence often supports several records), so a quote's rows are kept together."""
    pages, current, size = [], [], 0
    for (sentence, _), group in appendix.groupby(["sentence", "source_id"], sort=False):
        length = len(sentence) + 80 * len(group)
        if current and size + length > chars:
            pages.append(pd.concat(current))
            current, size = [], 0
        current.append(group)
        size += length
    if current:
        pages.append(pd.concat(current))
    return pages


def _appendix_slide(prs, pack: Pack, page: pd.DataFrame, n: int, of: int, number: int, total: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_TITLE_ONLY])
    _title(slide, f"Evidence appendix ({n}/{of})", kicker="Appendix")
    paras = []
    for (sentence, source), group in page.groupby(["sentence", "source_id"], sort=False):
        paras.append("; ".join(dict.fromkeys(f"{r} ({t})" for r, t in zip(group["record"], group["record_type"],
                                                                           strict=True))))
        paras.append(f"“{sentence}” {cite(pack.sources, [source])}")
    height = BODY_BOTTOM - CAPTION_TOP
    _text(slide, paras, 0.5, CAPTION_TOP, 12.3, height, size=_fit_size(paras, 12.3, height, (14, 12, 11, 10, 9)), name="quotes")
    _chrome(slide, pack, number, total, page["source_id"])
    slide.notes_slide.notes_text_frame.text = ("Quotes as listed on the slide, each in its sentence, the quoted words "
                                               "between « ».\n\n" + _version_line(pack))


# Native PowerPoint tables: the agreement matrix (same ✕ / year / "proposed" encoding and legend as the
# page), the Taiwan Strait statements and the consensus ranking. Row heights follow the wrapped text.

_TEXT = {state: colour.lstrip("#").upper() for state, colour in CELL_TEXT_COLOURS.items()}  # the page's colours
HEADER_FILL = "E4E9EF"


def matrix_table_rows(table: pd.DataFrame) -> tuple[list[list[str]], list[list[str]]]:
    """(texts, states): a header row of types, then one row per partner."""
    types = list(dict.fromkeys(table["type_short"]))
    texts, states = [["Partner", *types]], [[""] * (len(types) + 1)]
    for partner, rows in table.groupby("partner_name", sort=False):
        by_type = {r.type_short: r for r in rows.itertuples()}
        cells = [by_type.get(t) for t in types]
        texts.append([partner] + [cell_words(c.state, c.year, c.status, medium="slide") if c is not None else "—" for c in cells])
        states.append([""] + [c.state if c is not None else MISSING for c in cells])
    return texts, states


def statements_table_rows(table: pd.DataFrame) -> list[list[str]]:
    out = [["Date", "Statement", "Joined by"]]
    for _, rows in table.groupby("id", sort=False):
        first = rows.iloc[0]
        out.append([first["when"], first["statement"], ", ".join(dict.fromkeys(rows["party_name"]))])
    return out


CONSENSUS_TOP = 7  # the ranking's top measures, on the slide and in Present alike


def consensus_rows(table: pd.DataFrame, top: int = CONSENSUS_TOP) -> list[list[str]]:
    """The ranking's top rows: the measure with its count of distinct proposers, and who they are."""
    out = [["Measure (distinct proposers)", "Proposed by"]]
    out += [[f"{r['Measure']} ({r['Proposers']})", r["Proposed by"]] for r in table.head(top).to_dict("records")]
    return out


def _words_fit(rows, widths, size) -> bool:
    """No word wider than its column (PowerPoint would break it mid-word: 'Equipme nt')."""
    return all(len(word) * size * 0.7 / 72 <= w - 0.2  # 0.7 em: bold headers
               for row in rows for c, w in zip(row, widths, strict=True) for word in c.split())


def _cell_height(text: str, size: float, width: float) -> float:
    """Inches a cell needs: its wrapped lines at 1.2 line spacing plus the cell's top and bottom margins."""
    return lines_needed(text, size, width, em=0.6) * size * 1.2 / 72 + 0.1  # em: wide fonts (DejaVu) fit too


def _layout(rows, widths, height, sizes=(18, 16, 14, 12, 11)):
    """(font size, row heights) of the largest font at which the rows fit; None when none does."""
    for size in sizes:
        if not _words_fit(rows, widths, size):
            continue
        heights = [max(_cell_height(c, size, w) for c, w in zip(row, widths, strict=True)) for row in rows]
        if sum(heights) <= height:
            return size, heights
    return None


def _draw(slide, rows, widths, left, top, height, fills=None, colours=None, name="table", least=11):
    """A table of the first rows that fit at ≥ `least` pt (a ranking loses its tail, never its legibility)."""
    sizes = tuple(x for x in (18, 16, 14, 12, 11) if x >= least)
    while len(rows) > 2 and _layout(rows, widths, height, sizes) is None:
        rows = rows[:-1]
    size, heights = _layout(rows, widths, height, sizes) or (sizes[-1], [height / len(rows)] * len(rows))
    shape = slide.shapes.add_table(len(rows), len(widths), Inches(left), Inches(top), Inches(sum(widths)),
                                   Inches(sum(heights)))
    shape.name = name
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, (row, h) in enumerate(zip(rows, heights, strict=True)):
        table.rows[i].height = Inches(h)
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            run = cell.text_frame.paragraphs[0].runs[0] if text else None
            fill = (fills[i][j] if fills else None) or (HEADER_FILL if i == 0 or (j == 0 and fills) else "FFFFFF")
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            if run is not None:
                run.font.size = Pt(size)
                run.font.bold = i == 0 or (j == 0 and fills is not None)
                run.font.color.rgb = RGBColor.from_string((colours[i][j] if colours else None) or "222222")
            if fills and j > 0:
                cell.text_frame.paragraphs[0].alignment = 2
    return shape, sum(heights)


def draw_table(slide, view: View, left: float, top: float, width: float, height: float) -> None:
    if view.key == "matrix":
        texts, states = matrix_table_rows(view.table)
        fills = [[STATE_COLOURS[s].lstrip("#").upper() if s else None for s in row] for row in states]
        colours = [[_TEXT.get(s) if s else None for s in row] for row in states]
        first = 2.1
        widths = [first] + [(width - first) / (len(texts[0]) - 1)] * (len(texts[0]) - 1)
        _, used = _draw(slide, texts, widths, left, top, height - 0.9, fills, colours, name="matrix-table")
        _text(slide, MATRIX_LEGEND, left, top + used + 0.15, width, 0.75, size=13, color="444444", name="legend")
    elif view.key == "statements":
        _draw(slide, statements_table_rows(view.table), [1.6, 3.6, width - 5.2], left, top, height, name="statements-table")
    elif view.key == "others":
        _draw(slide, others_rows(view.table), [0.8, 3.6, 1.9, width - 6.3], left, top, height, name="others-table",
              least=12)
    else:  # a ranking: its top rows at a size read from the back of the room (the slide's whole width)
        _draw(slide, consensus_rows(view.table), [4.4, width - 4.4], left, top, height, name="consensus-table",
              least=14)


def table_frame(view: View) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(the rows the deck's native table draws, their matrix cell colours) for Present mode's table."""
    if view.key == "matrix":
        texts, states = matrix_table_rows(view.table)
        frame = pd.DataFrame([r[1:] for r in texts[1:]], columns=texts[0][1:],
                             index=pd.Index([r[0] for r in texts[1:]], name=texts[0][0] or None))
        colours = pd.DataFrame([[f"background-color: {STATE_COLOURS[s]}; color: #{_TEXT[s]}" for s in r[1:]]
                                for r in states[1:]], index=frame.index, columns=frame.columns)
        return frame, colours
    rows = (statements_table_rows(view.table) if view.key == "statements" else others_rows(view.table)
            if view.key == "others" else consensus_rows(view.table))
    index = pd.Index([r[0] for r in rows[1:]], name=rows[0][0] or None)  # the first column's heading, not blank
    return pd.DataFrame([r[1:] for r in rows[1:]], columns=rows[0][1:], index=index), None
