"""The shapes the API answers with: one pydantic schema per thing, one per page type.

These are the contract (README, "Use the API"): within v1 fields are only ever added, never
renamed, retyped or removed. Every page type has its own schema, named by its ``type``
field, so a client can switch on ``type`` and the OpenAPI schema says exactly which fields
each type carries. Lists return cards (no body); a page's detail adds its body, both as
structured blocks and as HTML.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field


class Error(Schema):
    error: str = Field(description="What was wrong, in words.")
    parameter: str | None = Field(None, description="The query or path parameter at fault, if any.")


class DepartmentRef(Schema):
    id: int
    slug: str
    title: str
    url: str


class PageRef(Schema):
    id: int
    type: str
    title: str
    url: str


class Rendition(Schema):
    name: str = Field(description="The size's name: small, medium or large.")
    url: str
    width: int
    height: int


class Image(Schema):
    id: int
    title: str
    alt: str = Field(description="Alt text: what the image shows, for people who cannot see it.")
    width: int
    height: int
    renditions: list[Rendition]


class ImageRef(Schema):
    id: int
    alt: str


class Block(Schema):
    type: str
    id: str | None = None
    value: Any = Field(description="The block's content: text, rich-text HTML, or ids of pages, images, documents.")


class Card(Schema):
    """What every page has; lists answer with this and the page type's own fields."""

    id: int
    type: str
    title: str
    slug: str
    url: str = Field(description="The page's path on the site, e.g. /departments/parks/.")
    full_url: str
    summary: str
    department: DepartmentRef | None
    first_published_at: datetime | None
    last_published_at: datetime | None


class WithBody(Schema):
    seo_title: str
    search_description: str
    body: list[Block] = Field(description="The body as structured blocks (StreamField JSON).")
    body_html: str = Field(description="The same body rendered as HTML, from the site's own block templates.")


class TopTask(Schema):
    label: str
    description: str
    url: str


class HomeCard(Card):
    type: Literal["home"]
    hero_heading: str
    hero_text: str
    top_tasks: list[TopTask]


class StandardCard(Card):
    type: Literal["standard"]
    intro: str


class IndexCard(Card):
    type: Literal["department-index", "service-index", "faq-index", "directory", "news-index", "event-index"]
    intro: str
    menu_title: str


class ContactDetails(Schema):
    phone: str
    email: str
    street_address: str
    office_hours: str


class DepartmentCard(Card, ContactDetails):
    type: Literal["department"]
    intro: str
    director_name: str
    director_title: str


class Action(Schema):
    type: str = Field(description="apply, pay, report, request, register, schedule or learn.")
    label: str
    url: str


class Step(Schema):
    title: str
    detail_html: str


class ServiceCard(Card):
    type: Literal["service"]
    intro: str
    audience: str
    cost: str
    action: Action | None = Field(description="The primary action: where a resident goes to do it.")


class FAQCard(Card):
    type: Literal["faq"]
    question: str
    answer_html: str
    topics: list[str]


class ContactCard(Card, ContactDetails):
    type: Literal["contact"]
    kind: str = Field(description="person or office.")
    role: str


class NewsCard(Card):
    type: Literal["news"]
    date: date
    image: ImageRef | None
    topics: list[str]


class EventCard(Card):
    type: Literal["event"]
    start: datetime = Field(description="This date's start: in a list, the date listed; otherwise the next date.")
    end: datetime
    all_day: bool
    canceled: bool = Field(description="This date is canceled (or the whole event is).")
    status: Literal["scheduled", "canceled", "moved"] = Field(description="This date as the rule gave it, or not.")
    note: str = Field(description="What the city says about a canceled or moved date.")
    date_url: str = Field(description="This date's page: the event's page for a single event.")
    repeats: str = Field(description="How the event repeats, in words; empty for a single event.")
    venue_name: str
    venue_address: str
    online_url: str
    cost: str
    registration_url: str
    topics: list[str]


class FormFieldSchema(Schema):
    name: str = Field(description="The field's name in a submission.")
    label: str
    type: str = Field(description="singleline, multiline, email, number, url, checkbox, checkboxes, dropdown, …")
    required: bool
    choices: list[str]
    default_value: str
    help_text: str


class FormCard(Card):
    type: Literal["form"]
    intro_html: str


class HomeDetail(HomeCard, WithBody):
    pass


class StandardDetail(StandardCard, WithBody):
    pass


class IndexDetail(IndexCard, WithBody):
    pass


class DepartmentDetail(DepartmentCard, WithBody):
    services: list[PageRef]
    contacts: list[PageRef]
    faqs: list[PageRef]
    forms: list[PageRef]


class ServiceDetail(ServiceCard, WithBody):
    steps: list[Step]
    documents_needed_html: str


class FAQDetail(FAQCard, WithBody):
    pass


class ContactDetail(ContactCard, WithBody):
    pass


class NewsDetail(NewsCard, WithBody):
    image: Image | None


class EventDate(Schema):
    start: datetime
    end: datetime
    status: Literal["scheduled", "canceled", "moved"]
    note: str
    url: str


class EventDetail(EventCard, WithBody):
    what_to_bring_html: str
    accessibility_html: str
    upcoming_dates: list[EventDate] = Field(description="The dates that have not ended, soonest first (at most 50).")


class FormDetail(FormCard, WithBody):
    fields: list[FormFieldSchema]
    thank_you_html: str
    submit_url: str = Field(description="The form's web page, where a resident submits it.")


PageDetail = Annotated[
    (
        HomeDetail
        | StandardDetail
        | IndexDetail
        | DepartmentDetail
        | ServiceDetail
        | FAQDetail
        | ContactDetail
        | NewsDetail
        | EventDetail
        | FormDetail
    ),
    Field(discriminator="type"),
]


class Listing(Schema):
    count: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


class Cards(Listing):
    items: list[Card]


class DepartmentCards(Listing):
    items: list[DepartmentCard]


class ServiceCards(Listing):
    items: list[ServiceCard]


class NewsCards(Listing):
    items: list[NewsCard]


class EventCards(Listing):
    items: list[EventCard]


class FAQCards(Listing):
    items: list[FAQCard]


class ContactCards(Listing):
    items: list[ContactCard]


class Images(Listing):
    items: list[Image]


class Facet(Schema):
    slug: str
    label: str
    count: int


class BestBet(Schema):
    title: str
    url: str
    description: str
    external: bool
    page_id: int | None


class SearchResults(Schema):
    query: str
    count: int
    page: int
    limit: int
    matched_any_word: bool = Field(description="True when no page matched every word and these match some.")
    best_bets: list[BestBet]
    type_facets: list[Facet]
    department_facets: list[Facet]
    items: list[Card]


class Hotline(Schema):
    label: str
    phone: str


class Alert(Schema):
    id: int
    title: str
    message: str
    severity: str
    scope: str = Field(description="site, departments or pages.")
    link_url: str
    link_text: str
    starts_at: datetime
    ends_at: datetime | None
    department_ids: list[int]
    page_ids: list[int]
    hotlines: list[Hotline]


class Alerts(Schema):
    items: list[Alert]


class NavItem(Schema):
    label: str
    url: str


class SocialLink(Schema):
    name: str
    url: str


class SiteSettings(Schema):
    name: str
    tagline: str
    phone: str
    email: str
    street_address: str
    office_hours: str
    social_links: list[SocialLink]
    navigation: list[NavItem]
    accessibility_url: str | None
    privacy_url: str | None
    search_url: str
