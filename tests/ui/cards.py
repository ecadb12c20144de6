"""What an AppTest run drew as html elements, read back: the KPI cards (ui.components.cards_html) and the
headings (ui.components.heading)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from ui.components import Card

_PARTS = {
    "stMetricLabel": "label",
    "stMetricValue": "value",
    "stMetricDelta": "delta",
    "stMetricDeltaDescription": "description",
}


class _Cards(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.part: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        testid = dict(attrs).get("data-testid")
        if testid == "stMetric":
            self.cards.append({})
        elif testid in _PARTS:
            self.part = _PARTS[testid]
            self.cards[-1][self.part] = ""

    def handle_data(self, data: str) -> None:
        if self.part is not None:
            self.cards[-1][self.part] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.part = None


def cards(at: AppTest) -> dict[str, Card]:
    """Title -> card, for every KPI card on the page (in page order)."""
    parser = _Cards()
    for element in at.get("html"):
        if 'data-testid="stMetric"' in element.proto.body:
            parser.feed(element.proto.body)
    return {c["label"]: Card(c["label"], c["value"], c.get("delta"), c.get("description")) for c in parser.cards}


def headings(at, level: int | None = None) -> list[str]:
    """The texts of the headings drawn by ``ui.components.heading`` in `at` (an AppTest or one of its blocks,
    ``at.sidebar``), of one level when given: 1 title, 2 header, 3 subheader."""
    out = []
    for element in at.get("html"):
        for lvl, text in re.findall(r'<div class="qm-h[0-9s]"><h([1-3])>(.*?)</h\1></div>', element.proto.body):
            if level is None or int(lvl) == level:
                out.append(unescape(text))
    return out
