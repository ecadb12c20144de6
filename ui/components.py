"""Small rendering helpers shared by the pages (banners, KPI cards, tables)."""

from __future__ import annotations

import streamlit as st

from analytics import fmt
from analytics.i18n import label, t
from analytics.queries import Kpis, Totals
from ui.state import LOAD_COMMAND, Context

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def banners(ctx: Context) -> bool:
    """Status banners for every page. Returns False when there is nothing to show (no data)."""
    lang = ctx.lang
    if not ctx.available:
        st.error(t("banner_empty", lang, cmd=LOAD_COMMAND))
        if ctx.stale_reason:
            st.caption(ctx.stale_reason)
        return False
    if ctx.stale_reason:
        st.warning(t("banner_stale", lang, reason=ctx.stale_reason))
    if ctx.filters.include_demo and ctx.options is not None and ctx.options.has_demo:
        st.info(t("banner_demo", lang), icon=":material/science:")
    st.caption(ctx.filters.without("search").describe(lang, ctx.district_names))
    return True


def _delta(cur: float | None, prev: float | None) -> str | None:
    return fmt.fmt_pct(fmt.pct_change(cur, prev)) or None


def kpi_cards(k: Kpis, lang: str) -> None:
    """KPI cards: selection totals with the latest year's change against the year before."""
    has_prev = k.previous is not None and k.previous.activities > 0
    if k.latest_year is None:
        desc = None
    elif has_prev:
        desc = t("kpi_delta", lang, year=k.latest_year, prev=k.latest_year - 1)
    else:
        desc = t("kpi_no_prev", lang, prev=k.latest_year - 1)

    def card(column, title: str, value: str, attr: str) -> None:
        delta = None
        if has_prev and k.latest is not None:
            delta = _delta(getattr(k.latest, attr), getattr(k.previous, attr))
        column.metric(title, value, delta=delta, delta_description=desc if delta else None, border=True)

    cols = st.columns(3)
    card(cols[0], t("kpi_activities", lang), fmt.fmt_int(k.total.activities), "activities")
    card(cols[1], t("kpi_districts", lang), fmt.fmt_int(k.total.districts), "districts")
    card(cols[2], t("kpi_organizers", lang), fmt.fmt_int(k.total.organizers), "organizers")

    st.markdown(f"**{t('participants_by_unit', lang)}**")
    units = ("people", "person_times", "organizations")
    cols = st.columns(3)
    for column, unit in zip(cols, units, strict=True):
        total = k.total.participants.get(unit)
        title = f"{t('kpi_participants', lang)} · {label('participants_unit', unit, lang)}"
        if total is None:
            column.metric(title, t("kpi_none", lang), border=True)
            continue
        delta = None
        if has_prev and k.latest is not None:
            cur, prev = _unit(k.latest, unit), _unit(k.previous, unit)
            delta = _delta(cur, prev)
        column.metric(title, fmt.fmt_total(total[0], total[1], lang), delta=delta,
                      delta_description=desc if delta else None, border=True)
    st.caption(t("qualifier_note", lang))


def _unit(totals: Totals | None, unit: str) -> float | None:
    if totals is None or unit not in totals.participants:
        return None
    return float(totals.participants[unit][0])
