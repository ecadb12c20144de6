"""Our bulletin date reading against libraries made for the job, on the labelled evidence.

For every label of the read folds (never fold --unread) that states a date, the label's evidence
phrase (the shortest text that supports its date and place) is read three ways, each anchored on
the same document context (the bulletin's dateline, else the year it reports on):

- ours: ``find_dates`` + the reader's choice of the event's date + ``resolve_date``;
- jionlp ``ner.extract_time`` (Chinese time expressions, with ``time_base``), first expression;
- dateparser ``search.search_dates`` (English evidence; ``RELATIVE_BASE``), first expression.

Each reading is scored at the label's precision: right, wrong or none (nothing read). cn2an is
measured against ``domain.numbers.cn_to_int`` (the one Chinese-numeral reader
the date patterns use) on the numerals a date is written with (一 … 三十一).

    python bench/date_libs.py [--folds 5 --unread 2]
    python bench/date_libs.py --set tests/fixtures/bulletins_readerdates2 tests/fixtures/bulletins_readerdates2/labels.csv

The libraries are optional here (this script is the only user); install them to measure:
``pip install jionlp==1.5.31 dateparser==1.5.0 cn2an==0.5.24``.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SETS = (
    (Path("/work/shared/corpus/raw"), Path("/work/shared/corpus/labels.csv")),
    (Path("/work/shared/corpus-2/raw"), Path("/work/shared/corpus-2/labels.csv")),
)


def _at(value: date | None, label: str) -> str | None:
    if value is None:
        return None
    return value.isoformat()[: len(label)]


def _grade(got: str | None, label: str) -> str:
    return "none" if got is None else ("right" if got == label else "wrong")


def main(argv: list[str] | None = None) -> int:
    from domain.gazetteer import Gazetteer
    from etl.bulletins.cleaning import clean_paragraphs
    from etl.bulletins.context import build_context
    from etl.bulletins.dates import event_mention, find_dates, resolve_date
    from etl.bulletins.reading import read_bulletin
    from etl.evaluate import fold_of, load_labels

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--unread", type=int, default=2, help="the fold never read (skipped)")
    ap.add_argument(
        "--set",
        nargs=2,
        action="append",
        metavar=("DOCS", "LABELS"),
        help="read these documents and labels instead (own bulletin sets: every label is read)",
    )
    args = ap.parse_args(argv)
    sets = [(Path(d), Path(lab)) for d, lab in args.set] if args.set else SETS
    if args.set:
        args.unread = -1

    import cn2an
    import dateparser.search
    import jionlp

    gz = Gazetteer.load()
    tally = {k: {"right": 0, "wrong": 0, "none": 0} for k in ("ours zh", "ours en", "jionlp", "dateparser")}
    by_lang = {"zh": 0, "en": 0}
    cpu = {k: 0.0 for k in ("ours", "jionlp", "dateparser")}
    diffs = []
    for docs, labels in sets:
        ctxs = {}
        for row in load_labels(labels):
            if fold_of(row.doc, args.folds) == args.unread or not row.date or not row.note:
                continue
            if row.doc not in ctxs:
                text, _meta = read_bulletin(docs / row.doc)
                ctxs[row.doc] = build_context(row.doc, clean_paragraphs(text), None, gz)
            ctx = ctxs[row.doc]
            ev = " ".join(p.text for p in clean_paragraphs(row.note))
            year = ctx.context_year or ctx.ordinal_year or ctx.text_year
            anchor = ctx.dateline or (date(year, 12, 31) if year else None)
            by_lang[ctx.lang] += 1
            got = {}

            t = time.process_time()
            s, _e, prec = resolve_date(event_mention(find_dates(ev), ev), ev, ctx)
            got["ours"] = _at(s, row.date) if prec and (prec != "year" or len(row.date) == 4) else None
            cpu["ours"] += time.process_time() - t

            t = time.process_time()
            got["jionlp"] = None
            if anchor is not None and ctx.lang == "zh":
                try:
                    found = jionlp.ner.extract_time(ev, time_base=datetime(anchor.year, anchor.month, anchor.day))
                except Exception:  # a library failure counts as nothing read
                    found = []
                stamps = [
                    f["detail"]["time"]
                    for f in found
                    if isinstance(f["detail"].get("time"), list) and str(f["detail"]["time"][0])[:1].isdigit()
                ]
                # the same choice as ours: the first expression that states a day, else the first
                day = next((t for t in stamps if t[0][:10] == t[1][:10]), stamps[0] if stamps else None)
                got["jionlp"] = day[0][: len(row.date)] if day else None
            cpu["jionlp"] += time.process_time() - t

            t = time.process_time()
            got["dateparser"] = None
            if ctx.lang == "en":
                settings = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "MDY", "REQUIRE_PARTS": ["month"]}
                if anchor is not None:
                    settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
                hits = dateparser.search.search_dates(ev, languages=["en"], settings=settings) or []
                # the first hit that names a day of a month (search_dates also returns bare years)
                pick = next((h for h in hits if any(c.isdigit() for c in h[0]) and not h[0].strip().isdigit()), None)
                got["dateparser"] = pick[1].date().isoformat()[: len(row.date)] if pick else None
            cpu["dateparser"] += time.process_time() - t

            tally[f"ours {ctx.lang}"][_grade(got["ours"], row.date)] += 1
            lib = "jionlp" if ctx.lang == "zh" else "dateparser"
            tally[lib][_grade(got[lib], row.date)] += 1
            if len({got["ours"], got["jionlp" if ctx.lang == "zh" else "dateparser"]}) > 1:
                diffs.append(
                    f"  {row.doc}: label {row.date} ours {got['ours']} lib "
                    f"{got['jionlp' if ctx.lang == 'zh' else 'dateparser']}"
                )
    print(
        f"dated labels read: zh {by_lang['zh']}, en {by_lang['en']} ({'own sets' if args.set else 'read folds only'})"
    )
    for k, v in tally.items():
        n = sum(v.values())
        print(
            f"{k:<11} right {v['right']:>3}  wrong {v['wrong']:>3}  none {v['none']:>3}  of {n:>3}  "
            f"cpu {cpu[k.split()[0]] * 1000:.0f} ms"
        )
    print("where ours and the library differ:")
    print("\n".join(diffs) or "  (none)")

    def small_ours(s: str) -> int | None:
        from domain.numbers import cn_to_int

        return cn_to_int(s)

    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    numerals += ["十" + n for n in numerals[:9]] + ["二十"] + ["二十" + n for n in numerals[:9]]
    numerals += ["三十", "三十一", "两", "〇", "廿一"]
    agree = sum(1 for n in numerals if small_ours(n) == _safe_cn2an(cn2an, n))
    print(
        f"cn2an vs ours on {len(numerals)} date numerals: {agree} agree; "
        + ", ".join(
            f"{n}: ours {small_ours(n)} cn2an {_safe_cn2an(cn2an, n)}"
            for n in numerals
            if small_ours(n) != _safe_cn2an(cn2an, n)
        )
    )
    return 0


def _safe_cn2an(cn2an, s: str) -> int | None:
    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):
        return None


if __name__ == "__main__":
    raise SystemExit(main())
