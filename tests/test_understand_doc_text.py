"""``types.doc_text`` memoises one Doc's text per thread; each thread must see its own Doc's text."""

from __future__ import annotations

import threading

import spacy

from newsloom.understand.types import doc_text


def test_each_thread_reads_its_own_docs_text() -> None:
    nlp = spacy.blank("en")
    wrong: list[str] = []

    def work(word: str) -> None:
        for i in range(300):
            doc = nlp.make_doc(f"{word} number {i} was read.")
            if doc_text(doc) != doc.text:
                wrong.append(doc.text)

    threads = [threading.Thread(target=work, args=(w,)) for w in ("Alpha", "Bravo", "Charlie", "Delta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_a_new_doc_is_not_given_the_previous_text() -> None:
    nlp = spacy.blank("en")
    first, second = nlp.make_doc("One text here."), nlp.make_doc("Another text there.")
    assert doc_text(first) == "One text here."
    assert doc_text(second) == "Another text there."
    assert doc_text(first) == "One text here."
