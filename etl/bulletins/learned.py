"""Learned scoring of candidate events and places (stage: after the rules' drafts, before assembly).

The rules yield one draft per event they recognise, and leave a field empty when they cannot settle
it. This stage scores candidates with two small logistic models learnt from every labelled record
the repository holds (`python -m etl.bulletins.train`), instead of one more hand rule per class:

- the event model scores each sentence naming an activity or an event verb: a draft the rules left
  without a place (or a day) takes it from the best sentence of the same day (place) scoring at
  least an even chance; it can also add a record for a high-scoring sentence the rules left alone,
  which is off in the committed model (``Model.adds``: cross-validated, it cost precision);
- the place model scores the places the report's other events have, for a draft still without one.

Features are generic, not phrases: where the sentence sits (title, opening, closing line, numbered
item), what it holds (an event verb, an activity word, a count, a date at which precision, a place,
a plan, habitual or purpose word, a campaign), how it relates to the rules' events (same paragraph,
distance, whether its place, day and kind are new) and the document's language. The weights are a
JSON file in the package (event_model.json), applied with plain Python: nothing is loaded from
anywhere else.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from domain import numbers
from domain.gazetteer import Gazetteer, Match

from . import rules
from .dates import find_dates
from .document import DocContext, Section, Sentence, is_meta, split_sentences
from .fields import Draft, draft_from
from .places import regions_in
from .segment import ITEM_RE

MODEL_PATH = Path(__file__).with_name("event_model.json")
# A draft left without a place or day takes it from a candidate the model gives at least an even chance.
FILL_AT = 0.5

# The features, in the order the weights are stored. Each is 0/1 unless said otherwise.
FEATURES: tuple[str, ...] = (
    "lang_en",
    "in_title",
    "in_opening",  # the first paragraph after the title
    "in_closing",  # the last paragraph
    "position",  # paragraph index / paragraphs (0..1)
    "first_in_paragraph",
    "numbered_item",
    "meta_line",  # a source, author or date line
    "event_verb",
    "activity_word",
    "held_word",  # 召开/举行/举办, held/hosted
    "plan_word",
    "habitual_word",  # 每年/历年/every year: what is done each year, not an event
    "purpose_word",  # 为了/旨在/in order to: the reason, not the event
    "attend_word",
    "campaign_word",
    "count",
    "doc_title_mark",  # 《…》: a document's title
    "connective_opening",  # 同时/此外/随后/also/meanwhile… opening the sentence
    "own_date_day",
    "own_date_month",
    "own_date_year",
    "own_date_relative",
    "date_opens",  # a date within the sentence's first characters
    "own_place",
    "long",  # over 80 characters
    "short",  # under 16 characters
    "rule_paragraph",  # a paragraph in which the rules found an event
    "rule_near",  # within two sentences of a rule's event sentence
    "rules_several",  # the rules found two or more events in the document
    "draft_day",
    "draft_month",
    "draft_year_only",
    "draft_region",
    "draft_county",
    "draft_new_date",  # its resolved day is none of the rules' events' days
    "draft_new_region",
    "draft_typed",  # an activity type other than 'other'
    "draft_new_type",
    "draft_organizer",
)

# The features of a place a draft left without one may take from the rest of the report.
PLACE_FEATURES: tuple[str, ...] = (
    "lang_en",
    "share_of_others",  # the share of the report's other drafts placed there (0..1)
    "others_several",  # the report has two or more other drafts
    "is_scope",  # the report's own place (its title's, else its dateline's)
    "is_intro",  # the place its opening names
    "in_title",
    "level_province",
    "level_city",
    "level_district",
    "sentence_names_place",  # the draft's own sentence names some place
    "paragraph_names_place",
    "same_paragraph",  # another draft of the same paragraph is placed there
    "nearest",  # the place of the nearest other draft
    "draft_day",
)

_HELD = re.compile(r"召开|举行|举办|开幕|启动|\b(?:held|hosted|convened|launched|kicked off)\b", re.IGNORECASE)
_HABITUAL = re.compile(r"每年|每逢|历年|年年|每届|一年一度|\b(?:every year|each year|annually|yearly)\b", re.IGNORECASE)
_PURPOSE = re.compile(
    r"为了|为进一步|为深入|为推动|为加强|为提升|旨在|以便|\b(?:in order to|aims? to|so as to)\b", re.IGNORECASE
)
_CONNECTIVE = re.compile(
    r"^\s*(?:同时|此外|另外|随后|其间|期间|当天|当日|次日|会后|会上|还|并|\b(?:also|meanwhile|in addition|besides|later|then)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Model:
    """A logistic model over `FEATURES`: P(event) = sigmoid(bias + sum(w * x)).

    ``adds``: whether a candidate scoring at or above ``threshold`` becomes a draft of its own.
    Off in the committed model: cross-validated on the dev corpora it added wrong records and
    found no missed one (README, "Bulletin extraction"); the fills of places and days are on."""

    weights: dict[str, float]
    bias: float
    threshold: float
    adds: bool = False
    place_weights: dict[str, float] | None = None  # over PLACE_FEATURES: a place for a draft that has none
    place_bias: float = 0.0

    def score(self, features: dict[str, float]) -> float:
        return _logistic(self.bias, self.weights, features)

    def place_score(self, features: dict[str, float]) -> float:
        return _logistic(self.place_bias, self.place_weights or {}, features)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "bias": self.bias,
            "weights": [self.weights.get(f, 0.0) for f in FEATURES],
            "threshold": self.threshold,
            "adds": self.adds,
            "place": None
            if self.place_weights is None
            else {
                "features": list(PLACE_FEATURES),
                "bias": self.place_bias,
                "weights": [self.place_weights.get(f, 0.0) for f in PLACE_FEATURES],
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        names = data["features"]
        if list(names) != list(FEATURES):
            raise ValueError("model file: its features differ from etl.bulletins.learned.FEATURES (retrain it)")
        weights = dict(zip(names, map(float, data["weights"]), strict=True))
        place = data.get("place")
        if place is not None and list(place["features"]) != list(PLACE_FEATURES):
            raise ValueError(
                "model file: its place features differ from etl.bulletins.learned.PLACE_FEATURES (retrain it)"
            )
        return cls(
            weights,
            float(data["bias"]),
            float(data["threshold"]),
            bool(data.get("adds", False)),
            None if place is None else dict(zip(PLACE_FEATURES, map(float, place["weights"]), strict=True)),
            0.0 if place is None else float(place["bias"]),
        )


def _logistic(bias: float, weights: dict[str, float], features: dict[str, float]) -> float:
    z = bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The committed model (None when the file is missing: the rules then read alone)."""
    if not path.exists():
        return None
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")))


