"""Places: the region tree (country -> province -> city -> county), the map's views and their figures.

A *view* is the region whose children the map draws: ``None`` for the country (its provinces),
a province (its cities), a city (its counties). A region with a single child is passed through
(上海市 310000 has one city, 310100, so its view draws the 16 districts). The selection lives in
``Filters.districts`` (adcodes at any level); ``RegionTree.view_for`` gives the view that shows it.

The queries of a view are in ``analytics.queries.places``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analytics.i18n import t

LEVELS = ("province", "city", "district")


@dataclass(frozen=True)
class Region:
    """One current region of the tree (a row of `regions`)."""

    adcode: str
    level: str
    parent: str | None
    name_zh: str
    name_en: str
    short_zh: str | None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class RegionTree:
    """Every current region with its children, for the place picker, the map views and breadcrumbs.

    Attributes:
        regions: adcode -> Region.
        kids: adcode ('' for the country) -> children's adcodes, in adcode order.
    """

    regions: dict[str, Region] = field(default_factory=dict)
    kids: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RegionTree:
        regions = {
            r.adcode: Region(
                r.adcode,
                r.level,
                r.parent_adcode if isinstance(r.parent_adcode, str) else None,
                r.name_zh,
                r.name_en,
                r.short_zh if isinstance(r.short_zh, str) else None,
            )
            for r in frame.sort_values("adcode").itertuples()
        }
        kids: dict[str, list[str]] = {}
        for r in regions.values():
            kids.setdefault(r.parent or "", []).append(r.adcode)
        return cls(regions, {k: tuple(v) for k, v in kids.items()})

    def __contains__(self, adcode: object) -> bool:
        return adcode in self.regions

    def children(self, adcode: str | None) -> tuple[str, ...]:
        """Children of `adcode` (None = the country's provinces)."""
        return self.kids.get(adcode or "", ())

    def shown(self, adcode: str | None) -> str | None:
        """The region whose children a view of `adcode` draws: single-child levels passed through."""
        while adcode is not None and len(self.children(adcode)) == 1:
            adcode = self.children(adcode)[0]
        return adcode

    def top(self, adcode: str | None) -> str | None:
        """The highest region a view of `adcode` stands for: up through parents with this single child
        (the view of 310100 is 上海市 310000's)."""
        while adcode is not None and adcode in self.regions:
            parent = self.regions[adcode].parent
            if parent is None or len(self.children(parent)) != 1:
                break
            adcode = parent
        return adcode

    def lineage(self, adcode: str) -> list[str]:
        """`adcode` and its ancestors, country first (excluded), e.g. ['310000', '310100', '310115']."""
        out: list[str] = []
        code: str | None = adcode
        while code is not None and code in self.regions and code not in out:
            out.append(code)
            code = self.regions[code].parent
        return out[::-1]

    def crumbs(self, adcode: str) -> list[str]:
        """The lineage without the regions a view passes through (上海市's city 310100)."""
        line = self.lineage(adcode)
        return [c for i, c in enumerate(line) if i == 0 or len(self.children(line[i - 1])) != 1]

    def view_for(self, selection: Iterable[str]) -> str | None:
        """The view that shows `selection`: the selected region itself when it has children,
        else its parent (a county is outlined among its siblings); for several, their deepest
        common ancestor. None = the country."""
        codes = [c for c in selection if c in self.regions]
        if not codes:
            return None
        lines = [self.lineage(c) for c in codes]
        common: list[str] = []
        for step in zip(*lines, strict=False):
            if len(set(step)) != 1:
                break
            common.append(step[0])
        if not common:
            return None
        target: str | None = common[-1]
        if not self.children(target):  # a leaf (a county, a city without counties): among its siblings
            target = self.regions[target].parent
        if target is None:
            return None
        shown = self.shown(target)
        return shown if self.children(shown) else target

    def county_level_key(self, selection: Iterable[str]) -> str:
        """What the county-level places `selection` covers are called: ``district_sh`` when every one
        is a 区 (Shanghai, Beijing), else ``district`` (区县). No selection = the whole country.

        The Overview's "active districts" card counts county-level places: 有活动的区 is right for
        Shanghai only; the country, a province or a city with counties reads 有活动的区县.
        """
        todo = [c for c in selection if c in self.regions] or list(self.children(None))
        seen: set[str] = set()
        while todo:
            code = todo.pop()
            if code in seen:
                continue
            seen.add(code)
            region = self.regions[code]
            if region.level == "district" and not region.name_zh.endswith("区"):
                return "district"
            todo.extend(self.children(code))
        return "district_sh"

    def name(self, adcode: str | None, lang: str) -> str:
        """Display name; the country is 全国 / China."""
        if adcode is None:
            return t("nationwide", lang)
        region = self.regions.get(adcode)
        return region.name(lang) if region else adcode

    def place_name(self, selection: Iterable[str], lang: str) -> str:
        """What the selection covers, for titles: 全国, 上海市, 浦东新区, 徐汇区、浦东新区 (3 at most)."""
        codes = [c for c in selection if c in self.regions]
        if not codes:
            return t("nationwide", lang)
        sep = ", " if lang == "en" else "、"
        names = [self.name(c, lang) for c in codes[:3]]
        return sep.join(names) + ("…" if len(codes) > 3 else "")

    def picker(self, selection: Iterable[str]) -> tuple[str | None, str | None, tuple[str, ...]]:
        """The sidebar's (province, city, counties) showing `selection` as closely as it can.

        The picker holds one province, one of its cities, or counties of one city (of a province
        whose counties are its children, e.g. 澳门); anything else keeps its first region.
        """
        codes = [c for c in selection if c in self.regions]
        if not codes:
            return None, None, ()
        parents = {self.regions[c].parent for c in codes}
        if len(codes) > 1 and (len(parents) != 1 or any(self.regions[c].level != "district" for c in codes)):
            codes = codes[:1]
        first = self.regions[codes[0]]
        line = self.lineage(first.adcode)
        province = line[0]
        if first.level == "province":
            return province, None, ()
        if first.level == "city":
            return province, first.adcode, ()
        parent = first.parent
        city = parent if parent != province else None
        return province, city, tuple(codes)
