"""The one place the spaCy pipeline is built: model from settings, Doc extensions, our components."""

from __future__ import annotations

import pickle
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from srsly import msgpack_decoders, msgpack_encoders

from ..model import Actor, DateMention, Event, Quote
from ..settings import Settings
from .types import LinkedMention

EXTENSIONS = ("nl_published", "nl_language", "nl_mentions", "nl_dates", "nl_quotes", "nl_events")
_PICKLED = b"__newsloom__"


def _encode(obj: Any, chain: Any = None) -> Any:
    # spaCy ships Docs between worker processes as msgpack; our extension values are dataclasses.
    if isinstance(obj, (LinkedMention, Actor, DateMention, Quote, Event)):
        return {_PICKLED: pickle.dumps(obj)}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _PICKLED in obj:
        return pickle.loads(obj[_PICKLED])
    return obj if chain is None else chain(obj)


def register_extensions() -> None:
    """Doc extensions shared by our components (see ``understand.types``); safe to call twice."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    msgpack_encoders.register("newsloom", func=_encode)
    msgpack_decoders.register("newsloom", func=_decode)


def build_nlp(settings: Settings) -> Language:
    """The understanding pipeline for these settings (built once per model and actor files)."""
    return _build(str(settings.get("nlp.model")), tuple(settings.get("actors.extra") or ()))


@lru_cache(maxsize=4)
def _build(model: str, extra: tuple[str, ...]) -> Language:
    register_extensions()
    # Importing the modules registers the factories with spaCy.
    from . import actors, dates, events, headline, quotes  # noqa: F401

    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsloom_line_breaks", before="parser")
        nlp.add_pipe("newsloom_headline")  # after spaCy's own components, before ours read the parse
    nlp.add_pipe("newsloom_actors", config={"extra": list(extra)})
    nlp.add_pipe("newsloom_dates")
    nlp.add_pipe("newsloom_quotes")
    nlp.add_pipe("newsloom_events")
    nlp.tokenizer = DatedTokenizer(nlp.tokenizer)
    return nlp


class ArticleText(str):
    """An article's text carrying what the pipeline reads about it (publication date, language).

    A ``str``, so that with ``n_process`` > 1 spaCy ships it to a worker as it is and the worker
    tokenizes it: a Doc made here would be tokenized in this process, serialized, and read back in
    the worker (about 12 ms per news article in this process alone, 5% of the parse).
    """

    published: str | None
    language: str | None

    @classmethod
    def of(cls, text: str, published: str | None, language: str | None) -> ArticleText:
        t = cls(text)
        t.published, t.language = published, language
        return t


class DatedTokenizer:
    """spaCy's tokenizer, also setting ``doc._.nl_published``/``nl_language`` from an ArticleText."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(str(text))  # spaCy takes an exact str
        doc._.nl_published = getattr(text, "published", None)
        doc._.nl_language = getattr(text, "language", None)
        return doc

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (unpickling): no recursion through this method
            raise AttributeError(name)
        return getattr(self.tokenizer, name)  # vocab, explain, rules... as spaCy's own


@Language.component("newsloom_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Sentences start after paragraph breaks, and after a single line break unless the next line
    goes on in lower case: extracted text separates paragraphs (and a title from its body) by
    newlines, and the parser would otherwise glue a title onto the next sentence."""
    after_break: str | None = None
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                after_break = "para" if tok.text.count("\n") > 1 or after_break == "para" else "line"
            continue
        if after_break == "para" or after_break == "line" and not tok.text[:1].islower():
            if tok.i > 0:
                tok.is_sent_start = True
            if (tok.is_quote or tok.is_left_punct) and tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                doc[tok.i + 1].is_sent_start = False  # the parser would split an opening quote off
        after_break = None
    return doc


def analysed_length(text: str, max_chars: int) -> int:
    """How much of ``text`` is analysed: all of it up to ``max_chars``, else the paragraphs that fit.

    A prefix keeps every offset true for the whole text. spaCy refuses texts over its max_length
    (E088) and its cost grows with length, so a 5 MB transcript is read as far as the limit, by
    design, instead of failing or taking minutes.
    """
    if len(text) <= max_chars:
        return len(text)
    cut = text.rfind("\n", 0, max_chars)
    return cut if cut > max_chars // 2 else max_chars


def make_texts(nlp: Language, texts: list[str], published: list[str | None],
               languages: list[str | None], max_chars: int | None = None) -> list[ArticleText]:
    """The texts as ``nlp.pipe`` takes them (cut as ``make_docs`` cuts them), each with its date and
    language: the pipeline's tokenizer puts those on the Doc, in whichever process parses it."""
    limit = min(max_chars or nlp.max_length, nlp.max_length)
    return [ArticleText.of(text[: analysed_length(text, limit)], pub, lang)
            for text, pub, lang in zip(texts, published, languages, strict=True)]


def make_docs(nlp: Language, texts: list[str], published: list[str | None],
              languages: list[str | None] | None = None, max_chars: int | None = None) -> list[Doc]:
    """Tokenized Docs carrying their publication date (and language, when known), ready for
    ``nlp.pipe``; a text longer than ``max_chars`` (and spaCy's max_length) is cut to a prefix."""
    docs = []
    for t in make_texts(nlp, texts, published, languages or [None] * len(texts), max_chars):
        doc = nlp.make_doc(str(t))  # any pipeline's tokenizer, ours or spaCy's own
        doc._.nl_published, doc._.nl_language = t.published, t.language
        docs.append(doc)
    return docs
