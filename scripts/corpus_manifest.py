"""Keep a labelled bulletin set reproducible without keeping its third-party text in the repository.

A set gathered by the team (``/work/corpus-N``: ``raw/*.txt``, ``labels.csv``, ``SOURCES.md``) holds
text the team did not write, so the text stays outside the repository. What the team did write — the
list of addresses and the labels — is kept in ``docs/corpora/`` so the set can be rebuilt and checked:

    python scripts/corpus_manifest.py write /work/corpus-7 docs/corpora/corpus-7
        # docs/corpora/corpus-7.sources.csv: doc, address, sha256 and length of each text
        # docs/corpora/corpus-7.labels.csv: the labels without their `evidence` column (a quote)
    python scripts/corpus_manifest.py check /work/corpus-7 docs/corpora/corpus-7
        # exit 1 and name each file that is missing or differs from the manifest

A rebuilt set is the texts fetched again from the addresses and saved as ``raw/<doc>``; ``check``
says whether each is the text that was labelled. The labels file is then used as ``labels.csv``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

# "name.txt — address — description" or "name.txt | address | description"
SOURCE_LINE = re.compile(r"(?P<doc>[\w.-]+\.txt)\s*(?:—|\||,)\s*(?P<address>\S+)")
QUOTED = ("evidence",)


def read_sources(path: Path) -> dict[str, str]:
    """doc → address, from a SOURCES.md with one line per file."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = SOURCE_LINE.search(line)
        if m:
            out[m["doc"]] = m["address"].rstrip(".,;")
    return out


def digest(path: Path) -> tuple[str, int]:
    text = path.read_bytes()
    return hashlib.sha256(text).hexdigest(), len(text.decode("utf-8"))


def write(corpus: Path, out: Path) -> int:
    sources = read_sources(corpus / "SOURCES.md")
    docs = sorted(p.name for p in (corpus / "raw").glob("*.txt"))
    missing = [d for d in docs if d not in sources]
    if missing:
        print(f"{corpus / 'SOURCES.md'}: no address for {', '.join(missing)}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{out}.sources.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc", "address", "sha256", "chars"])
        for d in docs:
            w.writerow([d, sources[d], *digest(corpus / "raw" / d)])
    with open(corpus / "labels.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in (rows[0].keys() if rows else []) if f not in QUOTED]
    with open(f"{out}.labels.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{out}.sources.csv: {len(docs)} documents; {out}.labels.csv: {len(rows)} labels")
    return 0


def check(corpus: Path, manifest: Path) -> int:
    with open(f"{manifest}.sources.csv", encoding="utf-8", newline="") as fh:
        expected = list(csv.DictReader(fh))
    bad = []
    for row in expected:
        path = corpus / "raw" / row["doc"]
        if not path.exists():
            bad.append(f"{path}: missing (fetch it again from {row['address']})")
        elif digest(path)[0] != row["sha256"]:
            bad.append(f"{path}: differs from the text that was labelled ({row['address']})")
    for line in bad:
        print(line, file=sys.stderr)
    print(f"{len(expected) - len(bad)} of {len(expected)} documents as labelled")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("write", "check"))
    ap.add_argument("corpus", type=Path, help="folder holding raw/, labels.csv and SOURCES.md")
    ap.add_argument("manifest", type=Path, help="path prefix of the manifest, e.g. docs/corpora/corpus-7")
    args = ap.parse_args(argv)
    return (write if args.action == "write" else check)(args.corpus, args.manifest)


if __name__ == "__main__":
    sys.exit(main())
