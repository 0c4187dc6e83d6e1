"""Build the Wikidata-derived actor tables under src/newsloom/data/actors/wikidata/ from fetched
snapshots of public repositories (git directories, read with ``git show``; nothing is downloaded).

    python scripts/build_actor_kb.py --eps /work/.mirror/every-politician-scrapers+*/repo \
        --congress /work/.mirror/unitedstates+congress-legislators/repo \
        --partyfacts /work/.mirror/hdigital+partyfactsdata/repo \
        --supraverden /work/.mirror/confirmordeny+supraverden/repo \
        --petrarch /work/.mirror/openeventdata+petrarch2/repo \
        --nsi /work/.mirror/osmlab+name-suggestion-index/repo

Output (tab-separated, gzip, sorted so that the build is reproducible byte for byte):
  people.tsv.gz      qid, name, aliases, country, gender, offices, source, keys  (CC0 facts)
  parties.tsv.gz     qid, name, aliases, country, kind, source              (Party Facts, MIT)
  supraverden.tsv.gz qid, name, aliases, country, kind, source              (CC BY-SA 4.0)
  groups.tsv.gz      code, name, aliases, country, kind, source             (Phoenix/CAMEO, MIT)
  nsi.tsv.gz         qid, name, aliases, country, kind, source              (name-suggestion-index, BSD-3)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from newsloom.understand.kb import fold_words

# The state each every-politician-scrapers repository covers (its offices are of that state).
REPO_COUNTRY = {
    "argentina-ministers": "ARG", "australia-cabinet": "AUS", "brazil-ministers": "BRA",
    "canada-cabinet": "CAN", "canada-house-of-commons": "CAN", "china-ministers": "CHN",
    "france-cabinet": "FRA", "india-lok-sabha": "IND", "india-ministers": "IND",
    "indonesia-ministers": "IDN", "iran-ministers": "IRN", "israel-ministers": "ISR",
    "italy-ministers": "ITA", "japan-ministers": "JPN", "mexico-ministers": "MEX",
    "nigeria": "NGA", "pakistan-ministers": "PAK", "poland-sejm": "POL", "russia-cabinet": "RUS",
    "saudi-ministers": "SAU", "south-africa-cabinet": "ZAF", "south-korea-ministers": "KOR",
    "spain-ministers": "ESP", "turkey-ministers": "TUR", "ukraine-cabinet": "UKR",
    "united-kingdom-cabinet": "GBR", "us-cabinet": "USA", "us-governors": "USA",
    "european-parliament": "EU", "eu-cabinets": "EU",
    "philippines-ministers": "PHL", "belarus-ministers": "BLR", "kenya": "KEN", "hungary-cabinet": "HUN",
    "taiwan": "TWN", "new-zealand-cabinet": "NZL", "sweden-cabinet": "SWE", "greece-cabinet": "GRC",
    "vietnam": "VNM", "portugal-cabinet": "PRT", "norway-cabinet": "NOR", "finland-cabinet": "FIN",
    "denmark-cabinet": "DNK", "czech-ministers": "CZE", "chile-ministers": "CHL",
    "singapore-ministers": "SGP", "malaysia-ministers": "MYS", "uae-ministers": "ARE", "zimbabwe": "ZWE",
    "hong-kong": "CHN", "kazakhstan-cabinet": "KAZ", "romania-cabinet": "ROU",
}
# A state's Wikidata QID -> ISO alpha-3, from the curated countries file of this repository.
_COUNTRIES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "src/newsloom/data/actors/countries.yaml").read_text("utf-8"))
STATE_ISO = {str(c["wikidata"]): str(c["iso3"]) for c in _COUNTRIES if c.get("wikidata") and c.get("iso3")}
ISO2_ISO3 = {str(c["iso2"]).lower(): str(c["iso3"]) for c in _COUNTRIES if c.get("iso2") and c.get("iso3")}
TABLES = ("html/holders21.csv", "html/legislators.csv", "html/current.csv")
_QID = re.compile(r"^Q\d+$")
_TAB = re.compile(r"[\t\r\n]+")
# Phoenix variants often carry a title ("Secretary of State Clinton"); those are roles, not names.
_TITLE_WORDS = frozenset("of the secretary president minister senator sen gov governor general prime "
                         "chairman leader king queen prince mr mrs ms dr rep vice first lady ambassador "
                         "foreign defense defence chief premier speaker former candidate administration "
                         "government regime campaign family".split())


def git_show(repo: Path, path: str) -> str | None:
    done = subprocess.run(["git", "--git-dir", str(repo if repo.name.endswith(".git") or (repo / "HEAD").exists()
                                                 else repo / ".git"), "show", f"HEAD:{path}"],
                          capture_output=True)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def rows(text: str | None) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(text)) if text else ()


def clean(text: str | None) -> str:
    return _TAB.sub(" ", text or "").strip()


def year(date: str | None) -> str:
    date = (date or "").strip()
    return date[:4] if date[:4].isdigit() else ""


class People:
    """People by QID with their names and dated offices, merged across sources."""

    def __init__(self) -> None:
        self.name: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self.country: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.offices: dict[str, set[tuple[str, str, str]]] = {}
        self.sources: dict[str, set[str]] = {}

    def add(self, qid: str, name: str, source: str, country: str = "", gender: str = "") -> None:
        name = clean(name)
        if not _QID.match(qid) or not name or _QID.match(name):
            return
        self.name.setdefault(qid, name)
        if name != self.name[qid]:
            self.aliases.setdefault(qid, set()).add(name)
        if country:
            self.country.setdefault(qid, country)
        if gender in ("male", "female", "M", "F"):
            self.gender.setdefault(qid, gender[0].lower())
        self.sources.setdefault(qid, set()).add(source)

    def office(self, qid: str, role: str, start: str, end: str) -> None:
        if qid in self.name and year(start):
            self.offices.setdefault(qid, set()).add((clean(role).replace("|", "/").replace(";", ","),
                                                     year(start), year(end)))

    def merged_offices(self, qid: str) -> list[tuple[str, str, str]]:
        """Consecutive terms of one role become one span (a legislator's two-year terms)."""
        out: list[list[str]] = []
        for role, start, end in sorted(self.offices.get(qid, ()), key=lambda o: (o[0], o[1], o[2] or "9999")):
            last = out[-1] if out else None
            if last and last[0] == role and last[2] and int(start) <= int(last[2]) + 1:
                last[2] = "" if not end else max(last[2], end)
            elif last and last[0] == role and not last[2]:
                continue
            else:
                out.append([role, start, end])
        return sorted((tuple(o) for o in out), key=lambda o: (o[1], o[0]))  # type: ignore[misc]


def read_eps(people: People, repo: Path) -> None:
    name = repo.parent.name.split("+", 1)[-1] if repo.name in ("repo", ".git") else repo.name
    source = f"every-politician-scrapers/{name}"
    country = REPO_COUNTRY.get(name, "")
    bio = {r["id"]: r for r in rows(git_show(repo, "html/bio.csv")) if r.get("id")}
    for table in TABLES:
        for r in rows(git_show(repo, table)):
            qid = r.get("personID", "")
            b = bio.get(qid, {})
            people.add(qid, r.get("person") or b.get("name", ""), source, country,
                       r.get("gender") or b.get("gender", ""))
            people.office(qid, r.get("position", ""), r.get("start", ""), r.get("end", ""))
    for r in rows(git_show(repo, "data/wikidata.csv")):
        if r.get("officeholder"):  # world-leaders-*: every state's heads, dated, with the state's QID
            qid = r["officeholder"]
            people.add(qid, r.get("officeholderLabel", ""), source, STATE_ISO.get(r.get("countryid", ""), ""))
            people.office(qid, r.get("positionLabel", ""), r.get("start_year", ""), r.get("end_year", ""))
        else:  # current holders, undated: names only
            people.add(r.get("wdid") or r.get("item", ""), r.get("name", ""), source, country, r.get("gender", ""))


def read_congress(people: People, repo: Path) -> None:
    roles = {"rep": "United States representative", "sen": "United States senator",
             "prez": "President of the United States", "viceprez": "Vice President of the United States"}
    for path in ("legislators-current.yaml", "legislators-historical.yaml", "executive.yaml"):
        text = git_show(repo, path)
        for p in yaml.safe_load(text) if text else ():
            qid = str(p.get("id", {}).get("wikidata") or "")
            n = p.get("name", {})
            full = n.get("official_full") or " ".join(x for x in (n.get("first"), n.get("last")) if x)
            people.add(qid, full, "unitedstates/congress-legislators", "USA", p.get("bio", {}).get("gender", ""))
            if qid in people.name:
                for first in (n.get("first"), n.get("nickname")):
                    if first and n.get("last"):
                        people.aliases.setdefault(qid, set()).add(f"{first} {n['last']}")
                middle = str(n.get("middle") or "").strip()
                if n.get("first") and n.get("last") and middle[:1].isalpha():
                    # Newspapers in the house style of "Charles E. Grassley" write the middle initial.
                    initial = middle[0] + "." if len(middle.rstrip(".")) > 1 or middle.endswith(".") else middle
                    people.aliases[qid].update({f"{n['first']} {initial} {n['last']}",
                                                f"{n['first']} {middle} {n['last']}"})
                for t in p.get("terms", ()):
                    people.office(qid, roles.get(t.get("type"), t.get("type", "")), t.get("start", ""), t.get("end", ""))


def read_petrarch_people(people: People, repo: Path) -> None:
    """Spelling variants of a person from the Phoenix country actors file, where its main name is
    exactly one person's name here. An entry whose variants carry different middle names ("George
    W. Bush", "George H. W. Bush") lumps several people together: only its two-word variants are kept."""
    text = git_show(repo, "petrarch2/data/dictionaries/Phoenix.Countries.actors.txt") or ""
    by_name: dict[str, list[str]] = {}
    for qid, name in people.name.items():
        by_name.setdefault(name.lower(), []).append(qid)
    entries: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            entries.append(("", []))
        elif line.startswith("+") and entries and entries[-1][0]:
            variant = petrarch_name(line[1:])
            if len(variant.split()) >= 2 and not {w.lower().strip(".") for w in variant.split()} & _TITLE_WORDS:
                entries[-1][1].append(variant)
        elif not line[0].isspace() and not line.startswith(("+", "[")):
            qids = by_name.get(petrarch_name(line).lower(), [])
            entries.append((qids[0] if len(qids) == 1 else "", []))
    for qid, variants in entries:
        middles = {tuple(fold_words(v)[1:-1]) for v in variants if len(fold_words(v)) > 2}
        for variant in variants:
            if len(middles) > 1 and len(fold_words(variant)) > 2:
                continue
            people.aliases.setdefault(qid, set()).add(variant)
            people.sources[qid].add("openeventdata/petrarch2")


def petrarch_name(raw: str) -> str:
    raw = raw.split("#")[0].split("[")[0].strip().strip("_")
    raw = re.sub(r"\([^)]*\)", "", raw)
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in raw.replace("_", " ").split())


