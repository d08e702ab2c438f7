"""Links may name a bound widget's choice by its id, or by its label in any case.

Streamlit writes a bound selectbox's or segmented control's *label* into the URL (`?colour=Community`,
`?lanes=By+actor`) and reads back only that exact form. A link written by hand, or from the ids the filters use,
says `?colour=community`, `?lanes=actors`: `accept_ids` rewrites such a value to the label and reruns once before the widget reads
the URL (the URL then holds the form Streamlit writes, so it stays shareable), and remembers it, so the link
notice (ui/filters.py) does not call it ignored. A value that names no choice is left alone: the notice
names it. Where the label is long or changes with the data (Proposals' `focus`, Present's `slide`) the widget is
not bound: `link_choice` reads the link (id or label) and `keep_id` writes the id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.errors import StreamlitAPIException

ACCEPTED = "_sw_link_values_accepted"  # key -> (the link's value, the option it was read as)
FORMS = "_sw_url_forms"  # key -> the format_func a bound choice widget writes its value to the URL with


def option_for(value: str, options: Sequence, format_func: Callable = str):
    """(the option `value` names, its label): by its label exactly, else by id or label in any case; else None."""
    labels = [str(format_func(o)) for o in options]
    wanted = value.strip().casefold()
    found = [(o, label) for o, label in zip(options, labels, strict=True) if value == label]
    found = found or [(o, label) for o, label in zip(options, labels, strict=True)
                      if wanted in (str(o).casefold(), label.casefold())]
    return found[0] if found else None



def accept_ids(key: str, options: Sequence, format_func: Callable = str) -> None:
    """Call just before the bound widget `key`: a link value naming an option by id (or in another case) is
    rewritten to the option's label, the form the widget reads, and the run starts again (once per link).
    It also records `format_func` as the widget's URL form (`url_form`, for the link notice)."""
    st.session_state.setdefault(FORMS, {})[key] = format_func
    values = st.query_params.get_all(key)
    if len(values) != 1:  # none, or several (the notice says which one is used)
        return
    found = option_for(values[0], options, format_func)
    if found is not None and found[1] != values[0]:
        st.session_state.setdefault(ACCEPTED, {})[key] = (values[0], found[0])
        try:
            st.query_params[key] = found[1]  # the form the widget reads from the URL; it is read on the rerun
        except StreamlitAPIException:  # the widget is bound already (a later run): give it the value directly
            st.session_state[key] = found[0]
            return
        st.rerun()


def link_choice(key: str, options: Sequence, format_func: Callable = str) -> int | None:
    """For a choice widget kept in the URL by its id (not bound: `bind` would write its label): pass what this
    returns as the widget's `index`, and call `keep_id` after it. The index of the option the link names (by id,
    or by its label in any case: links written before ids still read) when the widget has no value yet in this
    session, else None. A value naming no choice is left in the URL for the notice to name."""
    st.session_state.setdefault(FORMS, {})[key] = str  # the URL form is the option itself
    values = st.query_params.get_all(key)
    if key in st.session_state or len(values) != 1:  # a later run (the widget holds it), or none or several
        return None
    found = option_for(values[0], options, format_func)
    if found is None:
        return None
    if str(found[0]) != values[0]:
        st.session_state.setdefault(ACCEPTED, {})[key] = (values[0], found[0])
    return list(options).index(found[0])


def keep_id(key: str, value, default=None) -> None:
    """After the widget `link_choice` started: its value's id in the URL (`?focus=measure:m-hadr`), none at the
    default. Ids survive a rename and keep links short."""
    if value is None or value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)


def was_accepted(key: str, values: list[str]) -> bool:
    """The link's `values` for `key` were read as an option the widget still holds (accept_ids did it)."""
    seen = st.session_state.get(ACCEPTED, {}).get(key)
    return bool(seen and values[-1:] == [seen[0]] and st.session_state.get(key) == seen[1])


def url_form(key: str) -> tuple[bool, list[str]]:
    """(takes several values, the widget's value as URL values) for a bound page widget `key`: a choice widget's
    label (the format_func accept_ids recorded), a toggle's 'true'/'false', a number or text as it is."""
    value = st.session_state.get(key)
    fmt = st.session_state.get(FORMS, {}).get(key)
    several = isinstance(value, (list, tuple))

    def one(v) -> str:
        if fmt is not None:
            return str(fmt(v))
        if isinstance(v, bool):
            return str(v).lower()
        return "" if v is None else str(v)

    return several, [one(v) for v in (value if several else [value])]
