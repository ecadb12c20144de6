"""The chart pages draw their sidebar after the page body; the selection read before it is the drawn one."""

from __future__ import annotations

import pytest
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from analytics import queries
from analytics.db import Warehouse
from tests.ui.test_pages import _app
from ui import components, nav, sidebar, state

MAIN, SIDEBAR = 0, 1  # the root containers of a delta path
LATE = [p.file for p in nav.PAGES if p.sidebar_last]


def _elements(monkeypatch) -> list[tuple[int, str]]:
    """Record (root container, element type) of every element the app sends, in order."""
    sent: list[tuple[int, str]] = []
    enqueue = ForwardMsgQueue.enqueue

    def record(self, msg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            sent.append((msg.metadata.delta_path[0], msg.delta.new_element.WhichOneof("type")))
        enqueue(self, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", record)
    return sent


def test_a_change_of_the_overview_keeps_its_sidebar_last(app_db, monkeypatch) -> None:
    """The Overview's queries use both cores while they run: its sidebar stays last on a change too."""
    at = _app(app_db, monkeypatch)
    years = at.slider(key="flt_years")
    sent = _elements(monkeypatch)
    years.set_value(years.value).run()
    assert not at.exception
    first_sidebar = next(i for i, (root, _kind) in enumerate(sent) if root == SIDEBAR)
    assert sent.index((MAIN, "plotly_chart")) < first_sidebar


def test_chart_pages_are_drawn_sidebar_last() -> None:
    assert {
        "app_pages/overview.py",
        "app_pages/districts.py",
        "app_pages/industries.py",
        "app_pages/activity_types.py",
    } <= set(LATE)


@pytest.mark.parametrize("page", LATE)
def test_first_chart_is_sent_before_the_sidebar(app_db, monkeypatch, page) -> None:
    at = _app(app_db, monkeypatch, "app_pages/records.py")  # the chart page is then picked anew
    sent = _elements(monkeypatch)
    at.switch_page(page).run()
    assert not at.exception
    first_chart = sent.index((MAIN, "plotly_chart"))
    first_sidebar = next(i for i, (root, _kind) in enumerate(sent) if root == SIDEBAR)
    assert first_chart < first_sidebar, sent[: first_sidebar + 1]
    # the sidebar is still all there
    assert at.selectbox(key="flt_province") is not None and at.toggle(key="flt_demo") is not None


@pytest.mark.parametrize("page", [p.file for p in nav.PAGES if p.change_sidebar_first])
def test_a_filter_change_sends_the_sidebar_first(app_db, monkeypatch, page) -> None:
    """Once the page is on show, a rerun of it (a filter change) sends the sidebar before the page's charts:
    the browser re-renders the widgets while the queries run. Another page picked is drawn sidebar last."""
    at = _app(app_db, monkeypatch)
    at.switch_page(page).run()
    years = at.slider(key="flt_years")
    lo, hi = years.value
    sent = _elements(monkeypatch)
    years.set_value((lo, hi - 1) if hi > lo else (lo, hi)).run()
    assert not at.exception
    first_chart = sent.index((MAIN, "plotly_chart"))
    first_sidebar = next(i for i, (root, _kind) in enumerate(sent) if root == SIDEBAR)
    assert first_sidebar < first_chart, sent[: first_chart + 1]
    other = next(p for p in LATE if p != page)
    sent.clear()
    at.switch_page(other).run()
    assert not at.exception
    assert sent.index((MAIN, "plotly_chart")) < next(i for i, (root, _k) in enumerate(sent) if root == SIDEBAR)


def _regions(db) -> tuple[str, str]:
    """A district of the data and its province."""
    wh = Warehouse(db)
    district = wh.rows("SELECT min(district_adcode) FROM activities")[0][0]
    tree = queries.region_tree(wh)
    return district, tree.lineage(district)[0]


def test_prepared_selection_is_the_drawn_one(app_db, monkeypatch) -> None:
    """``sidebar.prepare`` reads what ``sidebar.draw``'s widgets then show, through links, clicks and widgets."""
    seen: list[bool] = []
    check = sidebar.check

    def spy(drawn, prepared) -> None:
        seen.append(drawn == prepared)
        check(drawn, prepared)

    monkeypatch.setattr(sidebar, "check", spy)
    district, province = _regions(app_db)
    years = Warehouse(app_db).rows("SELECT min(year), max(year) FROM activities")[0]
    at = _app(app_db, monkeypatch, "app_pages/districts.py", params={"region": district, "lang": "en"})
    assert at.multiselect(key="flt_districts").value == [district]
    at.session_state["_flt_pending"] = {"_places": [province]}  # a breadcrumb / map click
    at.run()
    assert at.selectbox(key="flt_province").value == province
    at.selectbox(key="flt_province").set_value(None).run()
    if years[0] != years[1]:
        at.slider(key="flt_years").set_value((years[1], years[1])).run()
    if not at.toggle(key="flt_demo").disabled:
        at.toggle(key="flt_demo").set_value(False).run()
    at.segmented_control(key="flt_lang").set_value("zh").run()
    at.button(key="flt_reset").click().run()
    assert not at.exception
    assert len(seen) >= 5 and all(seen), seen


def test_a_differing_selection_reruns_once(monkeypatch) -> None:
    """The guard behind the order: a sidebar that shows another selection than the page used reruns, once."""
    state: dict = {}
    reruns: list[int] = []
    monkeypatch.setattr(sidebar.st, "session_state", state)
    monkeypatch.setattr(sidebar.st, "rerun", lambda: reruns.append(1))
    sidebar.check(("a", "zh"), ("b", "zh"))
    sidebar.check(("a", "zh"), ("b", "zh"))
    assert reruns == [1]
    sidebar.check(("a", "zh"), ("a", "zh"))
    assert sidebar.K_RERUN not in state


def _html_bodies(monkeypatch) -> list[str]:
    """Record the body of every html element and a marker for every chart the app sends, in order."""
    sent: list[str] = []
    enqueue = ForwardMsgQueue.enqueue

    def record(self, msg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kind = msg.delta.new_element.WhichOneof("type")
            if kind == "html":
                sent.append(msg.delta.new_element.html.body)
            elif kind == "plotly_chart":
                sent.append("<chart>")
        enqueue(self, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", record)
    return sent


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["app_pages/districts.py", "app_pages/records.py"])
def test_chart_pages_preload_plotly_before_their_first_chart(app_db, monkeypatch, page, lang) -> None:
    """A chart page's first elements start loading Streamlit's Plotly code; a page without charts does not."""
    assert components.PRELOAD_PLOTLY and "PlotlyChart." in components.PRELOAD_PLOTLY  # this Streamlit build
    at = _app(app_db, monkeypatch, params={"lang": lang} if lang == "en" else None)
    sent = _html_bodies(monkeypatch)
    at.switch_page(page).run()
    assert not at.exception
    preload = [i for i, body in enumerate(sent) if "modulepreload" in body and components._CHUNK in body]
    charts = [i for i, body in enumerate(sent) if body == "<chart>"]
    if page == "app_pages/districts.py":
        assert len(preload) == 1 and charts and preload[0] < charts[0], sent
    else:
        assert not preload, sent


def test_districts_sends_the_map_before_its_heatmap_query(app_db, monkeypatch) -> None:
    """The browser starts drawing the map while the heatmap's query runs."""
    at = _app(app_db, monkeypatch)
    events: list[str] = []
    enqueue = ForwardMsgQueue.enqueue

    def record(self, msg) -> None:
        if (
            msg.WhichOneof("type") == "delta"
            and msg.delta.WhichOneof("type") == "new_element"
            and msg.delta.new_element.WhichOneof("type") == "plotly_chart"
        ):
            events.append("<chart>")
        enqueue(self, msg)

    cached = state._cached

    def spy(name, *args, **kwargs):
        events.append(name)
        return cached(name, *args, **kwargs)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", record)
    monkeypatch.setattr(state, "_cached", spy)
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    assert events.index("view_figures") < events.index("<chart>") < events.index("view_years"), events
