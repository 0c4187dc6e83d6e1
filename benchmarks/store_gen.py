"""Synthetic, real-style articles with their facts, generated straight as table rows.

For the store-at-scale benchmarks (``store_scale.py``, ``growth.py``): a million articles cannot go
through spaCy, so the rows an ingest would write are made here. What makes them real-style:

- words drawn with the frequencies of real news text (the vocabulary is counted at run time from
  a JSONL of real articles given on the command line, by default the Giveme5W1H development set in
  /work/shared; nothing of it is copied into the repository), so a common word matches most
  articles and a rare one a handful, as in a real archive;
- actors with skewed popularity (a few are in a large share of the news), outlets likewise;
- publication times in arrival order over five years, stories of a few articles;
- every fact carries true offsets: ``text[start:end]`` is the cited words.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

DEFAULT_VOCAB = Path("/work/shared/bench/clustering/giveme5w1h_dev/newscluster_dev.jsonl")
_WORD = re.compile(r"[a-z]+")
_SYLLABLES = ("ka ri mo ten sa lu vor bel an dri ko mi ra zen tal por fi ul nes dar gu li sem ber ot va"
              " ne hal mar").split()
_PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
           "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
LANGUAGES = (("en", 0.85), ("de", 0.05), ("fr", 0.05), ("es", 0.05))
START = datetime(2020, 1, 1, tzinfo=UTC)
PER_DAY = 550  # articles a day: a million is five years of a mid-sized archive
STORY_SIZE = 4

# Column order of each table, shared by SQLite's executemany and PostgreSQL's COPY.
COLUMNS = {
    "documents": ("id", "content_hash", "source", "media_type", "size", "meta", "fetched_at", "status",
                  "updated_at"),
    "articles": ("doc_id", "title", "authors", "published", "outlet", "url", "language", "text", "paragraphs",
                 "meta", "processed_at"),
    "actors": ("id", "name", "type", "wikidata", "country"),
    "mentions": ("doc_id", "actor_id", "text", "start", "end", "label", "role", "affiliation_id"),
    "doc_actors": ("doc_id", "actor_id", "mentions", "quotes"),
    "dates": ("doc_id", "text", "start", "end", "resolved"),
    "quotes": ("doc_id", "text", "start", "end", "kind", "cue", "speaker_text", "speaker_start", "speaker_end",
               "speaker_id", "speaks_for_id", "role", "date", "sentence_start", "sentence_end", "effective_date",
               "group_key"),
    "events": ("doc_id", "type", "source_id", "targets", "date", "start", "end", "text", "trigger_text",
               "trigger_start", "trigger_end", "effective_date"),
    "stories": ("id", "title", "first_seen", "last_seen", "size", "updated_at", "open_until"),
    "story_documents": ("story_id", "doc_id", "score"),
}


def vocabulary(path: Path = DEFAULT_VOCAB, size: int = 12000) -> tuple[list[str], list[float]]:
    """Words and their cumulative weights, counted over real articles (lower-cased words)."""
    counts: Counter[str] = Counter()
    if path.is_file():
        for line in path.read_text("utf-8").splitlines():
            rec = json.loads(line)
            counts.update(_WORD.findall((rec.get("title", "") + " " + rec.get("text", "")).lower()))
    if len(counts) < 1000:  # no real text at hand: a Zipf law over made-up words
        rng = random.Random(3)
        counts = Counter({"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) + str(i): 100000 // (i + 1)
                          for i in range(size)})
    words, weights = zip(*counts.most_common(size), strict=True)
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return list(words), cum


@dataclass
class World:
    """Actors and outlets of the generated archive, with their popularity."""

    people: list[tuple[str, str]]
    places: list[tuple[str, str]]
    orgs: list[tuple[str, str]]
    outlets: list[str]
    words: list[str]
    cum: list[float]
    zipf: dict[int, list[float]] = field(default_factory=dict)

    def pick(self, rng: random.Random, items: list) -> tuple[str, str]:
        return items[_pick_index(self, rng, len(items))]

    def actor_rows(self) -> list[tuple]:
        return ([(i, n, "person", None, None) for i, n in self.people]
                + [(i, n, "country", None, None) for i, n in self.places]
                + [(i, n, "organization", None, None) for i, n in self.orgs])


def _zipf_cum(n: int) -> list[float]:
    cum, total = [], 0.0
    for i in range(n):
        total += 1.0 / (i + 1)
        cum.append(total)
    return cum


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(parts))


def world(seed: int = 11, vocab: Path = DEFAULT_VOCAB, people: int = 20000) -> World:
    rng = random.Random(seed)
    words, cum = vocabulary(vocab)
    return World(people=[(f"gen:person:{i}", _name(rng, 2)) for i in range(people)],
                 places=[(f"gen:country:{i}", _name(rng, 1)) for i in range(200)],
                 orgs=[(f"gen:org:{i}", _name(rng, 2) + " Council") for i in range(2000)],
                 outlets=[_name(rng, 1) + " " + rng.choice(("Times", "Post", "Herald", "Courier", "Daily"))
                          for _ in range(300)],
                 words=words, cum=cum)


@dataclass
class Rows:
    """Rows for each table (``COLUMNS`` order) of a run of articles."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in COLUMNS})


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos


class Words:
    """Words drawn by frequency in bulk (numpy), handed out a sentence at a time."""

    def __init__(self, w: World, seed: int, n: int = 1 << 20) -> None:
        self.w, self.n = w, n
        self.gen = np.random.default_rng(seed)
        self.p = np.diff(np.asarray([0.0, *w.cum])) / w.cum[-1]
        self.vocab = np.asarray(w.words, dtype=object)
        self._refill()

    def _refill(self) -> None:
        self.drawn = list(self.vocab[self.gen.choice(len(self.vocab), size=self.n, p=self.p)])
        self.pos = 0

    def take(self, k: int) -> list[str]:
        if self.pos + k > self.n:
            self._refill()
        self.pos += k
        return self.drawn[self.pos - k:self.pos]


