"""Build ``src/newsloom/data/actors/wikidata/sports.tsv.gz``: people of professional baseball with
a Wikidata QID and their dated careers, from a fetched snapshot of the Chadwick Baseball Bureau
Register (``chadwickbureau/register``, Open Data Commons Attribution 1.0; read with ``git show``,
nothing is downloaded).

    python scripts/build_sports_table.py --chadwick /work/.mirror/chadwickbureau+register/repo

The register's ``data/people-*.csv`` shards give each person's name parts, ``key_wikidata`` and
the first and last year played, managed or umpired in Major League Baseball (or, for those who
never reached it, in professional baseball). A shard the snapshot lacks (the store leaves out
some large files) is skipped and named on stderr, so that the table says what it was built from.

Columns: qid, name, aliases, country, gender, offices, source, domain, keys, where ``offices`` is
the career in the people table's form (``role|start|end``) and ``domain`` names the sport, whose
cue words (``data/lexicons/linking.yaml``, ``domain_cues``) an article must contain before a name
links to one of these people.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_actor_kb import _QID, clean, git_show, write  # noqa: E402

SOURCE = "chadwickbureau/register"
SHARDS = "0123456789abcdef"
# (register columns, role): the span of each career the register dates.
CAREERS = (("mlb_played", "Major League Baseball player"), ("mlb_managed", "Major League Baseball manager"),
           ("mlb_umpired", "Major League Baseball umpire"))
PRO = (("pro_played", "professional baseball player"), ("pro_managed", "professional baseball manager"))


def careers(r: dict[str, str]) -> list[str]:
    """A person's dated careers in the people table's ``role|start|end`` form; the professional
    (minor league) span only where no Major League one is dated."""
    out = [f"{role}|{r[f'{key}_first']}|{r[f'{key}_last']}" for key, role in CAREERS
           if r.get(f"{key}_first", "").isdigit() and r.get(f"{key}_last", "").isdigit()]
    if not out:
        out = [f"{role}|{r[f'{key}_first']}|{r[f'{key}_last']}" for key, role in PRO
               if r.get(f"{key}_first", "").isdigit() and r.get(f"{key}_last", "").isdigit()]
    return out


def names(r: dict[str, str]) -> tuple[str, list[str]]:
    """The name a newspaper uses (first name and surname, with "Jr." and the like) and the full
    given names as a variant (the register's nicknames are epithets, "Kid", not first names)."""
    last, suffix = clean(r.get("name_last")), clean(r.get("name_suffix"))
    first = clean(r.get("name_first"))
    tail = f" {suffix}" if suffix else ""
    name = f"{first} {last}{tail}" if first else ""
    variants = {f"{first} {last}"} if suffix and first else set()
    given = clean(r.get("name_given"))
    if given and given != first and last:
        variants.add(f"{given} {last}")
    return name, sorted(variants - {name})


def read_chadwick(repo: Path) -> list[tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for shard in SHARDS:
        text = git_show(repo, f"data/people-{shard}.csv")
        if text is None:
            print(f"data/people-{shard}.csv: not in the snapshot, skipped", file=sys.stderr)
            continue
        for r in csv.DictReader(io.StringIO(text)):
            qid = r.get("key_wikidata", "")
            name, aliases = names(r)
            spans = careers(r)
            if _QID.match(qid) and name and len(name.split()) >= 2 and spans:
                out[qid] = (qid, name, "|".join(aliases), "", "", ";".join(spans), SOURCE, "baseball")
    return sorted(out.values(), key=lambda rec: int(rec[0][1:]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chadwick", type=Path, required=True, help="chadwickbureau/register snapshot (git directory)")
    ap.add_argument("--out", type=Path, default=Path("src/newsloom/data/actors/wikidata"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "sports.tsv.gz",
          ("qid", "name", "aliases", "country", "gender", "offices", "source", "domain"), read_chadwick(args.chadwick))


if __name__ == "__main__":
    main()
