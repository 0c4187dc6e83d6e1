"""Text supplied as an article (a document object's ``text``): the flattened-text cleaner drops its
scrape furniture (captions, "Photos:", share and newsletter lines), but its prose is all kept.

The cleaner picks one article block out of a flattened page; in a supplied text, furniture lines
between paragraphs would end that block early and lose the paragraphs after them. Here the
cleaner's own line classes decide what is furniture, and every prose line stays.
"""

from __future__ import annotations

from ..model import Article, Document
from .classify import DROPPED, Kind, classify_lines
from .decode import decode
from .paragraphs import build_article_text
from .text import split_lines

# The cleaner's body is replaced only when it kept clearly less prose than the text holds.
LOST_SHARE = 0.8


def is_supplied_text(doc: Document) -> bool:
    return doc.meta.get("supplied") == "text" and doc.media_type == "text/plain"


def keep_supplied_prose(article: Article, doc: Document) -> Article:
    """``article`` (the cleaner's result for ``doc``) with the prose lines its block choice dropped."""
    if article.error:
        return article
    lines = classify_lines(split_lines(decode(doc.raw, doc.source)))
    chosen = set(article.text.split("\n\n")) if article.text else set()
    skip = {article.title} if article.title else set()
    body = [ln.text for ln in lines if ln.text not in skip and ln.kind not in DROPPED
            and (ln.kind is Kind.PROSE or ln.text in chosen)]
    words = sum(len(t.split()) for t in body)
    if words and len(article.text.split()) < LOST_SHARE * words:
        article.text, article.paragraphs = build_article_text(body)
        article.extraction["method"] = "text:supplied"
        article.extraction["kept"] = len(article.paragraphs)
    return article
