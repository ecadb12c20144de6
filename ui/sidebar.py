"""The one sidebar of filters, mirrored in the URL (st.query_params).

Order of a run: (1) on a session's first run, widget state is seeded from the
URL, validated by ``Filters.from_query_params``; (2) pending changes requested
by a page (a map click) are applied before the widgets exist, because Streamlit
forbids writing a widget's state after it is drawn; (3) the widgets are drawn;
(4) the resulting ``Filters`` is written back to the URL so the view is shareable.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from analytics.filters import DIMENSION_URL_KEYS, LEGACY_URL_KEYS, Filters
from analytics.i18n import LANGS, label, t
from analytics.places import RegionTree
from analytics.queries import Options

K_LANG = "flt_lang"
K_YEARS = "flt_years"
K_PROVINCE = "flt_province"
K_CITY = "flt_city"
K_DISTRICTS = "flt_districts"  # the counties picked within the chosen city (or province)
K_DEMO = "flt_demo"
K_SEARCH = "flt_search"
K_INIT = "_flt_init"
K_PENDING = "_flt_pending"
K_RERUN = "_flt_rerun"  # set while a run is repeated because the drawn sidebar held another selection
# What the session's link asked for that the selection could not take (a year, region or code the data does not
# hold, years with a gap the slider cannot show), with the selection it opened on: said while that selection stands.
K_LINK_NOTE = "_flt_link_note"
_MULTI = {  # Filters field -> (widget key, i18n key, vocabulary kind)
    "industries": ("flt_industries", "industries", "industry"),
    "activity_types": ("flt_types", "activity_types", "activity_type"),
    "campaigns": ("flt_campaigns", "campaigns", "campaign"),
    "organizer_types": ("flt_org", "organizer_types", "organizer_type"),
}
_LOG = logging.getLogger(__name__)
_LANG_NAMES = {"zh": "中文", "en": "English"}
# The second handle's value label of the year slider (the handles are sibling elements).
ONE_YEAR_CSS = (
    f"<style>.st-key-{K_YEARS} div:has(> [data-testid='stSliderThumbValue']) ~ div "
    "[data-testid='stSliderThumbValue'] { display: none; }</style>"
)


def request_districts(adcodes: list[str]) -> None:
    """Ask the next run to select these regions (a map click, a breadcrumb), then rerun."""
    st.session_state[K_PENDING] = {K_PLACES: list(adcodes)}
    st.rerun()


K_PLACES = "_places"  # a pending place selection (any level), turned into the picker's state


def _set_places(tree: RegionTree | None, codes: list[str]) -> None:
    """Put a selection of regions into the picker's three widgets (before they are drawn)."""
    province, city, counties = tree.picker(codes) if tree is not None else (None, None, ())
    st.session_state[K_PROVINCE] = province
    st.session_state[K_CITY] = city
    st.session_state[K_DISTRICTS] = list(counties)


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


def _seed_from_url(opts: Options | None, tree: RegionTree | None, default_place: str | None) -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    known = list(tree.regions) if tree is not None else None
    f = Filters.from_query_params(params, known_districts=known)
    lang = params.get("lang", ["zh"])[-1] if params.get("lang") else "zh"
    st.session_state[K_LANG] = lang if lang in LANGS else "zh"
    st.session_state[K_DEMO] = f.include_demo
    st.session_state[K_SEARCH] = f.search
    if opts is None:
        return
    # No place in the link and every record in one province (Shanghai's data): open on that province.
    places = list(f.districts) or ([default_place] if default_place and not _has_place(params) else [])
    _set_places(tree, places)
    for field, (key, _i, _k) in _MULTI.items():
        allowed = set(getattr(opts, field))
        st.session_state[key] = [c for c in getattr(f, field) if c in allowed]
    years = [y for y in f.years if y in opts.years]
    if len(opts.years) > 1:
        st.session_state[K_YEARS] = (min(years), max(years)) if years else (opts.years[0], opts.years[-1])


