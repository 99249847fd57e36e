"""The HTTP API's response shapes, as the OpenAPI schema at /openapi.json documents them (the contract's models with
the paging envelope and the few fields the API adds)."""
from __future__ import annotations

from fastapi.responses import Response
from pydantic import BaseModel, Field

from marsad.model import Claim, ClaimGroup, Document, Entity, Event, Quote, Story, TimelineEntry


class _Page(BaseModel):
    total: int = Field(description="items matching, before paging")
    limit: int
    offset: int


class DocumentItem(Document):
    text: str | None = None  # left out with ?text=false


class DocumentPage(_Page):
    items: list[DocumentItem]


class StoryItem(Story):
    outlets: list[str] = []
    date_range: list[str | None] = []
    n_documents: int = 0


class StoryPage(_Page):
    items: list[StoryItem]


class EntityPage(_Page):
    items: list[Entity]


class ClaimPage(_Page):
    items: list[Claim]


class ClaimGroupPage(_Page):
    items: list[ClaimGroup]


class ClaimGroupDetail(ClaimGroup):
    members: list[Claim] = []


class QuotePage(_Page):
    items: list[Quote]


class EventPage(_Page):
    items: list[Event]


class TimelineItem(TimelineEntry):
    story: str


class TimelinePage(_Page):
    items: list[TimelineItem]


class StoryTimeline(BaseModel):
    story: str
    items: list[TimelineEntry]


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    title_highlights: list[tuple[int, int]] = Field(description="(start, end) offsets into title")
    snippet: str = Field(description="a verbatim window of the document's text")
    highlights: list[tuple[int, int]] = Field(description="(start, end) offsets into snippet")
    source_name: str | None = None
    published: str | None = None
    url: str | None = None
    lead: str | None = None


class SearchResult(_Page):
    query: str
    hits: list[SearchHit]


class Job(BaseModel):
    id: str
    state: str = Field(description="queued | running | done | error")
    stage: str
    done: int
    total: int
    files: list[str]
    documents: list[str]
    titles: dict[str, str] = {}
    new: int
    duplicates: int
    messages: list[str]
    status_url: str | None = None


class ErrorBody(BaseModel):
    error: str = Field(description="what went wrong, for a person")
    status: int
    detail: list[dict] | None = Field(None, description="per-parameter problems (422)")


ERROR_RESPONSES = {400: {"model": ErrorBody, "description": "malformed request"},
                   404: {"model": ErrorBody, "description": "no such item"},
                   422: {"model": ErrorBody, "description": "invalid parameter"}}
POST_RESPONSES = {403: {"model": ErrorBody, "description": "cross-site request refused (send a same-origin Origin "
                                                           "or the X-Marsad-Token header)"}}


class JSONText(Response):
    """A JSON body that is already encoded (stored contract JSON); the route's response_model still documents it."""
    media_type = "application/json"
