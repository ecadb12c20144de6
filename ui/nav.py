"""The dashboard's navigation: which pages exist, at which addresses, and the redirects to them.

Three kinds of address lead to a page:

* the page's own path (``/record-list``; the overview is served at ``/``);
* stable aliases that people bookmark or type: ``/home`` and ``/overview`` for the overview,
  and every file stem of pages/ (``/records``, ``/data_status``...). Aliases are hidden pages
  that switch to their target at once, keeping the URL's filters, so no address that worked
  once shows Streamlit's "Page not found" dialog;
* the legacy (v1) multipage mode: until some session of a freshly started server has called
  ``st.navigation``, Streamlit runs ``pages/<stem>.py`` *alone* for ``/<stem>`` and lists every
  file of pages/ in the sidebar. ``redirect_orphan`` turns such a run into a hidden one-page
  navigation plus a switch to the proper page, so that listing never stays on screen. In that
  mode an address that is no file of pages/ (``/record-list``, ``/home``) is "not found" before
  dashboard.py ever runs, so each such address has a stub file of the same name in pages/
  (``pages/record-list.py``, see ``ADDRESS_STUBS``) that only calls ``redirect_address``.

Policy keys (``access.policy``: ``home``, ``record-list``...) name pages for access control;
they are kept separate from url paths so an address can change without touching a role.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


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
    """

    file: str
    title_key: str
    policy_key: str
    url_path: str
    default: bool = False
    sidebar_last: bool = False

    @property
    def stem(self) -> str:
        """The file stem, the address Streamlit's legacy mode gives the file."""
        return Path(self.file).stem


# The default page's url_path is only its internal identity (Streamlit hashes it); it must not be
# an address people use, because a typed "/<url_path>" of the default page finds no page.
PAGES: tuple[NavPage, ...] = (
    NavPage("pages/overview.py", "page_overview", "home", "qm-overview", default=True, sidebar_last=True),
    NavPage("pages/districts.py", "page_districts", "district-map", "district-map", sidebar_last=True),
    NavPage("pages/industries.py", "page_industries", "industry-breakdown", "industry-breakdown", sidebar_last=True),
    NavPage("pages/activity_types.py", "page_types", "activity-types", "activity-types", sidebar_last=True),
    NavPage("pages/briefing.py", "page_briefing", "briefing", "briefing"),
    NavPage("pages/records.py", "page_records", "record-list", "record-list"),
    NavPage("pages/data_status.py", "page_status", "data-status", "data-status"),
    NavPage("pages/upload.py", "page_upload", "upload", "upload"),
)
# Extra addresses of the default page (the file stem "overview" is added by aliases()).
HOME_ALIASES = ("home",)


# Addresses that are no page file's stem: each has a stub file pages/<address>.py for the legacy
# mode of a freshly started server (see the module docstring).
ADDRESS_STUBS: tuple[str, ...] = (
    tuple(p.url_path for p in PAGES if not p.default and p.url_path != p.stem) + HOME_ALIASES
)


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


def page_for_file(path: str | Path) -> NavPage | None:
    """The page whose script is `path` (None when it is not one of pages/)."""
    resolved = Path(path).resolve()
    return next((p for p in PAGES if (PAGES_DIR.parent / p.file).resolve() == resolved), None)


def _orphan_default() -> None:
    """Placeholder page of the redirect navigation (registered, never run)."""


def redirect_orphan(
    page: NavPage, params: Mapping[str, list[str]] | None = None, address: str | None = None
) -> NoReturn:
    """Leave a page file that Streamlit's legacy mode ran alone: go to the same page of the dashboard.

    Registers a hidden one-page navigation (this also switches the server out of legacy mode,
    so the sidebar stops listing raw page files), then switches to the page at its proper
    address, where dashboard.py runs first (sign-in, filters, role) and the role decides.

    Args:
        page: the page whose file was run alone.
        params: URL parameters to keep (default: the current ones).
        address: the address the browser is at (default: the page's file stem).
    """
    address = address or page.stem
    target = _st_page(page, page.title_key, default=False)
    # The browser's address (the stem) must name a registered page, or the frontend shows its
    # "Page not found" dialog before the switch; a page must be the default, so a third one is.
    pages = [st.Page(_orphan_default, title=page.title_key, url_path="qm-redirect", default=True), target]
    if address != page.url_path:
        pages.append(st.Page(_orphan_default, title=address, url_path=address))
    st.navigation(pages, position="hidden")
    st.switch_page(target, query_params=dict(params) if params is not None else _current_params())
    raise AssertionError("st.switch_page returned")  # pragma: no cover - switch_page always raises


def redirect_address(script: str | Path) -> NoReturn:
    """Called by an address stub of pages/ (``pages/record-list.py``) that the legacy mode ran: go to its page.

    Args:
        script: the stub's own file (``__file__``); its stem is the address.
    """
    name = Path(script).stem
    page = next((p for p in PAGES if p.url_path == name and not p.default), None)
    if page is None:  # a home alias
        page = next(p for p in PAGES if p.default)
    redirect_orphan(page, address=name)
