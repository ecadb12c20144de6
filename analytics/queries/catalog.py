"""Every named query that takes a selection, and one way to call each with sample arguments.

Used by the hostile-input tests and the reliability bench, which must run *all* filtered
queries (a query added later is covered without editing either): the list is read from the
package, not written down.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from analytics.filters import Filters

SAMPLE_COLUMN = "industry"
# A map view: the country (None) and Shanghai's districts (its one city's view).
SAMPLE_VIEWS = (None, "310100")


def filtered_queries() -> Iterator[tuple[str, Callable]]:
    """(name, function) of every query exported by analytics.queries whose second parameter is a Filters."""
    from analytics import queries

    for name, fn in vars(queries).items():
        if name.startswith("_") or not inspect.isfunction(fn) or not fn.__module__.startswith(queries.__name__):
            continue
        params = list(inspect.signature(fn).parameters.values())
        if len(params) >= 2 and params[1].annotation in ("Filters", Filters):
            yield name, fn


def is_map_view(fn: Callable) -> bool:
    """Whether `fn` draws a map view: it replaces the place pick by the view's region (every sibling
    is shown, the pick outlined) while every other filter, the access scope included, still applies."""
    return "view" in inspect.signature(fn).parameters


def call_with_samples(fn: Callable, wh, f: Filters) -> Any:
    """Run `fn` on `f` with sample values for its other required arguments; returns the last answer.

    A map-view query runs once per view of SAMPLE_VIEWS; a streamed export is drained.
    """
    params = inspect.signature(fn).parameters
    if "column" in params:
        return fn(wh, f, SAMPLE_COLUMN)
    if is_map_view(fn):
        answer = None
        for view in SAMPLE_VIEWS:
            answer = fn(wh, f, view)
        return answer
    answer = fn(wh, f)
    if inspect.isgenerator(answer):
        return list(answer)
    return answer
