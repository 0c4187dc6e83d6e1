"""Runners that move documents through the pipeline into a store: local (in-process) and Ray."""

from .local import IngestReport, ingest, reprocess

__all__ = ["IngestReport", "ingest", "reprocess"]
