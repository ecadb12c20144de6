"""Number formatting for the counting rules (qualified totals, not reported, deltas).

Pure functions, no pandas or streamlit, so pages, charts and exports agree.
"""

from __future__ import annotations

import math

from analytics.i18n import norm_lang, t

QUALIFIER_RANK = {"exact": 0, "at_least": 1, "approx": 2}


def combine_qualifiers(qualifiers) -> str:
    """Qualifier of a sum of counts.

    Any estimate makes the sum an estimate; otherwise any lower bound makes it a
    lower bound. ``approx`` wins over ``at_least`` because "≥" would promise a
    floor that an estimated term cannot guarantee. Missing qualifiers count as exact.
    """
    best = "exact"
    for q in qualifiers:
        q = q or "exact"
        if QUALIFIER_RANK.get(q, 0) > QUALIFIER_RANK[best]:
            best = q
    return best


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        # pandas.NA and friends raise on isnan; they are missing too
        return str(value) in ("<NA>", "NaT")


def fmt_int(value) -> str:
    """12300 -> '12,300'."""
    return f"{int(round(float(value))):,}"


def fmt_total(value, qualifier: str | None, lang: str) -> str:
    """A (possibly qualified) total: '12,300', '≥ 12,300', '≈ 12,300' / '约 12,300'.

    Args:
        value: the sum; None/NaN means nothing was reported.
        qualifier: exact / approx / at_least (None = exact).
        lang: zh or en (only approx differs: 约 vs ≈).
    """
    if _is_missing(value):
        return t("not_reported", lang)
    num = fmt_int(value)
    if qualifier == "at_least":
        return f"≥ {num}"
    if qualifier == "approx":
        return f"约 {num}" if norm_lang(lang) == "zh" else f"≈ {num}"
    return num


def fmt_count(value, lang: str) -> str:
    """A count of activities/districts: None/NaN is 'not reported', never 0."""
    return t("not_reported", lang) if _is_missing(value) else fmt_int(value)


def pct_change(current, previous) -> float | None:
    """Relative change in percent; None when there is no base to compare with."""
    if _is_missing(current) or _is_missing(previous) or not previous:
        return None
    return (float(current) - float(previous)) / float(previous) * 100.0


def fmt_pct(change: float | None) -> str:
    """'+12.5%' / '-3.0%' / '' (no comparison)."""
    if change is None:
        return ""
    return f"{change:+.1f}%"
