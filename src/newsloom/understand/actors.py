"""Entity linking (spaCy component ``newsloom_actors``): NER spans and knowledge-base aliases ->
canonical actors, with metonymy, demonyms, homonyms, people, roles and affiliations."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .bodies import generic_body, link_acronyms, link_generic_body, link_short_forms
from .context import LinkContext
from .corrections import corrected
from .hygiene import add_title_roles, is_brand, is_business_name, is_furniture, is_headline_fragment, is_place_name
from .kb import ActorRecord, AliasEntry, KnowledgeBase, fold, fold_words, load_kb, slug
from .lexicon import Homonym, LinkingLexicon, dictionary_words, linking_lexicon
from .matching import AliasMatcher, Candidate
from .ministries import link_ministry, ministry_spans
from .persons import DocPeople, PersonResolver, local_person
from .relations import add_relations
from .spans import is_dateline, ner_spans
from .surnames import forward, full_names, link_forward
from .types import LinkedMention
from .wikidata import WikidataIndex, load_wikidata
from .wikilink import fill_wikidata, wiki_org, wiki_person

_TYPE_LABEL = {"country": "GPE", "person": "PERSON", "organization": "ORG", "place": "GPE", "event": "EVENT"}
# Organisation kinds that speak for their state.
STATE_KINDS = frozenset({"ministry", "agency", "government", "military", "legislature",
                         "embassy", "mission", "intelligence", "court", "state-media"})
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
# NER labels that agree with a knowledge-base type (to accept an ambiguous alias).
_COMPATIBLE = {"country": ("GPE", "NORP", "LOC"), "organization": ("ORG", "FAC"),
               "person": ("PERSON",), "place": ("GPE", "LOC", "FAC"), "event": ("EVENT", "ORG")}


@Language.factory("newsloom_actors", default_config={"extra": []})
def make_actor_linker(nlp: Language, name: str, extra: list[str]) -> ActorLinker:
    return ActorLinker(load_kb(tuple(extra)), dictionary=dictionary_words(nlp))


class ActorLinker:
    """Links the actors of a Doc; everything costly (indexes, vocabularies) is built once here."""

    def __init__(self, kb: KnowledgeBase, wiki: WikidataIndex | None = None,
                 dictionary: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.dictionary = dictionary
        self.wiki = wiki if wiki is not None else load_wikidata()
        fill_wikidata(kb, self.wiki)
        self.lex: LinkingLexicon = linking_lexicon()
        # First words of every person's names in the tables: "Bill", "Mark", "Rose" are names too.
        self.given_names = frozenset(k.split(" ", 1)[0] for k in self.wiki.people if " " in k)
        self.matcher = AliasMatcher(kb)
        self.people = PersonResolver(kb, self.lex.role_nouns | frozenset(self.lex.honorifics),
                                     self.lex.common_names)
        # (iso3, portfolio word) -> ministry record, for "<Country>'s Foreign Ministry".
        self.ministries: dict[tuple[str, str], Actor] = {}
        for rec in kb.records.values():
            if rec.kind == "ministry" and rec.country:
                for alias in [rec.name, *rec.aliases]:
                    for word in fold_words(alias):
                        self.ministries.setdefault((rec.country, word), rec.actor())

    def __call__(self, doc: Doc) -> Doc:
        mentions = DocLinker(self, doc).run()
        doc._.nl_mentions = corrected(self.kb, mentions) if self.kb.redirects or self.kb.unlinked else mentions
        return doc

    def affiliation_of_record(self, actor: Actor, year: int | None = None) -> Actor | None:
        """Whom a known actor speaks for when the text does not say: an outlet for itself, a person
        for the body of the office held at the time (the UN for its Secretary-General), else
        their state."""
        rec = self.kb.get(actor.id)
        if rec is None:
            return None
        if rec.type == "organization" and rec.kind == "outlet":
            return actor
        office = self._office(rec.offices, year) if rec.type == "person" else None
        if office is not None:
            body = self.kb.get(str(office.get("of"))) or self.kb.country(str(office.get("of")))
            if body is not None:
                return body.actor()
        if rec.type in ("person", "organization") and rec.country:
            if rec.type == "organization" and rec.kind not in STATE_KINDS:
                return None
            country = self.kb.country(rec.country)
            return country.actor() if country else None
        return None


    @staticmethod
    def _office(offices: list[dict], year: int | None) -> dict | None:
        def held(o: dict) -> bool:
            start, end = o.get("start") or 0, o.get("end") or 9999
            return year is None and o.get("end") is None or year is not None and start <= year <= end

        current = [o for o in offices if held(o)]
        return max(current, key=lambda o: o.get("start") or 0) if current else None


class DocLinker(LinkContext):
    """The linking of one Doc (holds the per-document state: people named so far)."""

    def __init__(self, linker: ActorLinker, doc: Doc) -> None:
        super().__init__(doc, linker.kb, linker.lex, linker.ministries, linker.affiliation_of_record)
        self.linker = linker
        self.dictionary, self.given_names = linker.dictionary, linker.given_names
        self.people = DocPeople()
        self.bodies: list[tuple[Candidate, tuple[str, str | None]]] = []  # linked once states are
        self.full_names: dict[str, tuple[str, ...] | None] = {}
        self.waiting: list[Candidate] = []  # surnames before their full name (see ``surnames``)

    # -- candidates -------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        items: dict[tuple[int, int], Candidate] = {(c.start, c.end): c for c in ner_spans(self)}
        self.alias_matches = self.linker.matcher(self.tokens, self.folded)
        for m in self.alias_matches:
            if (m.start, m.end) in items:
                items[(m.start, m.end)].entries = m.entries
            else:
                items[(m.start, m.end)] = Candidate(m.start, m.end, "alias", m.entries)
        for c in ministry_spans(self):
            # A ministry phrase beats the tagger's guess at its edges ("China's Foreign Ministry").
            for key, other in list(items.items()):
                if other.label == "ORG" and not other.entries and other.start < c.end and c.start < other.end:
                    del items[key]
            items.setdefault((c.start, c.end), c)

        def tier(c: Candidate) -> int:
            if c.entries or c.label in ("ministry", "PERSON", "ORG", "FAC", "EVENT"):
                return 0
            return 1  # GPE/LOC/NORP spans the KB does not know yield to KB names inside them

        for key, c in list(items.items()):
            if is_dateline(self, c.start, c.end):
                c.label = "dateline"
            elif is_furniture(self, c) or (c.label == "PERSON" and not c.entries and is_headline_fragment(self, c)):
                del items[key]  # never an actor; the names inside a headline link in the body
        chosen: list[Candidate] = []
        taken: set[int] = set()
        for c in sorted(items.values(), key=lambda c: (tier(c), -c.size, c.start)):
            if taken.isdisjoint(range(c.start, c.end)):
                chosen.append(c)
                taken.update(range(c.start, c.end))
        self.full_names = full_names(self, chosen)
        return sorted(chosen, key=lambda c: c.start)

    # -- linking ----------------------------------------------------------------------------
    def run(self) -> list[LinkedMention]:
        candidates = self.candidates()
        for c in candidates:
            if c.label == "ministry":
                continue  # needs its owner country linked first
            mention = self._link(c)
            if mention is not None:
                self.add(mention, c.start, c.end)
        for c in candidates:
            if c.label == "ministry":
                link_ministry(self, c)
        for c, (name, iso) in self.bodies:
            link_generic_body(self, c, name, iso)
        link_forward(self, self.people, self.full_names, self.waiting)
        link_acronyms(self)
        link_short_forms(self)
        self._link_lone_surnames()
        add_relations(self)
        add_title_roles(self)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        return self.mentions

    def _link(self, c: Candidate) -> LinkedMention | None:
        span = self.doc[c.start:c.end]
        words = fold_words(span.text)
        if c.label == "dateline":
            rec = c.entries[0].record if c.entries else None
            name = span.text.title() if span.text.isupper() else span.text
            country = rec.iso if rec is not None and rec.type in ("country", "place") else None
            place = Actor(id=f"local:place:{slug(name)}", name=name, type="place", country=country)
            if rec is not None and rec.type == "place":
                place = rec.actor()
            return self.mention(c, place, "place")
        if not c.entries:
            known = self.people.find(words, span.start_char)
            if known is not None:
                return self.mention(c, known, "PERSON" if len(words) > 1 else "surname")
        if c.entries:
            return self._link_kb(c, words)
        if c.label == "PERSON":
            return self._link_person(c, words)
        if c.label == "NORP":
            return None  # a group the knowledge base does not know ("Western")
        if c.size == 1 and c.label in ("ORG", "GPE", "LOC", "FAC"):
            leader = self._leader(span[0], subject_only=True)
            if leader is not None:  # "Trump told reporters", the surname tagged as an ORG
                return self.mention(c, leader, "surname")
            if c.label != "FAC" and span[0].pos_ == "PROPN" and forward(self.full_names, words[0]):
                self.waiting.append(c)  # "Trump's" in a headline (as an ORG), the full name below
                return None
        if c.size == 1 and span.text in self.kb.acronyms:
            return None  # "MoD": resolved from context once states are linked
        body = generic_body(self, c) if c.label in ("ORG", "FAC", "GPE") else None
        if body is not None:
            self.bodies.append((c, body))
            return None
        if c.label == "ORG":
            org = wiki_org(self, self.linker.wiki, c, words, span.text)
            if org is not None:
                return self.mention(c, org, "ORG")
        inner = [m for m in self.alias_matches if c.start <= m.start and m.end <= c.end]
        country = next((m.entries[0].record.iso for m in inner if m.entries[0].record.iso), None)
        label = c.label
        if label == "ORG" and span[-1].lower_ in self.lex.event_nouns:
            label = "EVENT"
        kind = {"ORG": ("org", "organization"), "EVENT": ("event", "event")}.get(label, ("place", "place"))
        actor = Actor(id=f"local:{kind[0]}:{slug(span.text)}", name=span.text, type=kind[1],  # type: ignore[arg-type]
                      country=country)
        return self.mention(c, actor, c.label)

    def _link_person(self, c: Candidate, words: tuple[str, ...]) -> LinkedMention | None:
        span = self.doc[c.start:c.end]
        if words in self.lex.not_person:
            return None  # "Patriot" systems, tagged as a person by the small model
        org = None if self.linker.wiki.person(words) else wiki_org(self, self.linker.wiki, c, words, span.text, True)
        if org is None and is_business_name(self.lex, span):
            org = Actor(id=f"local:org:{slug(span.text)}", name=span.text, type="organization")
        if is_place_name(self.lex, span):  # "Cape Erimo": a cape, not a Mr. Erimo
            place = Actor(id=f"local:place:{slug(span.text)}", name=span.text, type="place")
            return self.mention(c, place, "place")
        if org is not None or is_brand(span.text):
            # "Boko Haram" or "SpaceX" tagged as a person: the tables or the spelling say otherwise.
            org = (org or wiki_org(self, self.linker.wiki, c, words, span.text)  # the brand's spelling
                   or Actor(id=f"local:org:{slug(span.text)}", name=span.text, type="organization"))
            return self.mention(c, org, "ORG")
        if len(span) == 1 and self._locative(span[0]) and span[0].head.lower_ != "to":
            # The small model tags lone city names as people; "in Lyon" is a place.
            actor = Actor(id=f"local:place:{slug(span.text)}", name=span.text, type="place")
            return self.mention(c, actor, "place")
        label = "PERSON"
        if len(span) == 1:
            full = self._earlier_full_name(span[0])
            if full is not None:
                span, words, label = full, fold_words(full.text), "surname"
            else:
                leader = self._leader(span[0], subject_only=False)
                if leader is not None:
                    return self.mention(c, leader, "surname")
                if forward(self.full_names, words[0], person=True):
                    self.waiting.append(c)
                    return None
        # A lone surname links to the knowledge base only through the leader rule above.
        rec = self.linker.people.fuzzy(words) if len(words) > 1 else None
        actor = rec.actor() if rec else (wiki_person(self, self.linker.wiki, c, words) or local_person(span.text))
        self.people.add(words, actor, span.end_char)
        return self.mention(c, actor, label)

    def _leader(self, tok: Token, subject_only: bool) -> Actor | None:
        """A leader of the article's year cited by surname alone ("Putin said"), remembered so
        that the surname links wherever it recurs. Outside the tagger's PERSON spans only a
        capitalised proper noun that is a subject or a possessor counts."""
        if not tok.text[:1].isupper() or (subject_only and not (tok.pos_ == "PROPN" and self._subject(tok))):
            return None
        if (self.folded[tok.i],) in self.lex.not_person:
            return None
        rec = self.linker.people.leader(self.folded[tok.i], self.year)
        if rec is None:
            return None
        actor = rec.actor()
        self.people.by_word.setdefault((self.folded[tok.i],), (actor, tok.idx))
        return actor

    def _is_title_word(self, i: int) -> bool:
        word = self.folded[i]
        return word in self.lex.honorifics or word in self.lex.role_nouns or word in self.lex.abbreviated_titles

    @staticmethod
    def _subject(tok: Token) -> bool:
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
            tok.dep_ == "pobj" and tok.head.dep_ == "agent")

    def _earlier_full_name(self, tok: Token) -> Span | None:
        """"Given Surname" earlier in the document that the tagger did not mark as a person."""
        key = self.folded[tok.i]
        for i in range(1, tok.i):
            if self.folded[i] != key:
                continue
            t = self.tokens[i]
            given = self.tokens[t.i - 1]
            if given.pos_ == "PROPN" and given.text[:1].isupper() and given.ent_type_ in ("", "PERSON") \
                    and given.i not in self.at_token and not self._is_title_word(given.i) \
                    and not is_headline_fragment(self, Candidate(given.i, t.i + 1, "PERSON")):
                return self.doc[given.i:t.i + 1]
        return None

    def _link_kb(self, c: Candidate, words: tuple[str, ...]) -> LinkedMention:
        assert c.entries
        entry = c.entries[0]
        rec = entry.record
        homonym = self.lex.homonyms.get(words)
        if entry.ambiguous and homonym is None and not entry.acronym and not self._supported(c, entry):
            # An ambiguous name ("Jordan", "Guardian") links only where the tagger agrees on its kind.
            plain = [e for e in c.entries if not e.ambiguous]
            if not plain:
                return None if c.label == "alias" else self._link(Candidate(c.start, c.end, c.label))
            entry = plain[0]
            rec = entry.record
        if homonym is not None and entry.ambiguous and self._other_reading_wins(c, homonym, rec):
            other = homonym.other
            actor = Actor(id=str(other["id"]), name=other["name"], type=other.get("type", "place"),
                          wikidata=other.get("wikidata"), country=other.get("country"))
            return self.mention(c, actor, "homonym")
        actor = rec.actor()
        if rec.type == "person":
            self.people.add(fold_words(rec.name), actor, self.tokens[c.end - 1].idx)
            self.people.add(words, actor, self.tokens[c.end - 1].idx)
            if rec.surname:  # family name first ("Wang Yi" -> "Wang") is in the KB
                self.people.by_word.setdefault((fold(rec.surname),), (actor, self.tokens[c.end - 1].idx))
        if entry.kind == "seat" and rec.type == "country":
            if self._locative(self.tokens[c.end - 1]):
                name = rec.capital if words == fold_words(rec.capital or "") else self.doc[c.start:c.end].text
                place = Actor(id=f"local:place:{slug(name or '')}", name=name or "", type="place",
                              country=rec.iso)
                return self.mention(c, place, "place")
            return self.mention(c, actor, "metonymy")
        if entry.kind == "demonym":
            return self.mention(c, actor, "demonym")
        label = c.label if _TYPE_LABEL.get(rec.type) == c.label else "alias"
        return self.mention(c, actor, label)

    def _supported(self, c: Candidate, entry: AliasEntry) -> bool:
        if c.label in _COMPATIBLE.get(entry.record.type, ()):
            return True
        # A demonym in a title or on an official body: "Indian External Affairs Minister".
        tok = self.tokens[c.end - 1]
        head = tok.head
        return entry.kind == "demonym" and tok.dep_ in ("amod", "compound") and head.i > tok.i and (
            head.lower_ in self.lex.role_nouns or head.lower_ in self.lex.group_nouns
            or head.ent_type_ in ("PERSON", "ORG") or head.lower_ in self.lex.ministries
            or any(t.lower_ in self.lex.role_nouns for t in head.rights if t.i <= head.i + 2))

    def _other_reading_wins(self, c: Candidate, homonym: Homonym, rec: ActorRecord) -> bool:
        """Whether the cues around a shared name ("Georgia") favour its other reading."""
        own = {fold_words(s) for s in [rec.capital or "", *rec.seats, *rec.demonyms]} - {()}
        own -= {fold_words(s) for s in rec.ambiguous}
        country_cues = homonym.country_cues | own
        sent = self.tokens[c.start].sent
        score = {"other": 0, "country": 0}
        n = max(len(k) for k in homonym.other_cues | country_cues)
        toks = [t for t in self.tokens if not t.is_punct or t.text == "."]
        folded = [self.folded[t.i] for t in toks]
        for i, tok in enumerate(toks):
            if c.start <= tok.i < c.end:
                continue
            for size in range(1, n + 1):
                key = tuple(w for w in folded[i:i + size] if w)
                weight = 2 if sent.start <= tok.i < sent.end else 1
                if key in homonym.other_cues:
                    score["other"] += weight
                elif key in country_cues:
                    score["country"] += weight
        return score["other"] > score["country"]

    def _locative(self, tok: Token) -> bool:
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "pobj":
            return False
        prep = tok.head.lower_
        if prep in self.lex.locative_preps:
            return True
        return prep in self.lex.motion_only_preps and (
            tok.head.head.lemma_.lower() in self.lex.motion_lemmas)

    def _link_lone_surnames(self) -> None:
        # Names the tagger missed somewhere (a name tagged once out of twice), and surnames it left
        # untagged or tagged as something else ("Wang" as ORG). A full name links anywhere in the
        # document; a surname only after the full name.
        words = [(t, self.folded[t.i]) for t in self.tokens if not t.is_punct and not t.is_space]
        for n, (tok, _) in enumerate(words):
            if tok.i in self.at_token or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or self._is_title_word(tok.i):
                continue  # "Mr." is nobody's name
            for size in (3, 2):
                key = tuple(w for _, w in words[n:n + size])
                hit = self.people.by_word.get(key) if len(key) == size else None
                last = words[n + size - 1][0] if hit else None
                if hit and last is not None and not any(
                        i in self.at_token for i in range(tok.i, last.i + 1)):
                    span = self.doc[tok.i:last.i + 1]
                    m = LinkedMention(span.start_char, span.end_char, span.text, hit[0], "PERSON")
                    self.add(m, tok.i, last.i + 1)
                    break
            if tok.i in self.at_token:
                continue
            actor = self.people.find((self.folded[tok.i],), tok.idx)
            if actor is None and tok.ent_type_ in ("", "PERSON"):
                actor = self._leader(tok, subject_only=True)
            if actor is not None:
                m = LinkedMention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "surname")
                self.add(m, tok.i, tok.i + 1)
