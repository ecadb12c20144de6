"""The dashboard's navigation: which pages exist, at which addresses, and the redirects to them.

Three kinds of address lead to a page:

* the page's own path (``/record-list``; the overview is served at ``/``);
* stable aliases that people bookmark or type: ``/home`` and ``/overview`` for the overview,
  and every file stem of app_pages/ (``/records``, ``/data_status``...). Aliases are hidden pages
  that switch to their target at once, keeping the URL's filters, so no address that worked
  once shows Streamlit's "Page not found" dialog;
* no Streamlit legacy (v1) multipage mode: the page scripts live in ``app_pages/``, not ``pages/``.
  A folder named ``pages/`` next to dashboard.py made a freshly started server list its file names
  (English, each stem twice) in the sidebar until the first ``st.navigation`` call (audit16 #15), and
  run a page file alone for its stem; without it every address is routed by ``st.navigation``.

Policy keys (``access.policy``: ``home``, ``record-list``...) name pages for access control;
they are kept separate from url paths so an address can change without touching a role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

# Not "pages": Streamlit treats a pages/ folder next to the entry script as a legacy multipage app.
PAGES_DIR = Path(__file__).resolve().parents[1] / "app_pages"


@dataclass(frozen=True)
class NavPage:
    """One page of the dashboard.

    Attributes:
        file: script path relative to dashboard.py.
        title_key: i18n key of its navigation title (ui.access.page_title).
        policy_key: name of the page in access.policy (what a role may see).
        url_path: its address; ignored in the browser for the default page, which is served at "/".
        default: the page served at "/".
        sidebar_last: dashboard.py draws the sidebar after the page body, so the page's first
            chart reaches the browser sooner (the sidebar keeps its place: it is its own container).
        change_sidebar_first: on a rerun of the page on show (a filter change) the sidebar is drawn
            first after all: the browser re-renders its widgets while the page's queries run, not in
            the same update as the last charts. Not for the Overview, whose four base-table queries
            use both cores meanwhile (its script ended later with the sidebar first, in three A/B runs).
    """

    file: str
    title_key: str
    policy_key: str
    url_path: str
    default: bool = False
    sidebar_last: bool = False
    change_sidebar_first: bool = False

    @property
    def stem(self) -> str:
        """The file stem: an alias address (``/records``), the address the page once had."""
        return Path(self.file).stem


# The default page's url_path is only its internal identity (Streamlit hashes it); it must not be
# an address people use, because a typed "/<url_path>" of the default page finds no page.
PAGES: tuple[NavPage, ...] = (
    NavPage("app_pages/overview.py", "page_overview", "home", "qm-overview", default=True, sidebar_last=True),
    NavPage(
        "app_pages/districts.py",
        "page_districts",
        "district-map",
        "district-map",
        sidebar_last=True,
        change_sidebar_first=True,
    ),
    NavPage(
        "app_pages/industries.py",
        "page_industries",
        "industry-breakdown",
        "industry-breakdown",
        sidebar_last=True,
        change_sidebar_first=True,
    ),
    NavPage(
        "app_pages/activity_types.py",
        "page_types",
        "activity-types",
        "activity-types",
        sidebar_last=True,
        change_sidebar_first=True,
    ),
    NavPage("app_pages/briefing.py", "page_briefing", "briefing", "briefing"),
    NavPage("app_pages/records.py", "page_records", "record-list", "record-list"),
    NavPage("app_pages/data_status.py", "page_status", "data-status", "data-status"),
    NavPage("app_pages/upload.py", "page_upload", "upload", "upload"),
)
# Extra addresses of the default page (the file stem "overview" is added by aliases()).
HOME_ALIASES = ("home",)


def aliases(pages: tuple[NavPage, ...] = PAGES) -> dict[str, NavPage]:
    """Alias address -> target page: home aliases and every file stem that is not already a url path.

    Args:
        pages: the pages registered in this run (only those the role may see).
    """
    taken = {p.url_path for p in pages}
    out: dict[str, NavPage] = {}
    default = next((p for p in pages if p.default), pages[0] if pages else None)
    if default is not None:
        for alias in HOME_ALIASES:
            if alias not in taken:
                out[alias] = default
    for page in pages:
        if page.stem not in taken and page.stem not in out:
            out[page.stem] = page
    return out


def _st_page(page: NavPage, title: str, *, default: bool | None = None) -> st.Page:
    return st.Page(page.file, title=title, url_path=page.url_path, default=page.default if default is None else default)


def _redirect_to(target: st.Page) -> Callable[[], None]:
    def redirect() -> None:
        st.switch_page(target, query_params=_current_params())

    # Streamlit infers nothing from the callable's name here (url_path is always given),
    # but a readable name helps in tracebacks.
    redirect.__name__ = f"redirect_{target.url_path or 'home'}"
    return redirect


def _current_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


@dataclass
class Navigation:
    """What ``build`` registered: the page to run, whether it is an alias to leave at once, and which page it is."""

    page: st.Page
    redirect: st.Page | None
    nav_page: NavPage | None = None  # the page of PAGES that runs (None for an alias)

    def follow_redirect(self) -> None:
        """Switch to the alias's target (keeping the URL's filters); no-op for a real page."""
        if self.redirect is not None:
            st.switch_page(self.redirect, query_params=_current_params())


def build(allowed: tuple[NavPage, ...], title: Callable[[str], str]) -> Navigation:
    """Register the navigation for this run (call before any widget, see dashboard.py).

    Args:
        allowed: pages the session's role may open, in menu order.
        title: i18n key -> title in the session's language.

    Returns:
        The selected page, and its target when the address was an alias.
    """
    real = {p.url_path: _st_page(p, title(p.title_key)) for p in allowed}
    alias_pages = {}
    for alias, target in aliases(allowed).items():
        alias_pages[alias] = (
            st.Page(
                _redirect_to(real[target.url_path]), title=title(target.title_key), url_path=alias, visibility="hidden"
            ),
            real[target.url_path],
        )
    selected = st.navigation(list(real.values()) + [p for p, _t in alias_pages.values()])
    redirect = next((t for p, t in alias_pages.values() if p is selected), None)
    page = next((p for p in allowed if real[p.url_path] is selected), None)
    return Navigation(page=selected, redirect=redirect, nav_page=page)
