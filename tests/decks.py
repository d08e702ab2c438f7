"""Reading a built PowerPoint in tests: its slides' texts and notes, and the layout check every deck must pass
(titles in placeholders, nothing off the slide or overlapping, no text beyond its box, no emphasis markers)."""

import io
import math

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

W, H = 13.333 * 914400, 7.5 * 914400  # the slide, in EMU


def open_pptx(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def estimated_lines(shape) -> float:
    """Lines the text needs, from each run's size and the box width (0.55 em a glyph), vs the box height."""
    width_pt = shape.width / 12700 - 14
    need = 0.0
    for para in shape.text_frame.paragraphs:
        size = max((r.font.size.pt for r in para.runs if r.font.size), default=18)
        per_line = max(1, int(width_pt / (size * 0.55)))
        need += max(1, math.ceil(len(para.text) / per_line)) * size * 1.2
    return need / (shape.height / 12700)


def check_deck(prs, pack) -> None:
    slides = list(prs.slides)
    for i, slide in enumerate(slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder and title.text.strip(), f"slide {i} has no title"
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        for sh in slide.shapes:
            assert sh.left >= 0 and sh.top >= 0 and sh.left + sh.width <= W and sh.top + sh.height <= H, \
                f"slide {i}: {sh.name} runs off the slide"
            if sh.has_text_frame and sh.text_frame.text.strip():
                assert estimated_lines(sh) <= 1.0, f"slide {i}: {sh.name} holds more text than fits"
        boxes = [sh for sh in slide.shapes if sh.name in ("findings", "sources", "footer", "caption")
                 or sh.name.endswith("-table") or sh.name.startswith("chart")]
        for a in boxes:
            for b in boxes:
                if a is not b:
                    overlap = (a.left < b.left + b.width and b.left < a.left + a.width
                               and a.top < b.top + b.height and b.top < a.top + a.height)
                    assert not overlap, f"slide {i}: {a.name} overlaps {b.name}"
        text = "\n".join(slide_texts(slide)) + notes(slide)
        assert "*" not in text, f"slide {i} prints emphasis markers"
