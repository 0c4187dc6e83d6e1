"""Stage protocol, the stage registry, and the Pipeline that runs documents through them.

A stage takes a batch of Articles and returns them enriched. It never opens the database or the
network, so the same stage object runs in-process, in a worker pool, or in a Ray actor.
"""

from __future__ import annotations

import importlib
import json
import logging
import time
import traceback
from collections.abc import Iterable
from typing import ClassVar, Protocol, runtime_checkable

from .errors import IngestError, StageError
from .extract.boilerplate import OutletMemory
from .model import Article, Document
from .settings import Settings

log = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __init__(self, settings: Settings) -> None: ...

    def __call__(self, batch: list[Article]) -> list[Article]: ...


# Stage name -> "module:Class", imported only when a pipeline uses it (spaCy loads lazily).
STAGES: dict[str, str] = {
    "understand": "newsloom.understand.stage:UnderstandStage",
}

# What extraction itself assigns; stages list what they need from these and from each other.
EXTRACT_ASSIGNS = ("text", "paragraphs", "title", "authors", "published", "outlet", "language")


def register_stage(name: str, target: str) -> None:
    """Make a stage available by name (``target`` is ``"package.module:Class"``)."""
    STAGES[name] = target


def load_stage(name: str, settings: Settings) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        raise StageError(f"unknown stage {name!r}; known: {', '.join(sorted(STAGES))}") from None
    module_name, _, cls_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(settings)


class Pipeline:
    """Extraction followed by the configured enrichment stages.

    One broken document never stops a batch: its Article comes back with ``error`` set.
    """

    def __init__(self, settings: Settings | None = None, stages: Iterable[str] | None = None) -> None:
        self.settings = settings or Settings.load()
        names = list(stages if stages is not None else self.settings.pipeline.stages)
        names = [n for n in names if n != "extract"]  # extraction always runs first
        self.stages: list[Stage] = [load_stage(n, self.settings) for n in names]
        self._check()

    def _check(self) -> None:
        have = set(EXTRACT_ASSIGNS)
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise StageError(f"stage {stage.name!r} requires {missing}, assigned by no earlier stage")
            have.update(stage.assigns)

    @property
    def stage_names(self) -> list[str]:
        return ["extract"] + [s.name for s in self.stages]

    def extract(self, doc: Document, memory: OutletMemory | None = None) -> Article:
        """``doc``'s article; with ``memory`` (the caller's), the outlet's learned boilerplate is
        dropped and this document's lines are learned in turn."""
        from .extract import extract_document
        from .extract.substance import refused_input, settle

        try:
            refused = refused_input(doc, self.settings)
            if refused:
                return Article(source=doc.source, document_id=doc.id, error=refused)
            return settle(extract_document(doc, memory=memory), doc, self.settings)
        except IngestError as exc:
            return Article(source=doc.source, document_id=doc.id, error=exc.reason)
        except Exception as exc:  # a bug on one input must not stop the batch
            log.debug("extraction failed for %s", doc.source, exc_info=True)
            return Article(source=doc.source, document_id=doc.id, error=f"extraction failed: {exc!r}")

    def enrich(self, articles: list[Article]) -> list[Article]:
        """Run the enrichment stages over the articles that extracted cleanly."""
        ok = [a for a in articles if a.error is None]
        for stage in self.stages:
            started, before = time.process_time(), len(ok)
            ok = self._run_stage(stage, ok)
            # CPU seconds, not wall time: the number means the same on a busy machine.
            log.info("stage %s: %d article(s) in %.2f CPU s, %d failed", stage.name, before,
                     time.process_time() - started, before - len(ok))
        for a in articles:
            a.scratch.clear()
        return articles

    def _run_stage(self, stage: Stage, batch: list[Article]) -> list[Article]:
        if not batch:
            return batch
        try:
            return stage(batch)
        except Exception:
            if len(batch) == 1:
                batch[0].error = f"stage {stage.name} failed: {traceback.format_exc(limit=1).strip().splitlines()[-1]}"
                return []
        # Find the article that breaks the stage; the others go on.
        survivors: list[Article] = []
        for article in batch:
            survivors.extend(self._run_stage(stage, [article]))
        return survivors

    def process(self, docs: list[Document], memory: OutletMemory | None = None) -> list[Article]:
        """Articles of ``docs``. The pipeline keeps nothing between calls: what is learned about
        outlets goes to ``memory``, which belongs to the caller (the batch runner loads it from
        the store and saves it back); without it every document is extracted on its own."""
        started = time.process_time()
        articles = [self.extract(d, memory) for d in docs]
        failed = [a for a in articles if a.error]
        log.info("stage extract: %d document(s) in %.2f CPU s, %d failed", len(docs),
                 time.process_time() - started, len(failed))
        for a in failed:
            log.debug("extract %s: %s", a.source, a.error)
        return self.enrich(articles)


# Loaded models per configuration. Pipelines hold no state that documents change, so sharing
# one between calls changes no result, only how often models load.
_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(settings: Settings | None = None, stages: Iterable[str] | None = None) -> Pipeline:
    """A Pipeline built once per distinct configuration and stage list (models load once per process)."""
    settings = settings or Settings.load()
    names = None if stages is None else list(stages)
    key = json.dumps([settings.data, names], sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings, names)
    return _PIPELINES[key]


def analyze_documents(docs: list[Document], settings: Settings | None = None, *,
                      stages: Iterable[str] | None = None) -> list[Article]:
    """The articles of ``docs`` with every configured stage (or only ``stages``; ``[]`` for
    extraction alone). A pure function of the documents and the settings: nothing learned from
    earlier documents applies, so the result never depends on what the process saw before."""
    return pipeline_for(settings, stages).process(docs)
