"""The tree tests/test_pages_render.py asserts exact markup against: not demo content.

Every page type, with the parts a template can get wrong (images with alt text, topics,
all-day and canceled events, forms with every kind of field, fourteen stories for
pagination), built on the ``city`` and ``department`` fixtures from tests/conftest.py, with
values chosen for the assertions (a 601-555-0000 footer number, "Marcus Bell"). The demo
city, and the slice of it the browser tests build, is demo/sample.py; this file moved here
from tests/browser/demo_content.py when the browser tests switched to that slice.

Returns a map of names to URL paths, so tests can say "the event page" rather than spell
out slugs.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
from events.models import EventPage
from forms.models import FormField
from home.models import CitySettings, StandardPage
from news.models import NewsPage
from tests.conftest import add_child


def _png(width=640, height=360):
    """A small generated PNG, so the demo needs no binary files in the repository."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (width, height), (11, 61, 99))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(242, 193, 78))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="state-street.png")


def build_demo_city(city, department):
    """Fill the tree; returns {name: path}."""
    home = city["home"]
    public_works = department["department"]
    now = timezone.now()

    # Richer content for the department that the `department` fixture made.
    public_works.director_name = "Marcus Bell"
    public_works.director_title = "Director of Public Works"
    public_works.street_address = "200 South President Street\nJackson, MS 39201"
    public_works.office_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    public_works.body = [("paragraph", RichText("<p>We keep 1,100 miles of streets safe, clean and drained.</p>"))]
    public_works.save_revision().publish()

    service = department["service"]
    service.audience = "Anyone who sees a pothole on a city street."
    service.cost = "Free"
    service.documents_needed = (
        "<ul><li>The street address or nearest intersection</li><li>A photo, if you can</li></ul>"
    )
    service.steps = [
        ("step", {"title": "Find the location", "detail": RichText("<p>Note the nearest address.</p>")}),
        ("step", {"title": "Report it online", "detail": RichText("<p>It takes about two minutes.</p>")}),
        ("step", {"title": "Track the repair", "detail": RichText("<p>We email you when it is fixed.</p>")}),
    ]
    service.save_revision().publish()

    faq = department["faq"]
    faq.tags.add("Trash and recycling")
    faq.save_revision().publish()

    contact = department["contact"]
    contact.email = "dwhitfield@example.gov"
    contact.street_address = "200 South President Street"
    contact.save_revision().publish()

    form = department["form"]
    form.intro = "<p>Tell Public Works about a problem or ask a question.</p>"
    form.thank_you_text = "<p>We answer most messages within two working days.</p>"
    form.save_revision().publish()
    fields = [
        ("Your name", "singleline", True, "First and last name", ""),
        ("Email address", "email", True, "We only use it to reply to you.", ""),
        ("Topic", "radio", True, "", "Streets\nDrainage\nTrash"),
        ("Preferred contact", "checkboxes", False, "", "Email\nPhone"),
        ("Message", "multiline", True, "", ""),
        ("I am a Jackson resident", "checkbox", False, "", ""),
    ]
    for sort_order, (label, field_type, required, help_text, choices) in enumerate(fields):
        FormField.objects.create(
            page=form,
            sort_order=sort_order,
            label=label,
            field_type=field_type,
            required=required,
            help_text=help_text,
            choices=choices,
        )

    cleanup = department["event"]
    cleanup.venue_address = "1200 Bailey Avenue"
    cleanup.body = [
        ("paragraph", RichText("<p>Questions before the day? Call the city yard at (601) 555-0177.</p>")),
    ]
    cleanup.what_to_bring = "<ul><li>Work gloves</li><li>Bulky items, sorted by type</li></ul>"
    cleanup.accessibility = "<p>The drop-off lane is step-free. Call 601-555-0178 to ask for help unloading.</p>"
    cleanup.save_revision().publish()

    story = department["news"]
    story.image = Image.objects.create(title="State Street", file=_png())
    story.image_alt = "A paving crew resurfacing State Street"
    story.body = [
        ("paragraph", RichText("<p>Crews will work from 7 a.m. to 6 p.m. Expect lane closures.</p>")),
        ("callout", {"tone": "warning", "heading": "Detour", "text": RichText("<p>Use Congress Street.</p>")}),
    ]
    story.tags.add("Streets", "Construction")
    story.save_revision().publish()

    parks = add_child(
        city["departments"],
        DepartmentPage(
            title="Parks & Recreation",
            slug="parks",
            intro="Parks, pools, community centers and programs for every age.",
            director_name="Alicia Moore",
            phone="(601) 555-0150",
            email="parks@example.gov",
            street_address="1000 Riverside Drive\nJackson, MS 39202",
            office_hours="Monday to Saturday, 9 a.m. to 6 p.m.",
        ),
    )
    add_child(
        parks,
        ServicePage(
            title="Reserve a park pavilion",
            slug="reserve-pavilion",
            intro="Book a covered pavilion for a birthday, reunion or meeting.",
            cost="$40 for four hours",
            action_type="schedule",
            action_url="https://example.gov/reserve",
        ),
    )
    pool_faq = add_child(
        parks,
        FAQPage(title="When do the city pools open?", slug="pools-open", answer="<p>Memorial Day weekend.</p>"),
    )
    pool_faq.tags.add("Pools")
    pool_faq.save_revision().publish()
    add_child(
        parks,
        ContactPage(
            title="Parks reservations office",
            slug="reservations",
            kind="office",
            role="Pavilion and field bookings",
            phone="601-555-0155",
            email="reservations@example.gov",
        ),
    )
    festival = add_child(
        parks,
        EventPage(
            title="Riverfront summer festival",
            slug="summer-festival",
            start=now + datetime.timedelta(days=20),
            end=now + datetime.timedelta(days=21),
            all_day=True,
            summary="Two days of music, food trucks and fireworks on the river.",
            venue_name="Riverside Park",
            venue_address="1000 Riverside Drive",
            cost="Free",
        ),
    )
    festival.tags.add("Festivals")
    festival.save_revision().publish()
    add_child(
        parks,
        EventPage(
            title="Youth soccer registration night",
            slug="soccer-night",
            start=now + datetime.timedelta(days=3),
            end=now + datetime.timedelta(days=3, hours=2),
            summary="Sign up for the fall season.",
            venue_name="Northside Community Center",
            online_url="https://example.gov/live",
            registration_url="https://example.gov/register",
            canceled=True,
        ),
    )
    add_child(
        parks,
        EventPage(
            title="Spring tree planting",
            slug="tree-planting",
            start=now - datetime.timedelta(days=30),
            end=now - datetime.timedelta(days=30, hours=-3),
            summary="Volunteers planted 200 trees.",
            venue_name="Battlefield Park",
        ),
    )
    for number in range(14):
        add_child(
            city["news"],
            NewsPage(
                title=f"City council roundup, week {number + 1}",
                slug=f"council-roundup-{number + 1}",
                date=datetime.date.today() - datetime.timedelta(days=7 * (number + 1)),
                summary="What the council decided this week, in plain language.",
            ),
        )

    accessibility = add_child(
        home,
        StandardPage(
            title="Accessibility statement",
            slug="accessibility",
            intro="We want everyone to be able to use this website.",
            body=[
                ("heading", {"text": "Our standard", "level": "h2"}),
                ("paragraph", RichText("<p>We aim to meet WCAG 2.2 level AA.</p>")),
            ],
        ),
    )
    privacy = add_child(home, StandardPage(title="Privacy policy", slug="privacy", intro="What we collect and why."))
    about_history = add_child(
        city["about"],
        StandardPage(title="History of Jackson", slug="history", intro="From a trading post to a capital."),
    )

    home.hero_heading = "Welcome to the City of Jackson"
    home.top_tasks = [
        ("task", {"label": "Report a pothole", "description": "Tell us about street damage", "page": service}),
        ("task", {"label": "Reserve a pavilion", "description": "Book a park for your event", "url": ""}),
        (
            "task",
            {
                "label": "Pay a water bill",
                "description": "Online, by phone or in person",
                "url": "https://example.gov/pay",
            },
        ),
    ]
    home.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    settings = CitySettings.for_site(site)
    settings.city_name = "City of Jackson"
    settings.tagline = "Mississippi's capital city"
    settings.phone = "601-555-0000"
    settings.email = "cityhall@example.gov"
    settings.street_address = "219 South President Street\nJackson, MS 39201"
    settings.office_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    settings.facebook_url = "https://facebook.example/cityofjackson"
    settings.youtube_url = "https://youtube.example/cityofjackson"
    settings.accessibility_page = accessibility
    settings.privacy_page = privacy
    settings.save()

    return {
        "home": "/",
        "standard": about_history.url,
        "accessibility": accessibility.url,
        "department_index": city["departments"].url,
        "department": public_works.url,
        "department_parks": parks.url,
        "service_index": city["services"].url,
        "service": service.url,
        "faq_index": city["faq"].url,
        "faq": faq.url,
        "directory": city["directory"].url,
        "contact": contact.url,
        "news_index": city["news"].url,
        "news": story.url,
        "event_index": city["events"].url,
        "event_index_past": city["events"].url + "past/",
        "event": department["event"].url,
        "event_all_day": festival.url,
        "event_canceled": parks.url + "soccer-night/",
        "form": form.url,
    }
