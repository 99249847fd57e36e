"""SQLite store (WAL, one transaction per document) with an FTS5 index over normalised text."""
from marsad.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
