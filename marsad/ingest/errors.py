"""What a reader yields for input it cannot use: one clear reason, naming the file."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass
class IngestError:
    source_path: str
    reason: str
    kind: Literal["error", "skipped", "empty"] = "error"  # skipped: not article data (a warning); empty: no body

    def __str__(self) -> str:
        return f"{self.source_path}: {self.reason}"