def _history_navigation() -> bool:
    """This run was started by the browser's Back or Forward (Streamlit 1.67 reruns with that entry's URL)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def _has_place(params: dict) -> bool:
    return any(params.get(k) for k in ("region", "district"))


def prepare(
    opts: Options | None,
    tree: RegionTree | None = None,
    default_place: str | None = None,
    allowed: set[str] | None = None,
) -> tuple[Filters, str]:
    """Steps (1), (2) and (4) of a run, before any widget is drawn: the selection the widgets will show.

    A widget's value is its state (seeded from the URL, changed by the browser before the run starts,
    or by a pending request), so the filters are known before the sidebar is drawn: a page can build
    and send its charts first and the sidebar follow (``draw``; the sidebar is its own container, so
    its place on screen is the same). Call once per run, from dashboard.py, then ``draw`` in the same run.

    Args:
        opts: what the warehouse holds (None when nothing is loaded).
        tree: the region tree the place picker offers.
        default_place: the region a session opens on when its link names none (the one province
            all records lie in), else None.
        allowed: regions a scoped user may pick (their districts and those districts' ancestors).
    """
    first = not st.session_state.get(K_INIT)
    # The browser's Back or Forward reruns the page with the URL it steps to: read like a link opened, so Back
    # steps up the drill-down (浦东新区 -> 上海市) and undoes a filter change, instead of the state writing the
    # URL it came from over it again.
    back = not first and _history_navigation()
    if first or back:
        _seed_from_url(opts, tree, default_place)
        st.session_state[K_INIT] = True
    pending = st.session_state.pop(K_PENDING, None)
    if pending:
        places = pending.pop(K_PLACES, None)
        st.session_state.update(pending)
        if places is not None:
            _set_places(tree, places)
        elif K_DISTRICTS in pending and tree is not None:
            _set_places(tree, list(pending[K_DISTRICTS]))
    _sanitise(opts, tree, allowed)
    if opts is not None and len(opts.years) > 1 and K_YEARS not in st.session_state:
        st.session_state[K_YEARS] = (opts.years[0], opts.years[-1])
    state = st.session_state
    lang = state.get(K_LANG) if state.get(K_LANG) in LANGS else "zh"
    filters = _filters(
        opts,
        state.get(K_YEARS),
        _places(tree, allowed, state.get(K_PROVINCE), state.get(K_CITY), state.get(K_DISTRICTS)),
        {field: state.get(key) or () for field, (key, _i, _k) in _MULTI.items()},
        bool(state.get(K_DEMO, False)),
    )
    if (first or back) and opts is not None:
        left_out = not_applied({k: st.query_params.get_all(k) for k in st.query_params}, filters, opts, tree)
        state[K_LINK_NOTE] = {"items": left_out, "filters": filters} if left_out else None
    note = state.get(K_LINK_NOTE)
    if note:
        note["show"] = note["filters"] == filters
    _write_url(filters, lang)
    return filters, lang


def not_applied(
    params: dict[str, list[str]], filters: Filters, opts: Options, tree: RegionTree | None = None
) -> list[tuple[str, str]]:
    """(i18n key of the filter, the link's values) for each filter of a link that `filters` does not hold as asked.

    A link is typed, pasted or kept from an older publish: a year the data does not hold (``year=2026``), years
    with a gap (``year=2016,2024``, shown as the slider's range 2016–2024), a region or code the data does not
    hold (``region=999999``, ``industry=energy`` with no energy records) would otherwise widen the selection
    without a word (every year, every region, every industry).
    """
    out: list[tuple[str, str]] = []

    def asked(field: str) -> list[str]:
        key = DIMENSION_URL_KEYS[field]
        keys = [key, *(old for old, new in LEGACY_URL_KEYS.items() if new == key)]
        return [tok.strip() for k in keys for v in params.get(k, []) for tok in v.split(",") if tok.strip()]

    years = asked("years")
    parsed = [set(Filters.from_query_params({"year": [tok]}).years) for tok in years]
    if years and (not all(parsed) or set().union(*parsed) != set(filters.years or opts.years)):
        out.append(("years", ",".join(years)))
    # a region picked as the one it stands for is taken (310100, Shanghai's one city, is 上海市 310000)
    taken = set(filters.districts)
    if missing := [c for c in asked("districts") if c not in taken and (tree is None or tree.top(c) not in taken)]:
        out.append(("link_regions", ",".join(missing)))
    for field, (_key, i18n_key, _kind) in _MULTI.items():
        if missing := [c for c in asked(field) if c not in getattr(filters, field)]:
            out.append((i18n_key, ",".join(missing)))
    return out


def link_note(lang: str) -> str | None:
    """The sentence saying what the session's link asked for that the page does not show, while it stands."""
    note = st.session_state.get(K_LINK_NOTE)
    if not note or not note.get("show"):
        return None
    sep = "；" if lang == "zh" else "; "
    items = sep.join(t("link_item", lang, name=t(key, lang), values=values) for key, values in note["items"])
    return t("link_not_applied", lang, items=items)


def _filters(opts: Options | None, years, districts, multi: dict, include_demo: bool) -> Filters:
    """The Filters of the widgets' values (the year slider's range, the picker's selection, the popover's lists)."""
    kwargs: dict[str, object] = {}
    if opts is not None and opts.years:
        if len(opts.years) > 1:
            lo, hi = years
            if (lo, hi) != (opts.years[0], opts.years[-1]):
                kwargs["years"] = tuple(y for y in opts.years if lo <= y <= hi)
        if districts is not None:
            kwargs["districts"] = districts
        kwargs.update({field: tuple(values) for field, values in multi.items()})
    return Filters(include_demo=include_demo, search=st.session_state.get(K_SEARCH, ""), **kwargs)


def draw(
    opts: Options | None,
    tree: RegionTree | None = None,
    allowed: set[str] | None = None,
) -> tuple[Filters, str]:
    """Step (3): draw the sidebar's widgets (after ``prepare``) and return the (filters, lang) they hold.

    Args:
        opts: what the warehouse holds (None when nothing is loaded).
        tree: the region tree the place picker offers.
        allowed: regions a scoped user may pick.
    """
    sb = st.sidebar
    lang = (
        sb.segmented_control(t("language", "zh"), list(LANGS), format_func=_LANG_NAMES.get, key=K_LANG, required=True)
        or "zh"
    )
    from ui.components import heading  # ui.components reads this module's link note

    heading(t("filters", lang), 2, sb)
    years = districts = None
    multi: dict[str, tuple[str, ...]] = {}
    if opts is not None and opts.years:
        if len(opts.years) > 1:
            # st.slider rather than select_slider: years are contiguous integers, and
            # select_slider loses a range seeded through session_state under AppTest.
            years = sb.slider(t("years", lang), min_value=opts.years[0], max_value=opts.years[-1], step=1, key=K_YEARS)
            if years[0] == years[1]:
                # Both handles on one year: Streamlit labels each ("2022 2022"); show the year once.
                sb.html(ONE_YEAR_CSS)
        else:
            sb.caption(f"{t('years', lang)}: {opts.years[0]}")
        if tree is not None:
            districts = _place_picker(sb, tree, lang, allowed)
        # The four secondary filters sit in a popover: the browser draws its widgets only while it is
        # open, not on every filter change (four multiselects were ~30 ms of each change's script time).
        # Its label says how many values are picked; the page's filter line names them.
        picked = sum(len(st.session_state.get(key) or ()) for key, _i, _k in _MULTI.values())
        names = t("more_filters", lang)
        more = sb.popover(
            t("more_filters_active", lang, names=names, n=picked) if picked else names,
            icon=":material/filter_list:",
            width="stretch",
            key="flt_more",  # its identity: a new label (one more value picked) keeps it open
        )
        for field, (key, i18n_key, kind) in _MULTI.items():
            choices = list(getattr(opts, field))
            multi[field] = more.multiselect(
                t(i18n_key, lang),
                choices,
                format_func=lambda c, k=kind: label(k, c, lang),
                key=key,
                placeholder=t("all", lang),
            )
    include_demo = sb.toggle(t("include_demo", lang), key=K_DEMO, disabled=opts is not None and not opts.has_demo)
    sb.button(t("reset_filters", lang), key="flt_reset", on_click=_reset, args=(opts,))
    return _filters(opts, years, districts, multi, include_demo), lang


def check(drawn: tuple[Filters, str], prepared: tuple[Filters, str]) -> None:
    """After ``draw``: rerun once if the widgets hold another selection than ``prepare`` read.

    Never expected (``prepare`` reads the widgets' own state), but the page was drawn with the
    prepared one: a second run draws it with the widgets' values; a mismatch that persists is logged.
    """
    if drawn == prepared:
        st.session_state.pop(K_RERUN, None)
        return
    _LOG.warning("sidebar: drawn selection %s differs from the prepared %s", drawn, prepared)
    if not st.session_state.get(K_RERUN):
        st.session_state[K_RERUN] = True
        st.rerun()


def _place_picker(sb, tree: RegionTree, lang: str, allowed: set[str] | None) -> tuple[str, ...]:
    """Province -> city -> counties, each list drawn only once its parent is chosen.

    The same hierarchy as the map: ~34 options at first instead of 2,840 districts, so the sidebar
    costs little to draw on every rerun. A province with a single city (上海市) goes straight to
    its counties. Returns the selection (``_places``).
    """

    def name(code: str) -> str:
        return tree.name(code, lang)

    province = sb.selectbox(
        t("place_province", lang),
        _offered(tree, allowed, tree.children(None)),
        index=None,
        key=K_PROVINCE,
        format_func=name,
        placeholder=t("nationwide", lang),
        on_change=_clear,
        args=(K_CITY, K_DISTRICTS),
    )
    if province is None:
        return ()
    cities, _ = _levels(tree, allowed, province, None)
    city = None
    if cities is not None:
        city = sb.selectbox(
            t("place_city", lang),
            cities,
            index=None,
            key=K_CITY,
            format_func=name,
            placeholder=t("place_all_cities", lang),
            on_change=_clear,
            args=(K_DISTRICTS,),
        )
    _, counties_of = _levels(tree, allowed, province, city)
    counties: list[str] = []
    if counties_of:
        one_city = len(_offered(tree, allowed, tree.children(province))) == 1
        counties = sb.multiselect(
            t("place_counties", lang),
            counties_of,
            key=K_DISTRICTS,
            format_func=name,
            placeholder=t("place_all_counties" if city or one_city else "all", lang),
        )
    return _places(tree, allowed, province, city, counties)


def _offered(tree: RegionTree, allowed: set[str] | None, codes: tuple[str, ...]) -> list[str]:
    return [c for c in codes if allowed is None or c in allowed]


def _levels(
    tree: RegionTree, allowed: set[str] | None, province: str, city: str | None
) -> tuple[list[str] | None, list[str]]:
    """Which lists the picker draws below a province: (its city list or None, the counties offered).

    A province with a single city (上海市) has no city list: its counties are offered at once; a
    province of several cities offers counties only once a city is chosen.
    """
    kids = _offered(tree, allowed, tree.children(province))
    if kids and tree.regions[kids[0]].level == "city":
        if len(tree.children(province)) == 1:
            return None, _offered(tree, allowed, tree.children(kids[0]))
        return kids, _offered(tree, allowed, tree.children(city)) if city else []
    return None, kids


def _places(
    tree: RegionTree | None, allowed: set[str] | None, province: str | None, city: str | None, counties
) -> tuple[str, ...] | None:
    """The picker's selection: the counties picked, else the city, else the province (None: no picker).

    A level's value counts only when the picker draws that level's list (``_levels``).
    """
    if tree is None:
        return None
    if province is None:
        return ()
    cities, counties_of = _levels(tree, allowed, province, city)
    city = city if cities is not None else None
    counties = tuple(counties or ()) if counties_of else ()
    return counties or ((city,) if city else (province,))


def _clear(*keys: str) -> None:
    # a new province (or city) empties the levels below it
    for key in keys:
        st.session_state[key] = [] if key == K_DISTRICTS else None


def _sanitise(opts: Options | None, tree: RegionTree | None = None, allowed: set[str] | None = None) -> None:
    """Drop widget values the options no longer offer (a new publish can remove years or codes)."""
    if opts is None:
        return
    if tree is not None:

        def ok(code: str) -> bool:
            return code in tree and (allowed is None or code in allowed)

        province = st.session_state.get(K_PROVINCE)
        if province is not None and (not ok(province) or tree.regions[province].level != "province"):
            province = st.session_state[K_PROVINCE] = None
        city = st.session_state.get(K_CITY)
        if city is not None and (province is None or city not in tree.children(province) or not ok(city)):
            city = st.session_state[K_CITY] = None
        if K_DISTRICTS in st.session_state:
            parents = {city} if city else ({province} | set(tree.children(province)) if province else set())
            st.session_state[K_DISTRICTS] = [
                a for a in st.session_state[K_DISTRICTS] if ok(a) and tree.regions[a].parent in parents
            ]
    for field, (key, _i, _k) in _MULTI.items():
        if key in st.session_state:
            allowed = set(getattr(opts, field))
            st.session_state[key] = [c for c in st.session_state[key] if c in allowed]
    years = st.session_state.get(K_YEARS)
    if years is not None and (
        len(opts.years) < 2
        or not isinstance(years, (tuple, list))
        or not all(opts.years[0] <= y <= opts.years[-1] for y in years)
    ):
        del st.session_state[K_YEARS]


def _reset(opts: Options | None) -> None:
    # on_click callbacks run before the widgets are drawn, so their state may be written here
    st.session_state[K_PROVINCE] = None
    st.session_state[K_CITY] = None
    st.session_state[K_DISTRICTS] = []
    for key, _i, _k in _MULTI.values():
        st.session_state[key] = []
    st.session_state[K_DEMO] = True
    st.session_state[K_SEARCH] = ""
    st.session_state[K_LINK_NOTE] = None  # the link's selection is given up
    if opts is not None and len(opts.years) > 1:
        st.session_state[K_YEARS] = (opts.years[0], opts.years[-1])


def _write_url(filters: Filters, lang: str) -> None:
    """Mirror the selection in the URL (only when it differs: each write is a browser-history entry).

    Not Streamlit's ``bind="query-params"``: a bound widget owns one parameter in Streamlit's format (a range
    slider writes ``year=2015&year=2022``, a multiselect repeats its parameter), so ``region`` (three widgets)
    cannot be bound and the bound slider rejects old links' ``year=2015-2022`` (one value for a range). Nor is it
    cheaper in the browser: its client-side ``replaceState`` ends in the same App-wide ``setState({queryParams})``
    as this write's ``page_info_changed`` (Streamlit 1.67; README, UI speed, session 18), and makes no history entry.
    """
    wanted = filters.to_query_params()
    if lang != "zh":
        wanted["lang"] = lang
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
