"""The one sidebar of filters, mirrored in the URL (st.query_params).

Order of a run: (1) on a session's first run, widget state is seeded from the
URL, validated by ``Filters.from_query_params``; (2) pending changes requested
by a page (a map click) are applied before the widgets exist, because Streamlit
forbids writing a widget's state after it is drawn; (3) the widgets are drawn;
(4) the resulting ``Filters`` is written back to the URL so the view is shareable.
"""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import LANGS, label, t
from analytics.queries import Options

K_LANG = "flt_lang"
K_YEARS = "flt_years"
K_DISTRICTS = "flt_districts"
K_DEMO = "flt_demo"
K_SEARCH = "flt_search"
K_INIT = "_flt_init"
K_PENDING = "_flt_pending"
_MULTI = {  # Filters field -> (widget key, i18n key, vocabulary kind)
    "industries": ("flt_industries", "industries", "industry"),
    "activity_types": ("flt_types", "activity_types", "activity_type"),
    "campaigns": ("flt_campaigns", "campaigns", "campaign"),
    "organizer_types": ("flt_org", "organizer_types", "organizer_type"),
}
_LANG_NAMES = {"zh": "中文", "en": "English"}


def request_districts(adcodes: list[str]) -> None:
    """Ask the next run to set the district filter (used by the map click), then rerun."""
    st.session_state[K_PENDING] = {K_DISTRICTS: list(adcodes)}
    st.rerun()


def current_lang(params) -> str:
    """The language of this run before the sidebar is drawn: the switch's state, else the URL.

    Args:
        params: ``st.query_params`` (anything with ``get``).
    """
    lang = st.session_state.get(K_LANG)
    if lang not in LANGS:
        value = params.get("lang")
        lang = value if value in LANGS else "zh"
    return lang


def _seed_from_url(opts: Options | None) -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    known = [d[0] for d in opts.districts] if opts else None
    f = Filters.from_query_params(params, known_districts=known)
    lang = params.get("lang", ["zh"])[-1] if params.get("lang") else "zh"
    st.session_state[K_LANG] = lang if lang in LANGS else "zh"
    st.session_state[K_DEMO] = f.include_demo
    st.session_state[K_SEARCH] = f.search
    if opts is None:
        return
    st.session_state[K_DISTRICTS] = [a for a in f.districts if a in known]
    for field, (key, _i, _k) in _MULTI.items():
        allowed = set(getattr(opts, field))
        st.session_state[key] = [c for c in getattr(f, field) if c in allowed]
    years = [y for y in f.years if y in opts.years]
    if len(opts.years) > 1:
        st.session_state[K_YEARS] = (min(years), max(years)) if years else (opts.years[0], opts.years[-1])


def build(opts: Options | None) -> tuple[Filters, str]:
    """Draw the sidebar and return (filters, lang). Call once per run, from dashboard.py."""
    if not st.session_state.get(K_INIT):
        _seed_from_url(opts)
        st.session_state[K_INIT] = True
    pending = st.session_state.pop(K_PENDING, None)
    if pending:
        st.session_state.update(pending)
    _sanitise(opts)

    sb = st.sidebar
    lang = sb.segmented_control(t("language", "zh"), list(LANGS), format_func=_LANG_NAMES.get,
                                key=K_LANG, required=True) or "zh"
    sb.header(t("filters", lang))
    kwargs: dict[str, object] = {}
    if opts is not None and opts.years:
        if len(opts.years) > 1:
            if K_YEARS not in st.session_state:
                st.session_state[K_YEARS] = (opts.years[0], opts.years[-1])
            # st.slider rather than select_slider: years are contiguous integers, and
            # select_slider loses a range seeded through session_state under AppTest.
            lo, hi = sb.slider(t("years", lang), min_value=opts.years[0], max_value=opts.years[-1],
                               step=1, key=K_YEARS)
            if (lo, hi) != (opts.years[0], opts.years[-1]):
                kwargs["years"] = tuple(y for y in opts.years if lo <= y <= hi)
        else:
            sb.caption(f"{t('years', lang)}: {opts.years[0]}")
        names = {a: (en if lang == "en" else zh) for a, zh, en in opts.districts}
        kwargs["districts"] = tuple(sb.multiselect(
            t("districts", lang), list(names), format_func=lambda a: names.get(a, a), key=K_DISTRICTS,
            placeholder=t("all", lang)))
        for field, (key, i18n_key, kind) in _MULTI.items():
            choices = list(getattr(opts, field))
            kwargs[field] = tuple(sb.multiselect(
                t(i18n_key, lang), choices, format_func=lambda c, k=kind: label(k, c, lang), key=key,
                placeholder=t("all", lang)))
    include_demo = sb.toggle(t("include_demo", lang), key=K_DEMO,
                             disabled=opts is not None and not opts.has_demo)
    if sb.button(t("reset_filters", lang), key="flt_reset", on_click=_reset, args=(opts,)):
        pass
    filters = Filters(include_demo=include_demo, search=st.session_state.get(K_SEARCH, ""), **kwargs)
    _write_url(filters, lang)
    return filters, lang


def _sanitise(opts: Options | None) -> None:
    """Drop widget values the options no longer offer (a new publish can remove years or codes)."""
    if opts is None:
        return
    known = {d[0] for d in opts.districts}
    if K_DISTRICTS in st.session_state:
        st.session_state[K_DISTRICTS] = [a for a in st.session_state[K_DISTRICTS] if a in known]
    for field, (key, _i, _k) in _MULTI.items():
        if key in st.session_state:
            allowed = set(getattr(opts, field))
            st.session_state[key] = [c for c in st.session_state[key] if c in allowed]
    years = st.session_state.get(K_YEARS)
    if years is not None and (len(opts.years) < 2 or not isinstance(years, (tuple, list))
                              or not all(opts.years[0] <= y <= opts.years[-1] for y in years)):
        del st.session_state[K_YEARS]


def _reset(opts: Options | None) -> None:
    # on_click callbacks run before the widgets are drawn, so their state may be written here
    st.session_state[K_DISTRICTS] = []
    for key, _i, _k in _MULTI.values():
        st.session_state[key] = []
    st.session_state[K_DEMO] = True
    st.session_state[K_SEARCH] = ""
    if opts is not None and len(opts.years) > 1:
        st.session_state[K_YEARS] = (opts.years[0], opts.years[-1])


def _write_url(filters: Filters, lang: str) -> None:
    wanted = filters.to_query_params()
    if lang != "zh":
        wanted["lang"] = lang
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
