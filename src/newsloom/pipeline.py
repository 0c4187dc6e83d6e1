"""Stage protocol, the stage registry, and the Pipeline that runs documents through them.

A stage takes a batch of Articles and returns them enriched. It never opens the database or the
network, so the same stage object runs in-process, in a worker pool, or in a Ray actor.
"""

from __future__ import annotations

import importlib
import json
import logging
import traceback
from collections.abc import Iterable
from typing import ClassVar, Protocol, runtime_checkable

from .errors import IngestError, StageError
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
        names = list(stages if stages is not None else self.settings.pipeline["stages"])
        names = [n for n in names if n != "extract"]  # extraction always runs first
        self.stages: list[Stage] = [load_stage(n, self.settings) for n in names]
        self._check()
        from .extract.boilerplate import OutletMemory

        # Lines learned per outlet as boilerplate; the batch runner loads and saves it via the store.
        self.memory = OutletMemory()

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

    def extract(self, doc: Document) -> Article:
        from .extract import extract_document
        from .extract.substance import refused_input, settle

        try:
            refused = refused_input(doc, self.settings)
            if refused:
                return Article(source=doc.source, document_id=doc.id, error=refused)
            return settle(extract_document(doc, self.settings, memory=self.memory), doc, self.settings)
        except IngestError as exc:
            return Article(source=doc.source, document_id=doc.id, error=exc.reason)
        except Exception as exc:  # a bug on one input must not stop the batch
            log.debug("extraction failed for %s", doc.source, exc_info=True)
            return Article(source=doc.source, document_id=doc.id, error=f"extraction failed: {exc!r}")

    def enrich(self, articles: list[Article]) -> list[Article]:
        """Run the enrichment stages over the articles that extracted cleanly."""
        ok = [a for a in articles if a.error is None]
        for stage in self.stages:
            ok = self._run_stage(stage, ok)
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

    def process(self, docs: list[Document]) -> list[Article]:
        return self.enrich([self.extract(d) for d in docs])


_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(settings: Settings | None = None) -> Pipeline:
    """A Pipeline built once per distinct configuration (models load once per process)."""
    settings = settings or Settings.load()
    key = json.dumps(settings.data, sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]
