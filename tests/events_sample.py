"""Hand-made articles with events (our own words, true spans), for the store, API, CLI, web and
position tests. Nothing fills Article.events here: the events are written by hand."""

from __future__ import annotations

from newsloom.model import Actor, Article, Document, Entity, Event, Mention, Paragraph, Quote, Speaker

RURITANIA = Actor("test:country:ruritania", "Ruritania", "country", wikidata="Q999999001", country="RUR")
OSTERLAND = Actor("test:country:osterland", "Osterland", "country", wikidata="Q999999002", country="OST")
VALDORIA = Actor("test:country:valdoria", "Valdoria", "country", country="VAL")
MIRA = Actor("local:person:mira-stoll", "Mira Stoll", "person", country="RUR")
PAYLOAD = "<script>window.__xss=1</script>"


def _sentence(text: str, words: str) -> tuple[int, int]:
    """The sentence holding ``words``: from after the previous full stop to its own."""
    at = text.index(words)
    stop, newline = text.rfind(". ", 0, at), text.rfind("\n", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, newline + 1)
    end = text.find(".", at + len(words))
    return start, (end + 1 if end >= 0 else len(text))


def _event(text: str, type_: str, source: Actor, trigger: str, targets: list[Actor], **kw) -> Event:
    start, end = _sentence(text, trigger)
    t = text.index(trigger)
    return Event(type=type_, source=source, start=start, end=end, targets=targets, text=text[start:end],
                 trigger=trigger, trigger_start=t, trigger_end=t + len(trigger), **kw)


def _article(title: str, text: str, published: str, outlet: str, events: list[Event],
             mentions: list[tuple[str, Actor]], quotes: list[Quote] | None = None) -> tuple[Document, Article]:
    entities: dict[str, Entity] = {}
    for surface, actor in mentions:
        start = text.index(surface)
        entities.setdefault(actor.id, Entity(actor)).mentions.append(Mention(surface, start, start + len(surface)))
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    doc = Document(raw=text.encode(), source=f"test:{title}", media_type="text/plain", meta={"url": f"https://news.example/{len(text)}"})
    art = Article(source=doc.source, text=text, paragraphs=paras, document_id=doc.id, title=title, url=doc.meta["url"],
                  published=published, outlet=outlet, language="en", entities=list(entities.values()),
                  quotes=quotes or [], dates=[], events=events)
    return doc, art


def _indirect(text: str, content: str, speaker_text: str, speaker: Actor, cue: str, speaks_for: Actor | None,
              date: str) -> Quote:
    c = text.index(content)
    s = text.index(speaker_text)
    start, end = _sentence(text, content)
    return Quote(content, c, c + len(content), "indirect", cue=cue, speaker=Speaker(speaker_text, s, s + len(speaker_text),
                 speaker), speaks_for=speaks_for, date=date, sentence_start=start, sentence_end=end)


def event_docs() -> list[tuple[Document, Article]]:
    """Four articles: a call for a ceasefire, shelling a week later, a negated rejection, an offer
    to mediate; one carries markup that must be shown as text."""
    t1 = ("Mira Stoll called for an immediate ceasefire with Osterland on Monday. "
          "Ruritania will send envoys to the talks, she added.\n\n"
          "Ruritania accused Osterland of moving troops to the frontier.")
    q1 = _indirect(t1, "an immediate ceasefire with Osterland", "Mira Stoll", MIRA, "called for", RURITANIA,
                   "2024-04-01")
    e1 = [_event(t1, "REQUEST", RURITANIA, "called for", [OSTERLAND], mode="ceasefire", date="2024-04-01",
                 quote_index=0, cameo="0256"),
          _event(t1, "ACCUSE", RURITANIA, "accused", [OSTERLAND], mode="allege", date="2024-04-01")]
    t2 = ("Ruritanian artillery shelled border towns in Osterland overnight, officials said.\n\n"
          "Osterland did not reject the offer of talks.")
    e2 = [_event(t2, "ASSAULT", RURITANIA, "shelled", [OSTERLAND], mode="heavy-weapons", date="2024-04-09",
                 cameo="195"),
          _event(t2, "REJECT", OSTERLAND, "did not reject", [RURITANIA], negated=True, date="2024-04-09")]
    t3 = ("Valdoria offered to mediate between Ruritania and Osterland. "
          "If the fighting spreads, Valdoria could close its border.")
    e3 = [_event(t3, "CONSULT", VALDORIA, "offered to mediate", [RURITANIA, OSTERLAND], mode="third-party",
                 date="2024-05-02"),
          _event(t3, "COERCE", VALDORIA, "close its border", [], hypothetical=True, future=True)]
    t4 = "A reader wrote " + PAYLOAD + " and Osterland threatened Ruritania with sanctions."
    e4 = [_event(t4, "THREATEN", OSTERLAND, "threatened", [RURITANIA], date="2024-05-20")]
    return [
        _article("Ruritania calls for a ceasefire", t1, "2024-04-01", "Harbour Tribune", e1,
                 [("Mira Stoll", MIRA), ("Ruritania", RURITANIA), ("Osterland", OSTERLAND)], [q1]),
        _article("Border towns shelled", t2, "2024-04-09T22:10", "Lakeside Courier", e2,
                 [("Ruritanian", RURITANIA), ("Osterland", OSTERLAND)]),
        _article("Valdoria offers to mediate", t3, "2024-05-02", "Harbour Tribune", e3,
                 [("Valdoria", VALDORIA), ("Ruritania", RURITANIA), ("Osterland", OSTERLAND)]),
        _article("Threats " + PAYLOAD, t4, "2024-05-20", "Harbour Tribune", e4,
                 [("Osterland", OSTERLAND), ("Ruritania", RURITANIA)]),
    ]


def fill(store) -> list[str]:
    """Store every sample article; returns their document ids in order."""
    ids = []
    for doc, art in event_docs():
        store.save(doc, art)
        ids.append(doc.id)
    return ids
