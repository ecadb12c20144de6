"""An uploaded file's stored name: the uploader's scope, ``__``, then the name it was uploaded as.

The prefix keeps two districts' files of the same name apart in the inbox and in the warehouse
(record ids derive from the source's file name), so the stored ``source`` keeps it. A person reads
the name they uploaded: ``shown_name`` takes the prefix off wherever a source is shown.
"""

from __future__ import annotations

import re

SEPARATOR = "__"
_SCOPED = re.compile(rf"^(?:all|none|\d{{6}}(?:-\d{{6}})*){SEPARATOR}(?=[^.])")


def scope_prefix(scope: frozenset[str] | None) -> str:
    """The part of an inbox name that says whose file it is: the scope's adcodes, or 'all'.

    Only a readable hint: what the ETL trusts is the scope record (``etl.scope``).
    """
    if scope is None:
        return "all"
    return "-".join(sorted(scope)) or "none"


def shown_name(name: str) -> str:
    """A file name as a person reads it: ``310115__活动.xlsx`` -> ``活动.xlsx``; other names unchanged."""
    return _SCOPED.sub("", name, count=1)
