"""The runner that moves documents through the pipeline into a store, in-process and in bounded batches."""

from .local import IngestReport, add, ingest, reprocess

__all__ = ["IngestReport", "add", "ingest", "reprocess"]
