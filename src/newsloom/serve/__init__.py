"""The web workspace and REST API: one FastAPI app over one store (``create_app``)."""

from .app import create_app

__all__ = ["create_app"]