def read_partyfacts(repo: Path) -> list[tuple[str, ...]]:
    out = {}
    for r in rows(git_show(repo, "import/wikipedia/wikidata.csv")):
        qid, name = r.get("wikidata_id", ""), clean(r.get("name"))
        if _QID.match(qid) and name:
            aliases = sorted({clean(r.get(k)) for k in ("name_short", "name_native")} - {"", name})
            out[qid] = (qid, name, "|".join(aliases), r.get("country", ""), "party", "hdigital/partyfactsdata")
    return sorted(out.values())


def read_supraverden(repo: Path) -> list[tuple[str, ...]]:
    data = yaml.safe_load(git_show(repo, "data/general_list.yaml") or "{}") or {}
    out = {}
    for key, d in data.items():
        qid = str(d.get("Wikidata_code") or "")
        name = clean(d.get("Name_en") or key)
        if not _QID.match(qid):
            continue
        aliases = sorted({clean(str(v)) for k, v in d.items() if k.startswith(("Abbreviation_en", "Name_other"))
                          and k.endswith("_en") and v} - {"", name})
        kind = "eu-body" if "EU" in str(d.get("Org_family", "")) else "igo"
        out[qid] = (qid, name, "|".join(aliases), str(d.get("Country") or ""), kind, "confirmordeny/supraverden")
    return sorted(out.values())


