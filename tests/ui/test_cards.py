"""The KPI cards' HTML (ui.components.cards_html): parts, direction, escaping."""

from __future__ import annotations

from tests.ui.cards import _Cards
from ui.components import CARDS_CSS, Card, cards_html


def _parse(html: str) -> list[dict[str, str]]:
    parser = _Cards()
    parser.feed(html)
    return parser.cards


def test_direction_follows_the_sign_of_the_delta() -> None:
    assert [Card("a", "1", d).direction for d in ("+3.4%", "-6.6%", "0%", None)] == ["up", "down", "flat", "flat"]


def test_a_card_draws_its_parts_and_escapes_them() -> None:
    html = cards_html(
        [
            Card("活动 <b>", "6,094", "+3.4%", 'a "b" & c'),
            Card("人", "≥ 12", "-1.0%"),
            Card("单位数", "无"),
            Card("区", "16", "0%", "2025 较 2024"),
        ]
    )
    assert "<b>" not in html and "&lt;b&gt;" in html and 'title="a &quot;b&quot; &amp; c"' in html
    assert _parse(html) == [
        {"label": "活动 <b>", "value": "6,094", "delta": "+3.4%", "description": 'a "b" & c'},
        {"label": "人", "value": "≥ 12", "delta": "-1.0%"},
        {"label": "单位数", "value": "无"},
        {"label": "区", "value": "16", "delta": "0%", "description": "2025 较 2024"},
    ]
    # an arrow up, an arrow down, none for no change
    assert html.count("qm-arrow qm-up") == 1 and html.count("qm-arrow qm-down") == 1 and "qm-arrow qm-flat" not in html
    assert "qm-chip qm-flat" in html


def test_the_css_has_every_class_the_cards_use() -> None:
    import re

    used = set(re.findall(r'class="([^"]+)"', cards_html([Card("a", "1", "+1%", "d"), Card("b", "2", "-1%")])))
    classes = {c for group in used for c in group.split()}
    assert classes <= set(re.findall(r"\.(qm-[a-z]+)", CARDS_CSS)), classes