def _sentence(words: Words, k: int) -> str:
    return " ".join(words.take(k)).capitalize()


def doc_id(i: int, seed: int) -> str:
    return hashlib.sha256(f"gen:{seed}:{i}".encode()).hexdigest()[:16]


def published_at(i: int) -> datetime:
    """Article ``i`` arrives in order, ``PER_DAY`` a day: the archive grows with time."""
    return START + timedelta(seconds=i * 86400 // PER_DAY)


def article(w: World, rng: random.Random, words: Words, i: int, total: int, seed: int, out: Rows,
            now: str) -> None:
    """Append the rows of article ``i`` (of ``total``) to ``out``."""
    did = doc_id(i, seed)
    when = published_at(i)
    pub = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    day = pub[:10]
    person, place, org = w.pick(rng, w.people), w.pick(rng, w.places), w.pick(rng, w.orgs)
    buf = _Text()
    mentions: list[tuple[str, str, int, int, str]] = []
    buf.add(_sentence(words, rng.randint(12, 25)) + " in ")
    s, e = buf.add(place[1])
    mentions.append((place[0], place[1], s, e, "GPE"))
    buf.add(". " + _sentence(words, rng.randint(15, 30)) + ". The ")
    s, e = buf.add(org[1])
    mentions.append((org[0], org[1], s, e, "ORG"))
    buf.add(" " + _sentence(words, rng.randint(10, 20)).lower() + " on ")
    ds, de = buf.add(when.strftime("%A"))
    sent_start = buf.add(".\n\n")[1]
    qs = buf.add("\u201c")[1]
    qe = buf.add(_sentence(words, rng.randint(10, 25)))[1]
    buf.add(",\u201d ")
    ss, se = buf.add(person[1])
    mentions.append((person[0], person[1], ss, se, "PERSON"))
    buf.add(" said.")
    sent_end = buf.pos
    for _ in range(rng.randint(2, 5)):
        buf.add("\n\n" + ". ".join(_sentence(words, rng.randint(10, 28)) for _ in range(rng.randint(2, 4))) + ".")
    text = "".join(buf.parts)
    title = _sentence(words, rng.randint(5, 10))
    story = i // STORY_SIZE
    t = out.tables
    t["documents"].append((did, hashlib.sha256(did.encode()).hexdigest(), f"gen:{seed}:{i}", "text/plain",
                           len(text), "{}", now, "done", now))
    language = rng.choices([x[0] for x in LANGUAGES], [x[1] for x in LANGUAGES])[0]
    paragraphs = json.dumps([{"start": 0, "end": len(text)}])
    outlet = w.outlets[_pick_index(w, rng, len(w.outlets))]
    t["articles"].append((did, title, "[]", pub, outlet, f"https://example.org/{did}", language, text, paragraphs,
                          "{}", now))
    for aid, _name, s, e, label in mentions:
        t["mentions"].append((did, aid, text[s:e], s, e, label, None, None))
        t["doc_actors"].append((did, aid, 1, 1 if aid == person[0] else 0))
    t["dates"].append((did, text[ds:de], ds, de, day))
    t["quotes"].append((did, text[qs:qe], qs, qe, "direct", "said", text[ss:se], ss, se, person[0], org[0], None,
                        day, sent_start, sent_end, day, f"{person[0]}:{text[qs:qe].lower().strip()}"))
    etype = _PLOVER[rng.randrange(len(_PLOVER))]
    t["events"].append((did, etype, place[0], json.dumps([org[0]]), day, sent_start, sent_end,
                        text[sent_start:sent_end], "said", ss, se, day))
    t["story_documents"].append((f"gen-story-{seed}-{story}", did, 0.5))
    if i % STORY_SIZE == 0:
        until = (when + timedelta(days=60)).strftime("%Y-%m-%d")
        t["stories"].append((f"gen-story-{seed}-{story}", title, pub, pub, min(STORY_SIZE, total - i), now, until))


def _pick_index(w: World, rng: random.Random, n: int) -> int:
    cum = w.zipf.get(n)
    if cum is None:
        cum = w.zipf[n] = _zipf_cum(n)
    return bisect.bisect(cum, rng.random() * cum[-1], 0, n - 1)


def batches(w: World, total: int, *, start: int = 0, batch: int = 10000, seed: int = 11,
            now: str = "2026-01-01T00:00:00Z") -> Iterator[Rows]:
    """Rows of articles ``start`` .. ``total - 1``, ``batch`` articles at a time. Story rows carry
    their last article's time once a story is complete (``last_seen``)."""
    rng = random.Random(seed * 1_000_003 + start)
    words = Words(w, seed * 1_000_003 + start)
    for lo in range(start, total, batch):
        out = Rows()
        for i in range(lo, min(total, lo + batch)):
            article(w, rng, words, i, total, seed, out, now)
        _close_stories(out, total)
        yield out


def _close_stories(out: Rows, total: int) -> None:
    """A story's last_seen is its last member's publication time."""
    fixed = []
    for sid, title, first, _last, size, now, _until in out.tables["stories"]:
        k = int(sid.rsplit("-", 1)[1])
        last = published_at(min(total - 1, k * STORY_SIZE + size - 1))
        fixed.append((sid, title, first, last.strftime("%Y-%m-%dT%H:%M:%SZ"), size, now,
                      (last + timedelta(days=60)).strftime("%Y-%m-%d")))
    out.tables["stories"] = fixed