def read_petrarch_groups(repo: Path) -> list[tuple[str, ...]]:
    out = {}
    for file, kind in (("Phoenix.MilNonState.actors.txt", "armed-group"), ("Phoenix.International.actors.txt", "igo")):
        text = git_show(repo, f"petrarch2/data/dictionaries/{file}") or ""
        head: list[str] | None = None
        for line in text.splitlines() + [""]:
            if not line.strip() or line.startswith("#"):
                head = None
                continue
            if line.startswith("+") and head is not None:
                head[2].append(petrarch_name(line[1:]))  # type: ignore[union-attr]
            elif not line[0].isspace():
                code = re.search(r"\[(\w+)", line)
                name = petrarch_name(line)
                if code and name and name.lower() not in out:
                    head = [code.group(1), name, [], kind]
                    abbr = re.search(r"\(([A-Z][A-Z-]+)\)", line)
                    if abbr:
                        head[2].append(abbr.group(1))
                    out[name.lower()] = head
    return sorted((h[0], h[1], "|".join(sorted(set(h[2]) - {h[1]})), h[0][:3], h[3], "openeventdata/petrarch2")
                  for h in out.values())


# What an OpenStreetMap feature's category says about the body that runs it (name-suggestion-index
# paths, "operators/<key>/<value>"); anything else under brands/ is a company.
NSI_KINDS = (("landuse/military", "military"), ("amenity/courthouse", "court"), ("amenity/prison", "agency"),
             ("office/government", "agency"), ("amenity/police", "agency"), ("amenity/townhall", "agency"),
             ("amenity/fire_station", "agency"), ("amenity/university", "university"),
             ("amenity/college", "university"), ("amenity/school", "education"))
