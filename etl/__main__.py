"""Command line: python -m etl {run,synth,evaluate,reference,lake}.

`run` loads structured files and bulletins into the warehouse and publishes it atomically:

    python -m etl run [--source PATH ...] [--db PATH] [--demo/--no-demo] [--quiet]

Exit codes: 0 success (rejected rows are not a failure), 1 failure (message on stderr naming the
file), 2 usage error, 75 another run holds the lock (EX_TEMPFAIL: try again later), 130/143 stopped by
SIGINT/SIGTERM (nothing published).
Subcommand modules are imported only when chosen, so `run` does not pay for the others.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_LOCKED = 75
EXIT_CODES = """exit codes:
  0   published (rows rejected are listed in the rejects table; they are not a failure)
  1   failed: nothing was published, the message names the file or stage
  2   usage error
  75  another run is loading the same warehouse (EX_TEMPFAIL): try again later
  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM: nothing was published, the warehouse is unchanged"""
# Notes of a loaded file that mean values were lost, or records deleted (domain/messages.toml codes).
VALUES_READ_AS_EMPTY = {
    "formulas_without_value",
    "records_withdrawn",
    "industries_unknown",
    "organizer_types_unknown",
    "campaigns_unknown",
}
DELEGATED = {"synth": "etl.synth", "evaluate": "etl.evaluate", "reference": "etl.reference", "lake": "etl.lake"}


def _run(argv: Sequence[str]) -> int:
    from domain import config
    from domain.messages import decode
    from etl import interrupt
    from etl.lock import LockHeld
    from etl.pipeline import run_pipeline, stderr_is_tty
    from etl.publish import PublishError

    parser = argparse.ArgumentParser(
        prog="python -m etl run",
        description="Load input files and publish the warehouse.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--source",
        action="append",
        type=Path,
        metavar="PATH",
        help="file or directory to load (repeatable; default: every file under data/sources/ "
        "and the upload inbox, $QM_INBOX or data/inbox/; dotfiles and dot-directories are skipped)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="published warehouse file (default: $QM_DB or data/warehouse/quality.duckdb)",
    )
    parser.add_argument(
        "--demo",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="--demo adds the deterministic demo rows; --no-demo removes every demo row from the "
        "warehouse (default: add them only when no --source is given, else leave them as they are)",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar and no line per partly rejected file "
        "(failures, unreadable and skipped files are still printed on stderr)",
    )
    args = parser.parse_args(list(argv))
    sources = args.source or [d for d in (config.SOURCES_DIR, config.inbox_dir()) if d.exists()]
    demo = args.demo if args.demo is not None else not args.source
    db = args.db or config.db_path()
    # A scheduler stops a run with SIGTERM: treated like Ctrl-C, so the staging copy is removed, the stop is
    # recorded in etl_runs and said in one line, and the exit code says which signal (128 + its number).
    interrupt.install()
    try:
        summary = run_pipeline(
            sources, db, demo=demo, progress=not args.quiet and stderr_is_tty(), drop_demo=args.demo is False
        )
    except KeyboardInterrupt as exc:
        stop = signal.Signals[str(exc)] if str(exc) in signal.Signals.__members__ else signal.SIGINT
        print(f"etl run: interrupted ({stop.name}): nothing was published, {db} is unchanged", file=sys.stderr)
        return 128 + stop.value
    except LockHeld as exc:
        print(f"etl run: another run is loading {db}: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except PublishError as exc:
        print(f"etl run: {exc}", file=sys.stderr)
        return 1
    for f in summary.files:
        # A file that could not be read at all loses every row of it: said even under --quiet (cron logs).
        # A loaded file whose cells were read as empty (formulas saved without their value) is said like a
        # partly rejected one: its rows loaded, but some of their values did not; so is one whose earlier
        # records it no longer holds (deleted from the warehouse, etl.load.withdraw_missing).
        lost = {m.get("code") for m in decode(f.messages)} & VALUES_READ_AS_EMPTY
        if f.status == "unreadable" or ((f.status != "ok" or lost) and not args.quiet):
            print(
                f"etl run: {f.source}: {f.status}: {f.rejected:,} rejected" + (f" ({f.message})" if f.message else ""),
                file=sys.stderr,
            )
    for path, why in summary.skipped:
        print(f"etl run: skipped {path}: {why}", file=sys.stderr)
    if summary.rows_rejected and not args.quiet:
        print(f"etl run: top reasons of the {summary.rows_rejected:,} rejected row(s):", file=sys.stderr)
        for code, n, example in summary.top_reasons:
            print(f"  {n:>7,}  {code}: {example}", file=sys.stderr)
        rest = summary.rows_rejected - sum(n for _c, n, _e in summary.top_reasons)
        if rest > 0:
            print(f"  {rest:>7,}  (other reasons: in the rejects table, see below)", file=sys.stderr)
        # A hint for the reader (printed, never run): where every rejected row is listed.
        hint = "SELECT source, locator, reason FROM rejects WHERE run_id = "
        print(
            f"etl run: every rejected row (file, row, reason) is on the dashboard's Data status page and in the "
            f"rejects table of {db}:\n  {hint}'{summary.run_id}'",
            file=sys.stderr,
        )
    print(summary.line())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch a subcommand; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = ["run", *DELEGATED]
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in commands:
        asked = bool(argv) and argv[0] in ("-h", "--help")
        # Help asked for is the output (stdout, `| less` reads it); a usage error is said on stderr, naming the word.
        unknown = f"python -m etl: unknown command '{argv[0]}'\n" if argv and not asked else ""
        print(
            f"{unknown}usage: python -m etl {{{','.join(commands)}}} [options]\n"
            "  run        load files and publish the warehouse (python -m etl run --help)\n"
            "  synth      write demo/benchmark records\n"
            "  evaluate   score the bulletin extractor against its gold set\n"
            "  reference  build the regions and boundaries tables\n"
            "  lake       write the published warehouse as a Parquet lake ($QM_LAKE)",
            file=sys.stdout if asked else sys.stderr,
        )
        return 0 if asked else 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        return _run(rest)
    module = importlib.import_module(DELEGATED[command])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
