"""How things look: one palette and one set of readable labels, shared by every page.

Colours are keyed by vocabulary value so a category keeps its colour on every chart.
"""

from __future__ import annotations

# Okabe-Ito (colour-blind safe) first, then muted extras for the longer vocabularies.
_PALETTE = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31",
    "#6A3D9A", "#B15928", "#1B9E77", "#7570B3", "#E7298A", "#66A61E", "#A6761D",
    "#666666",
]

EVENT_CATEGORY_COLORS = {
    "statement": "#0072B2",
    "dialogue": "#009E73",
    "military-activity": "#D55E00",
    "law-policy": "#CC79A7",
    "agreement": "#E69F00",
    "institutional": "#56B4E9",
    "political": "#8C6D31",
}

MEASURE_CATEGORY_COLORS = {
    "dialogue-channels": "#009E73",
    "information-sharing": "#56B4E9",
    "military-cooperation": "#D55E00",
    "coast-guard-maritime": "#0072B2",
    "humanitarian-disaster": "#E69F00",
    "legal-political": "#CC79A7",
    "multilateral": "#6A3D9A",
    "economic-security": "#8C6D31",
    "cyber": "#666666",
    "general-cooperation": "#C8B88A",  # muted: general calls sit behind the specific measures
}

NEUTRAL = "#9AA0A6"
HIGHLIGHT = "#FFE08A"

# Quote text, notes and search highlights on a white page: each pair meets WCAG AA (4.5:1) for body text
# (tests/views/test_evidence.py computes the ratios from the CSS the page is sent).
QUOTE_TEXT = "#333333"   # 12.6:1 on white, 10.6:1 on HIGHLIGHT
META_TEXT = "#595959"    # 7.0:1 on white
QUOTE_RULE = "#cccccc"   # the quote's left rule: decoration, not text
PAGE_BACKGROUND = "#ffffff"

# Acronyms that must not be title-cased in labels.
_ACRONYMS = {"gsomia": "GSOMIA", "acsa": "ACSA", "raa": "RAA", "pla": "PLA"}

_SPECIAL = {
    "law-policy": "Law / policy",
    "coast-guard-maritime": "Coast guard / maritime",
    "humanitarian-disaster": "Humanitarian / disaster relief",
    "legal-political": "Legal / political",
    "communique": "Communiqué",
}

# Codebook keys (in datapackage.json) of the three category vocabularies, with their group names.
VOCABULARIES = {
    "event": ("event categories", "Event"),
    "agreement": ("agreement types", "Agreement"),
    "measure": ("measure categories", "Measure"),
}


# A proposal's stance in words a reader takes the right way: "DPP · reports" read as if the DPP relayed another's
# idea, where the codebook means the article reports the DPP's own view. (full words, a chart legend's short ones)
STANCE_WORDS = {"proposes": ("own call", "own call"), "endorses": ("endorses another's", "endorses"),
                "reports": ("view reported by the article", "reported"), "expects": ("expects it", "expects it")}


def stance_words(stance: str, short: bool = False) -> str:
    return STANCE_WORDS[stance][short] if stance in STANCE_WORDS else stance


def humanize(value: str) -> str:
    """'military-activity' -> 'Military activity', 'gsomia' -> 'GSOMIA', 'law-policy' -> 'Law / policy'."""
    if value in _ACRONYMS:
        return _ACRONYMS[value]
    if value in _SPECIAL:
        return _SPECIAL[value]
    words = [_ACRONYMS.get(w, w) for w in value.split("-")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def category_color(value: str) -> str:
    """Colour of an event category or measure category; other values get a stable palette colour."""
    if value in EVENT_CATEGORY_COLORS:
        return EVENT_CATEGORY_COLORS[value]
    if value in MEASURE_CATEGORY_COLORS:
        return MEASURE_CATEGORY_COLORS[value]
    # Stable across runs (no hash randomisation): sum of code points.
    return _PALETTE[sum(map(ord, value)) % len(_PALETTE)] if value else NEUTRAL


def palette(values) -> dict[str, str]:
    """{value: colour} for a plotly `color_discrete_map`."""
    return {v: category_color(v) for v in values}


def codebook_vocabulary(schema: dict, kind: str) -> dict[str, str]:
    """{value: description} of 'event', 'agreement' or 'measure' from the datapackage codebook."""
    return dict(schema.get("codebook", {}).get(VOCABULARIES[kind][0], {}))