_LATIN = re.compile(r"[A-Za-z]")


def nsi_kind(path: str) -> str:
    for part, kind in NSI_KINDS:
        if part in path:
            return kind
    return "company" if path.startswith("brands/") else "operator" if path.startswith("operators/") else "transit"


def read_nsi(repo: Path) -> list[tuple[str, ...]]:
    """Companies, government bodies, universities, armed forces and transit operators that the
    OpenStreetMap name-suggestion-index ties to a Wikidata item (``brand:wikidata``,
    ``operator:wikidata``, ``network:wikidata``), merged by QID. The English name wins; names
    without a Latin letter are left out (they never match English text)."""
    listing = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", "data"],
                             capture_output=True, text=True, check=True).stdout.split()
    out: dict[str, list] = {}
    rank = {k: i for i, k in enumerate(["military", "court", "agency", "university", "education", "transit",
                                        "company", "operator"])}
    for path in sorted(p for p in listing if p.endswith(".json")):
        data = json.loads(git_show(repo, path) or "{}")
        rel = path.split("/", 1)[1][:-5]
        for item in data.get("items", ()):
            tags = item.get("tags", {})
            where = item.get("locationSet", {}).get("include", [])
            iso2 = where[0][:2] if len(where) == 1 and isinstance(where[0], str) else ""
            for key in ("brand", "operator", "network"):
                qid, names = tags.get(f"{key}:wikidata", ""), [tags.get(f"{key}:en"), tags.get(key)]
                names = [clean(n) for n in names if n and _LATIN.search(n)]
                if not _QID.match(qid) or not names:
                    continue
                kind = nsi_kind(rel) if key != "network" else "transit"
                rec = out.setdefault(qid, [qid, names[0], set(), ISO2_ISO3.get(iso2, ""), kind])
                rec[2].update(names)
                if rank[kind] < rank[rec[4]]:
                    rec[4] = kind
                if rec[3] and ISO2_ISO3.get(iso2, "") != rec[3]:
                    rec[3] = ""  # the same body in several states: no one country
    return sorted((q, n, "|".join(sorted(a - {n})), c, k, "osmlab/name-suggestion-index")
                  for q, n, a, c, k in out.values())


def keys(name: str, aliases: str) -> str:
    """The folded lookup keys of a row's names, so that loading need not fold 100,000 names."""
    return "|".join(sorted({" ".join(fold_words(n)) for n in [name, *aliases.split("|")] if n} - {""}))


def write(path: Path, header: tuple[str, ...], records: list[tuple[str, ...]]) -> None:
    records = [(*r, keys(r[1], r[2])) for r in records]
    body = "\t".join((*header, "keys")) + "\n" + "".join("\t".join(r) + "\n" for r in records)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(body.encode("utf-8"))
    print(f"{path.name}: {len(records)} records", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eps", nargs="*", type=Path, default=[])
    ap.add_argument("--congress", type=Path)
    ap.add_argument("--partyfacts", type=Path)
    ap.add_argument("--supraverden", type=Path)
    ap.add_argument("--petrarch", type=Path)
    ap.add_argument("--nsi", type=Path, help="osmlab/name-suggestion-index snapshot (git directory)")
    ap.add_argument("--out", type=Path, default=Path("src/newsloom/data/actors/wikidata"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    people = People()
    if args.congress:
        read_congress(people, args.congress)
    for repo in sorted(args.eps):
        read_eps(people, repo)
    if args.petrarch:
        read_petrarch_people(people, args.petrarch)
    records = []
    for qid in sorted(people.name, key=lambda q: int(q[1:])):
        offices = people.merged_offices(qid)
        if not offices:
            continue  # the table holds people with dated offices only
        aliases = sorted(people.aliases.get(qid, set()) - {people.name[qid]})
        records.append((qid, people.name[qid], "|".join(aliases), people.country.get(qid, ""),
                        people.gender.get(qid, ""), ";".join("|".join(o) for o in offices),
                        ",".join(sorted(people.sources[qid]))))
    write(args.out / "people.tsv.gz", ("qid", "name", "aliases", "country", "gender", "offices", "source"), records)
    org_header = ("qid", "name", "aliases", "country", "kind", "source")
    if args.partyfacts:
        write(args.out / "parties.tsv.gz", org_header, read_partyfacts(args.partyfacts))
    if args.supraverden:
        write(args.out / "supraverden.tsv.gz", org_header, read_supraverden(args.supraverden))
    if args.petrarch:
        write(args.out / "groups.tsv.gz", ("code", *org_header[1:]), read_petrarch_groups(args.petrarch))
    if args.nsi:
        write(args.out / "nsi.tsv.gz", org_header, read_nsi(args.nsi))


if __name__ == "__main__":
    main()
