"""The data model: pydantic classes that are the JSON output contract (shared/spec/contract.md, schema_version 1).

Offsets are Python string indices into the owning document's `text` (cleaned body, title excluded), end exclusive.
Contract field names never change; extra fields may be added.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Grain = Literal["minute", "hour", "day", "week", "month", "season", "year", "decade", "interval"]
ResolvedFrom = Literal["absolute", "publication", "context", "inferred", "unresolved"]
Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"]
Stance = Literal["asserted", "hedged", "reported_belief", "denied"]
EntityType = Literal["PER", "ORG", "LOC", "MISC"]


class _M(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


# ---------------------------------------------------------------- documents
class Removed(_M):
    kind: Literal["boilerplate", "caption", "metadata"]
    text: str
    rule: str | None = None  # which lexicon rule removed it (why)


class RawArticle(_M):
    """What a reader yields before cleaning: raw body text plus whatever metadata the format carried."""
    source_path: str
    title: str | None = None
    body: str
    source_name: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (or datetime) from metadata
    published_from: Literal["metadata", "text", "inferred"] | None = None
    format: str = "txt"
    pre_removed: list[Removed] = Field(default_factory=list)  # removed by the reader (e.g. the ` date` marker)


class Document(_M):
    id: str
    source_path: str
    source_name: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: Literal["metadata", "text", "inferred"] | None = None
    text: str
    removed: list[Removed] = Field(default_factory=list)
    author: str | None = None
    format: str | None = None


# ---------------------------------------------------------------- per-document annotations
class Sentence(_M):
    start: int
    end: int


class Quantity(_M):
    """A number phrase found by the number tagger (not yet a claim)."""
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None        # counted noun / unit lemma, e.g. "جندي", "كيلومتر مربع", "USD", "%"
    unit_text: str | None = None   # the unit as written
    unit_start: int | None = None
    unit_end: int | None = None
    kind: str = "count"            # count | money | percent | measure; not claims (numbers.is_quantity_of_interest): ordinal | year | date | time | duration | frequency | code | score
    form: str | None = None        # "dual": a dual noun standing for 2 («قتيلين»); the claims stage decides if it counts
    part_of_start: int | None = None   # a part («29 منها»، «إحدى الحالات»): the start offset of its total's Quantity


class DateMention(_M):
    doc: str = ""
    start: int
    end: int
    text: str
    value: str | None = None   # EDTF
    grain: Grain | None = None
    resolved_from: ResolvedFrom = "unresolved"


class Mention(_M):
    doc: str = ""
    start: int
    end: int
    text: str
    label: EntityType | None = None
    source: str | None = None       # "ner" | "rule" | "gazetteer"
    title: str | None = None        # title/role evidence, e.g. «الرئيس الروسي»
    refers_to: str | None = None    # canonical name of what the mention stands for (metonymy), e.g. «كوريا الجنوبية»
    entity: str | None = None       # entity id after resolution


class Claim(_M):
    id: str
    doc: str
    start: int
    end: int
    evidence: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    measure: str = "other"
    subject: str | None = None
    holder: str | None = None
    holder_entity: str | None = None
    claim_date: str | None = None
    stance: Stance = "asserted"
    evidence_start: int | None = None
    evidence_end: int | None = None


class Quote(_M):
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_entity: str | None = None


class AnalysedDocument(_M):
    """One document plus everything the per-document stages found in it."""
    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)  # a stage that failed on this document says so here


# ---------------------------------------------------------------- corpus structures
class EntityMentionRef(_M):
    doc: str
    start: int
    end: int
    text: str


class Entity(_M):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    refers_to: str | None = None
    mentions: list[EntityMentionRef] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)


class ClaimGroup(_M):
    id: str
    measure: str
    subject: str | None = None
    claims: list[str]
    min: float
    max: float
    conflict: bool


class SourceRef(_M):
    doc: str
    start: int
    end: int


class SummarySentence(_M):
    text: str
    doc: str
    start: int
    end: int
    sources: list[SourceRef] = Field(default_factory=list)


class TimelineEntry(_M):
    date: str
    text: str
    doc: str
    start: int
    end: int
    sources: list[SourceRef] = Field(default_factory=list)


class Event(_M):
    id: str
    title: str
    documents: list[str]
    date: str | None = None


class Story(_M):
    id: str
    title: str
    documents: list[str]
    events: list[str] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)


class Analysis(_M):
    """The whole JSON output of `marsad analyze`."""
    schema_version: int = SCHEMA_VERSION
    documents: list[Document] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    claim_groups: list[ClaimGroup] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
