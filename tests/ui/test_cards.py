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


def test_a_heading_is_one_html_element_in_streamlits_look(monkeypatch) -> None:
    """st.title / st.header / st.subheader redraw a Markdown render on every rerun; ``heading`` sends one html
    element whose body changes only with its text (the browser skips an html element with an unchanged body)."""
    from streamlit.testing.v1 import AppTest

    from tests.ui.cards import headings

    def app() -> None:
        import streamlit as st

        from ui.components import heading, page_styles

        page_styles()
        heading("全国 <质量月>", 1)
        heading("概览")
        heading("活动数", 3)
        heading("筛选", 2, st.sidebar)

    at = AppTest.from_function(app).run()
    assert not at.exception and not at.title and not at.header and not at.subheader
    assert headings(at.main) == ["全国 <质量月>", "概览", "活动数"] and headings(at.sidebar) == ["筛选"]
    bodies = [h.proto.body for h in at.main.get("html")]
    assert "&lt;质量月&gt;" in bodies[0] and 'class="qm-h2"' in bodies[1] and all("<style" not in b for b in bodies)
    # one style element for all of them (out of the layout); the sidebar's h2 is smaller than the page's,
    # under a class of its own (style rules are global)
    (css,) = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<style>")]
    assert "font-size: 2.75rem" in css.split(".qm-h1 h1 {")[1].split("}")[0]
    assert "font-size: 2.25rem" in css.split(".qm-h2 h2 {")[1].split("}")[0]
    assert "font-size: 1.25rem" in css.split(".qm-hs h2 {")[1].split("}")[0]
    assert 'class="qm-hs"' in at.sidebar.get("html")[0].proto.body
