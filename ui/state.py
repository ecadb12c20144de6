"""Per-run state shared by dashboard.py and the pages: warehouse, filters, language, cached queries.

The warehouse connection is a ``st.cache_resource`` keyed by the file path.
Query results are ``st.cache_data`` keyed by (query name, path, snapshot key,
filters, arguments): a new publish changes the snapshot key, so nothing stale is
served after the ETL runs. The per-run ``Context`` is handed from dashboard.py to
the page through a thread-local, so pages never rebuild filters or open connections.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from analytics import engines, places, queries
from analytics.db import ETL_COMMAND, Snapshot, Warehouse, WarehouseUnavailable
from analytics.filters import Filters
from analytics.i18n import norm_lang

LOAD_COMMAND = ETL_COMMAND  # shown on pages with nothing loaded


@st.cache_resource(show_spinner=False)
def get_warehouse(db: str) -> Warehouse:
    """One read-only warehouse per database path, shared by every session.

    Which engine answers (DuckDB on the file, or Spark on the published lake) is configuration
    (QM_ENGINE, see analytics.engines.open_warehouse); pages never know.
    """
    return engines.open_warehouse(db)


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def _cached(name: str, db: str, snapshot_key: str, filters: Filters | None, args: tuple, kwargs: tuple) -> Any:
    # snapshot_key is unused in the body on purpose: it is part of the cache key.
    wh = get_warehouse(db)
    fn = getattr(queries, name)
    if filters is None:
        return fn(wh, *args, **dict(kwargs))
    return fn(wh, filters, *args, **dict(kwargs))


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared(name: str, db: str, snapshot_key: str, args: tuple) -> Any:
    # Unfiltered results every run reads (the sidebar's options, a view's boundaries): kept as one
    # object shared read-only by every session. st.cache_data would unpickle a copy on every run
    # (117 KB of options and 190 KB of national boundaries at 1M: ~4 ms each per rerun).
    # snapshot_key is unused in the body on purpose: it is part of the cache key.
    return getattr(queries, name)(get_warehouse(db), *args)


@dataclass
class Context:
    """Everything a page needs for this run.

    Attributes:
        db: path of the published warehouse.
        wh: the shared Warehouse.
        snapshot: what is served (None when nothing could be opened).
        filters: the sidebar selection.
        lang: zh or en.
        options: sidebar options (None when no data).
        district_names: adcode -> name in `lang`.
        policy: the session's access policy (access.policy.Policy); scope already in `filters`.
        tree: the region tree (analytics.places.RegionTree; None when no data).
    """

    db: str
    wh: Warehouse
    snapshot: Snapshot | None
    filters: Filters
    lang: str
    options: queries.Options | None
    district_names: dict[str, str]
    policy: Any = None
    tree: places.RegionTree | None = None

    @property
    def place(self) -> str:
        """What the place selection covers, for titles: 全国, 上海市, 浦东新区..."""
        if self.tree is None:
            return places.RegionTree().place_name(self.filters.districts, self.lang)
        return self.tree.place_name(self.filters.districts, self.lang)

    def region_name(self, adcode: str) -> str:
        """One region's name in the page's language (the adcode itself when the warehouse does not know it)."""
        return adcode if self.tree is None else self.tree.name(adcode, self.lang)

    @property
    def available(self) -> bool:
        """A snapshot is open (it may be stale)."""
        return self.snapshot is not None

    @property
    def stale_reason(self) -> str | None:
        """Why the open snapshot may be out of date, in the page's language (None when current)."""
        reason = self.wh.stale_reason
        return None if reason is None else reason.text(self.lang)

    def q(self, name: str, *args: Any, filters: Filters | None = None, **kwargs: Any) -> Any:
        """Run the named query of analytics.queries through the cache.

        Args:
            name: function name in analytics.queries.
            filters: a Filters value, or None for queries that take none.
        """
        if self.snapshot is None:
            raise WarehouseUnavailable(str(self.wh.stale_reason or f"{self.db}: not loaded yet"))
        return _cached(name, self.db, self.snapshot.key, filters, tuple(args), tuple(sorted(kwargs.items())))

    def shared(self, name: str, *args: Any) -> Any:
        """An unfiltered query's result, one object shared read-only by every session (never modify it)."""
        if self.snapshot is None:
            raise WarehouseUnavailable(str(self.wh.stale_reason or f"{self.db}: not loaded yet"))
        return _shared(name, self.db, self.snapshot.key, tuple(args))


_RUN = threading.local()


def set_context(ctx: Context) -> None:
    """Store this run's context for the page that dashboard.py is about to run."""
    # Thread-local rather than session_state: every script run has its own thread,
    # so a page can never pick up the context of an earlier run (stale filters).
    _RUN.ctx = ctx


def context() -> Context:
    """This run's context (set by dashboard.py before the page runs).

    A page file run without dashboard.py (AppTest on a page file alone) gets a clear error.
    """
    ctx = getattr(_RUN, "ctx", None)
    if ctx is None:
        st.error("Open the dashboard through `streamlit run dashboard.py`.")
        st.stop()
    return ctx


def get_cached(name: str, db: str, snapshot: Snapshot, *args: Any) -> Any:
    """A named query without filters through the cache (before a Context exists)."""
    return _cached(name, db, snapshot.key, None, tuple(args), ())


@st.cache_resource(show_spinner=False, max_entries=4)
def get_region_tree(db: str, snapshot_key: str) -> places.RegionTree:
    """The region tree of a published snapshot, shared by every session (never copied per run)."""
    return queries.region_tree(get_warehouse(db))


def open_warehouse(db: str | Path) -> tuple[Warehouse, Snapshot | None, queries.Options | None]:
    """The shared warehouse, its snapshot and the sidebar options (None when not loaded)."""
    wh = get_warehouse(str(db))
    snap = wh.snapshot()
    opts = None
    if snap is not None:
        opts = _shared("options", str(db), snap.key, ())  # a frozen dataclass of tuples: safe to share
    return wh, snap, opts


def lang_from(params: Any) -> str:
    """Language from URL parameters (anything unknown = zh)."""
    try:
        value = params.get("lang")
    except AttributeError:
        value = None
    return norm_lang(value if isinstance(value, str) else None)
