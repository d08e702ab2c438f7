"""The filters in the words of a slide's footer and Present's caption (issue 28: "Coast guard and maritime · Japan,
Taiwan · 2021", no "Filters:", "Scope:" or "Topic:"); the sidebar keeps its labelled form. Written by hand from
tests/fixtures/mini/ (actors.csv, sources.csv) and the codebook's categories."""

from __future__ import annotations

import datetime as dt

import pytest

from strait_watch.core.filters import Filters, describe_filters

D = dt.date


@pytest.mark.parametrize(("f", "words"), [
    (Filters(), "All records"),
    (Filters(topics=("coast guard", "maritime"), actors=("japan", "taiwan"), start=D(2021, 1, 1), end=D(2021, 12, 31)),
     "Coast guard and maritime · Japan, Taiwan · 2021"),
    (Filters(categories=("coast-guard-maritime",)), "Coast guard and maritime"),
    (Filters(categories=("coast-guard-maritime",), topics=("coast guard and maritime",)), "Coast guard and maritime"),
    (Filters(start=D(2019, 1, 1), end=D(2021, 12, 31)), "2019–2021"),
    (Filters(start=D(2021, 4, 1), end=D(2021, 6, 30)), "1 Apr 2021 to 30 Jun 2021"),
    (Filters(start=D(2021, 3, 1)), "From 1 Mar 2021"),
    (Filters(actors=("japan", "taiwan"), match="all"), "Japan and Taiwan together"),
    (Filters(sources=("src-902",), support="multi"), "Quoted in A Hotline Is Not Enough · Records with two or more sources"),
])
def test_footer_words(mini, f, words):
    assert describe_filters(f, mini, footer=True) == words


def test_the_sidebar_keeps_its_labels(mini):
    f = Filters(topics=("coast guard",), actors=("japan",))
    assert describe_filters(f, mini) == "Actors: Japan · Topic: coast guard"
