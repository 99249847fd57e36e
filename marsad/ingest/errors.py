"""What a reader yields for input it cannot use: one clear reason, naming the file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass
class IngestError:
    source_path: str
    reason: str
    kind: Literal["error", "skipped", "empty"] = "error"  # skipped: not article data (a warning); empty: no body

    def __str__(self) -> str:
        return f"{self.source_path}: {self.reason}"

    @property
    def short(self) -> str:
        """The reason without its particulars (sizes, positions): what a summary counts by."""
        return re.split(r"\s*[(:;]", self.reason, maxsplit=1)[0].strip() or self.reason