_override: list[Model | None] = []


@contextmanager
def using(model: Model | None) -> Iterator[None]:
    """Read with ``model`` instead of the committed one (None: rules only); for training and evaluation."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def current_model() -> Model | None:
    return _override[-1] if _override else load_model()


@dataclass
class Candidate:
    """A sentence the rules left alone, its draft and its features."""

    sentence: Sentence
    draft: Draft
    features: dict[str, float]
    taken: bool = False  # one of the drafts' own sentences (only with ``with_taken``)
    others: list[Draft] = field(default_factory=list)  # the drafts at other sentences


def _key_date(d: Draft) -> tuple | None:
    return (d.start, d.precision) if d.start is not None else None


def _key_region(d: Draft) -> str | None:
    return d.region.resolution.region.adcode if d.region is not None else None


def event_key(d: Draft) -> tuple:
    """What tells two events of one report apart: place, day (at its precision) and kind."""
    return (_key_region(d), _key_date(d), d.activity_type)


def candidates(
    ctx: DocContext,
    gazetteer: Gazetteer,
    drafts: list[Draft],
    with_taken: bool = False,
    dated_only: bool = False,
    only: Callable[[str], bool] | None = None,
) -> list[Candidate]:
    """Every sentence that names an activity or an event verb, with its draft (fields resolved as
    for a further event) and its features. The drafts' own sentences are left out unless
    ``with_taken`` (training: each is then seen as if the rules had not found it, its features
    relating it to the other drafts only). ``dated_only``: only sentences that state a date;
    ``only``: only sentences whose text it accepts (tested before anything is resolved)."""
    sents = [s for p in ctx.paragraphs for s in split_sentences(p)]
    if not sents:
        return []
    at = [((d.sentence.para.index, d.sentence.start) if d.sentence is not None else None) for d in drafts]
    taken = set(at) - {None}
    n_paras = max(len(ctx.paragraphs), 1)
    first_body = next((p.index for p in ctx.paragraphs if ctx.title is None or p is not ctx.title), None)
    last = ctx.paragraphs[-1].index
    out = []
    for i, s in enumerate(sents):
        text = s.text
        here = (s.para.index, s.start)
        if (here in taken and not with_taken) or len(text) < 6 or (only is not None and not only(text)):
            continue
        verb = bool(rules.EVENT_VERB_RE.search(text))
        typed = rules.classify_type(text)
        if not (verb or typed):
            continue
        mentions = find_dates(text)
        if dated_only and not mentions:
            continue
        others = [d for d, a in zip(drafts, at, strict=True) if a != here]
        other_at = {a for d, a in zip(drafts, at, strict=True) if a != here}
        rule_paras = {d.sentence.para.index for d in others if d.sentence is not None}
        rule_pos = [j for j, x in enumerate(sents) if (x.para.index, x.start) in other_at]
        dates = {_key_date(d) for d in others} - {None}
        regions = {_key_region(d) for d in others} - {None}
        types = {d.activity_type for d in others}
        m = mentions[0] if mentions else None
        before = next(
            (d for d in reversed(others) if d.sentence is not None and d.sentence.para.index <= s.para.index), None
        )
        fallback = before.region if before is not None else ctx.intro_region
        para_sents = split_sentences(s.para)
        draft = draft_from(s, para_sents, Section("body", [s.para]), ctx, gazetteer, fallback, None, further=True)
        f = {
            "lang_en": float(ctx.lang == "en"),
            "in_title": float(ctx.title is not None and s.para is ctx.title),
            "in_opening": float(s.para.index == first_body),
            "in_closing": float(s.para.index == last),
            "position": (s.para.index - 1) / n_paras,
            "first_in_paragraph": float(s.start == 0),
            "numbered_item": float(bool(ITEM_RE.match(s.para.text))),
            "meta_line": float(is_meta(s.para.text)),
            "event_verb": float(verb),
            "activity_word": float(typed is not None),
            "held_word": float(bool(_HELD.search(text))),
            "plan_word": float(bool(rules.FUTURE_RE.search(text))),
            "habitual_word": float(bool(_HABITUAL.search(text))),
            "purpose_word": float(bool(_PURPOSE.search(text))),
            "attend_word": float(bool(rules.ATTEND_RE.search(text))),
            "campaign_word": float(rules.find_campaign(text) is not None),
            "count": float(bool(numbers.find_counts(text))),
            "doc_title_mark": float("《" in text),
            "connective_opening": float(bool(_CONNECTIVE.search(text))),
            "own_date_day": float(m is not None and m.day is not None),
            "own_date_month": float(m is not None and m.day is None and m.month is not None),
            "own_date_year": float(m is not None and m.month is None and m.relative is None),
            "own_date_relative": float(m is not None and m.relative is not None),
            "date_opens": float(m is not None and m.start < 8),
            "own_place": float(bool(regions_in(text, ctx, gazetteer))),
            "long": float(len(text) > 80),
            "short": float(len(text) < 16),
            "rule_paragraph": float(s.para.index in rule_paras),
            "rule_near": float(any(abs(i - j) <= 2 for j in rule_pos)),
            "rules_several": float(len(others) >= 2),
            "draft_day": float(draft.precision == "day"),
            "draft_month": float(draft.precision == "month"),
            "draft_year_only": float(draft.precision == "year"),
            "draft_region": float(draft.region is not None),
            "draft_county": float(draft.region is not None and draft.region.resolution.region.level == "district"),
            "draft_new_date": float(_key_date(draft) is not None and _key_date(draft) not in dates),
            "draft_new_region": float(_key_region(draft) is not None and _key_region(draft) not in regions),
            "draft_typed": float(draft.activity_type != "other"),
            "draft_new_type": float(draft.activity_type not in types),
            "draft_organizer": float(draft.organizer is not None),
        }
        out.append(Candidate(s, draft, f, here in taken, others))
    return out


def place_candidates(
    ctx: DocContext, gazetteer: Gazetteer, draft: Draft, others: list[Draft]
) -> list[tuple[Match, dict[str, float]]]:
    """The places the rest of the report offers a draft (those of its other drafts), each with its
    features over `PLACE_FEATURES`."""
    pool: dict[str, Match] = {}
    for m in [o.region for o in others]:
        # Only a place the report gives another of its events: its own place (title, dateline,
        # signature) alone is no evidence for this one (a report's field it cannot read stays empty).
        if m is not None:
            pool.setdefault(m.resolution.region.adcode, m)
    if not pool or draft.sentence is None:
        return []
    para = draft.sentence.para.index
    placed = [o for o in others if o.region is not None and o.sentence is not None]
    nearest = min(placed, key=lambda o: (abs(o.sentence.para.index - para), o.sentence.para.index), default=None)
    title = ctx.title.text if ctx.title is not None else ""
    own = bool(regions_in(draft.sentence.text, ctx, gazetteer))
    in_para = own or bool(regions_in(draft.sentence.para.text, ctx, gazetteer))
    out = []
    for code, m in pool.items():
        level = m.resolution.region.level
        f = {
            "lang_en": float(ctx.lang == "en"),
            "share_of_others": sum(_key_region(o) == code for o in others) / len(others) if others else 0.0,
            "others_several": float(len(others) >= 2),
            "is_scope": float(ctx.scope is not None and _adcode(ctx.scope) == code),
            "is_intro": float(ctx.intro_region is not None and _adcode(ctx.intro_region) == code),
            "in_title": float(bool(title) and m.surface in title),
            "level_province": float(level == "province"),
            "level_city": float(level == "city"),
            "level_district": float(level == "district"),
            "sentence_names_place": float(own),
            "paragraph_names_place": float(in_para),
            "same_paragraph": float(any(o.sentence.para.index == para and _key_region(o) == code for o in placed)),
            "nearest": float(nearest is not None and _key_region(nearest) == code),
            "draft_day": float(draft.precision == "day"),
        }
        out.append((m, f))
    return out


def _adcode(m: Match) -> str:
    return m.resolution.region.adcode


def recovered(ctx: DocContext, gazetteer: Gazetteer, drafts: list[Draft], model: Model | None = None) -> list[Draft]:
    """What the model adds to the rules' drafts, in place and as new drafts.

    - A draft the rules left without a place (or a day) takes it from the best-scoring candidate
      (at least an even chance) that agrees with the day (the place) it has.
    - A draft still without a place takes the best of the places the rest of the report offers
      (`place_candidates`), scored by the place model, when that is at least an even chance.
    - When the model ``adds``: a candidate scoring at or above its threshold whose place and day
      are both resolved and whose (place, day, kind) no draft has becomes a draft of its own."""
    model = model or current_model()
    if model is None or not (model.adds or any((d.region is None) != (d.start is None) for d in drafts)):
        return []  # nothing to decide: the candidates are not read (they cost as much as the rules)
    # Without adds only a sentence stating its own date can settle a draft's missing place or day.
    found = candidates(ctx, gazetteer, drafts, dated_only=not model.adds)
    scored = sorted(
        ((model.score(c.features), n, c) for n, c in enumerate(found)),
        key=lambda t: (-t[0], t[1]),
    )

    def best(has, key, d):
        """The best-scored candidate over the fill threshold that has the missing field and shares the other."""
        return next((c for p, _, c in scored if p >= FILL_AT and has(c.draft) and key(c.draft) == key(d)), None)

    for d in drafts:
        if d.region is None and d.start is not None:
            filler = best(lambda x: x.region is not None, _key_date, d)
            if filler is not None:
                d.region = filler.draft.region
        elif d.start is None and d.region is not None:
            filler = best(lambda x: x.start is not None, _key_region, d)
            if filler is not None:
                d.start, d.end, d.precision = filler.draft.start, filler.draft.end, filler.draft.precision
    if model.place_weights is not None:
        for d in drafts:
            if d.region is None and d.start is not None:
                offered = place_candidates(ctx, gazetteer, d, [o for o in drafts if o is not d])
                best = max(offered, key=lambda t: model.place_score(t[1]), default=None)
                if best is not None and model.place_score(best[1]) >= FILL_AT:
                    d.region = best[0]
    if not model.adds:
        return []
    keys = {event_key(d) for d in drafts}
    added = []
    for p, _, c in scored:
        d = c.draft
        key = event_key(d)
        if p < model.threshold or d.start is None or d.region is None or key in keys:
            continue
        keys.add(key)
        added.append(d)
    return added
