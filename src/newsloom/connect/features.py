"""What the connect stage reads from an article: words of title and lead, linked actors, dates."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Article

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# A capitalised word right after one of these opens a sentence, so its capital says nothing.
_SENTENCE_OPENERS = frozenset('.!?:;"“”‘’\'()[]—–-\n')
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Dates in article URLs: /2017/09/07/, /2017-09-07-, _20170907 (year 19xx/20xx only).
_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(slots=True)
class Item:
    """One article as the clusterers see it. ``order`` fixes the processing order (deterministic)."""

    id: str
    title: str
    lead: str
    body: str
    published: str | None = None  # ISO date or UTC date-time of publication (see utc_instant)
    text_dates: list[str] = field(default_factory=list)  # resolved dates mentioned in the text
    actors: dict[str, int] = field(default_factory=dict)  # actor id -> mentions
    order: tuple = ()
    published_inferred: bool = False  # ``published`` was read from the URL or the text, not given
    embedding: tuple[float, ...] | None = None  # unit sentence embedding of title and lead, when computed


def lead_of(text: str, chars: int) -> str:
    """The opening of ``text``, cut at a word boundary near ``chars`` characters."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars]


def utc_instant(value: str | None) -> str | None:
    """An ISO date-time as UTC (``2022-09-22T04:58:00Z``) so that instants given with different
    offsets sort right; dates without a time, and unreadable values, are returned as they are."""
    if not value or len(value) <= 10:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.isoformat(timespec="seconds")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def item_from_article(article: Article, lead_chars: int = 600, order: tuple = ()) -> Item:
    """An :class:`Item` from an article; facts (entities, dates) are used when present."""
    actors: dict[str, int] = {}
    for ent in article.entities or []:
        actors[ent.actor.id] = actors.get(ent.actor.id, 0) + max(1, len(ent.mentions))
    dates = sorted({d.resolved[:10] for d in article.dates or [] if d.resolved and _ISO_DAY.match(d.resolved)})
    text = article.text or ""
    title = article.title or ""
    # Extraction may keep the headline as the body's first line; counting it twice would
    # double the title's weight for some outlets only.
    body = text[len(title):].lstrip() if title and text.startswith(title) else text
    published = utc_instant(article.published)
    return Item(id=article.document_id or article.source, title=title, lead=lead_of(body, lead_chars),
                body=text, published=published, text_dates=dates, actors=actors,
                order=order or (published or "", article.document_id or article.source))


def item_from_row(row: dict, lead_chars: int = 600) -> Item:
    """An :class:`Item` from a store's ``connect_rows`` record (same reading as an article)."""
    article = Article(source=row["doc_id"], document_id=row["doc_id"], title=row["title"], text=row["text"],
                      published=row["published"])
    item = item_from_article(article, lead_chars)
    item.actors = dict(row["actors"])
    item.text_dates = sorted({d[:10] for d in row["dates"] if _ISO_DAY.match(d)})
    if not item.published:
        item.published = infer_published(row.get("url"), item.text_dates)
        item.published_inferred = item.published is not None
        item.order = (item.published or "", item.id)
    return item


def infer_published(url: str | None, text_dates: list[str]) -> str | None:
    """A publication day for an undated article: the date in its URL, else the latest date its
    text resolves (news reports what happened up to its day). None when neither gives one."""
    for m in _URL_DAY.finditer(url or ""):
        day = f"{m[1]}-{m[2]}-{m[3]}"
        if day_number(day) is not None:
            return day
    days = [d for d in text_dates if day_number(d) is not None]
    return max(days) if days else None


def tokens(text: str) -> list[tuple[str, bool]]:
    """Lower-cased words of ``text``, each with whether it reads as a name (capitalised
    inside a sentence): names tell one event from another of the same kind."""
    out: list[tuple[str, bool]] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        before = text[: m.start()].rstrip(" \t")
        opener = not before or before[-1] in _SENTENCE_OPENERS
        out.append((word.lower(), word[0].isupper() and not opener))
    return out


def day_number(value: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date (time part ignored); None when unreadable."""
    if not value:
        return None
    m = _ISO_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


class Vectorizer:
    """TF-IDF over title, lead and the rest of the body: sublinear term frequency, smoothed IDF,
    names weighted up, stop words and bare numbers left out, L2-normalised sparse vectors as
    dicts. Fitted on the articles being clustered.

    The title and lead say what the story is; the body adds the rare names and words that tell
    two stories of one kind apart, so it counts at a lower weight rather than not at all (on a
    real stream, title and lead alone split long stories whose headlines vary).
    """

    def __init__(self, title_weight: float = 3.0, name_boost: float = 2.0, lead_weight: float = 2.0,
                 body_weight: float = 0.5, number_weight: float = 0.0) -> None:
        self.title_weight = title_weight
        self.number_weight = number_weight
        self.name_boost = name_boost
        self.lead_weight = lead_weight
        self.body_weight = body_weight
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self._cache: dict[str, tuple[Counter[str], set[str]]] = {}

    def _terms(self, item: Item) -> tuple[Counter[str], set[str]]:
        cached = self._cache.get(item.id)
        if cached is not None:
            return cached
        counts: Counter[str] = Counter()
        names: set[str] = set()
        for text, weight in ((item.title, self.title_weight), (item.lead, self.lead_weight),
                             (rest_of_body(item), self.body_weight)):
            if weight <= 0:
                continue
            for word, is_name in tokens(text):
                if len(word) < 2 or word in STOP_WORDS:
                    continue
                if word.isdigit():
                    if not self.number_weight:
                        continue
                    counts[word] += weight * self.number_weight
                    continue
                counts[word] += weight
                if is_name:
                    names.add(word)
        self._cache[item.id] = (counts, names)
        return counts, names

    def fit(self, items: Iterable[Item]) -> Vectorizer:
        for item in items:
            self.df.update(self._terms(item)[0].keys())
            self.n_docs += 1
        return self

    def vocabulary(self, items: Iterable[Item]) -> set[str]:
        """Every word the vectors of ``items`` weigh."""
        return set().union(*(self._terms(item)[0].keys() for item in items))

    def add_stats(self, df: Mapping[str, int], n_docs: int) -> Vectorizer:
        """Count words of articles seen before (stored ones), so rarity is judged over the store."""
        self.df.update(df)
        self.n_docs += n_docs
        return self

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def transform(self, item: Item, keep: bool = False) -> dict[str, float]:
        counts, names = self._terms(item)
        if not keep:
            self._cache.pop(item.id, None)  # fitted terms are kept until their article is placed
        # Sublinear frequency; below one occurrence (body words at a lower weight) linear.
        vec = {t: (1.0 + math.log(c) if c >= 1.0 else c) * self.idf(t) * (self.name_boost if t in names else 1.0)
               for t, c in counts.items()}
        return normalize(vec)


    def top_terms(self, item: Item, n: int) -> list[str]:
        """The ``n`` most telling words of ``item`` (those its candidate stories must share)."""
        vec = self.transform(item, keep=True)
        return sorted(vec, key=lambda t: (-vec[t], t))[:n]


def rest_of_body(item: Item) -> str:
    """The body after the title (when repeated) and the lead."""
    body = item.body
    if item.title and body.startswith(item.title):
        body = body[len(item.title):].lstrip()
    return body[len(item.lead):] if body.startswith(item.lead) else body


def normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
