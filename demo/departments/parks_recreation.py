"""Parks & Recreation: parks, pools, community centers and programs."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Parks & Recreation, Sweetgum Park Community Center, 640 Sweetgum Park Drive, Jackson, MS 39206"

DEPARTMENT = {
    "slug": "parks-recreation",
    "title": "Parks & Recreation",
    "intro": "Runs 62 parks, 14 community centers, 4 pools, athletic leagues and year-round programs for all ages.",
    "director_name": "Alicia Fontaine",
    "director_title": "Director of Parks & Recreation",
    "phone": phone(55),
    "email": email("parks"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 8:00 a.m. to 5:00 p.m.; community centers open evenings and Saturdays",
    "body": body(
        "Parks are open from sunrise to one hour after sunset. Community centers host after-school programs, "
        "senior fitness, open gym and summer camps.",
        heading("Popular places"),
        bullets(
            [
                "Sweetgum Park: splash pad, walking trail and the largest pavilion in the city",
                "Heron Lake Park: fishing pier, disc golf and 3 miles of paved trail",
                "Magnolia Ridge Tennis Center: 12 lighted courts",
                "Eastover Aquatic Center: indoor pool open all year",
            ]
        ),
    ),
    "services": [
        {
            "slug": "reserve-a-park-pavilion",
            "title": "Reserve a park pavilion",
            "intro": "Book a covered pavilion for a birthday, reunion, church picnic or company event.",
            "audience": "Anyone; Jackson residents book at the resident rate and up to 6 months ahead.",
            "steps": [
                ("Choose a park and date", "Pavilions can be booked in 4-hour blocks between 8 a.m. and 8 p.m."),
                ("Send the reservation request", "We confirm availability within 2 business days."),
                ("Pay to confirm", "Pay online or at the Sweetgum Park office within 5 days to hold the date."),
            ],
            "cost": "$40 per 4-hour block for residents, $80 for non-residents",
            "documents": ["Certificate of insurance for events over 100 people or with inflatables"],
            "action_type": "request",
            "action_label": "Request a reservation",
            "action_form": "park-pavilion-reservation",
        },
        {
            "slug": "register-for-youth-sports",
            "title": "Register for youth sports",
            "intro": "Sign children up for baseball, softball, soccer, basketball and flag football leagues.",
            "audience": "Children and teens aged 5 to 16. Scholarships are available.",
            "steps": [
                ("Check the season dates", "Registration opens 6 weeks before each season."),
                ("Register online", "Create a family account and add each player."),
                ("Bring a birth certificate", "Show it at your first practice for age verification."),
            ],
            "cost": "$45 per child per season; $30 for each additional sibling",
            "documents": ["Child's birth certificate", "Proof of Jackson address for the resident rate"],
            "action_type": "register",
            "action_label": "Register a player",
            "action_url": f"{SERVICES_DOMAIN}/recreation/youth-sports",
        },
        {
            "slug": "get-a-pool-pass",
            "title": "Get a pool pass",
            "intro": "Buy a season or punch pass for the city's outdoor pools and the Eastover Aquatic Center.",
            "audience": "Swimmers of all ages. Children under 10 must be with an adult.",
            "steps": [
                ("Choose a pass", "Season passes run Memorial Day to Labor Day; punch passes never expire."),
                ("Buy online or at any pool", "Bring a photo for your pass card."),
            ],
            "cost": "Season pass $60 (youth $30); 10-visit punch pass $25",
            "documents": [],
            "action_type": "pay",
            "action_label": "Buy a pass",
            "action_url": f"{SERVICES_DOMAIN}/recreation/pools",
        },
    ],
    "contacts": [
        {
            "slug": "alicia-fontaine",
            "title": "Alicia Fontaine",
            "role": "Director of Parks & Recreation",
            "phone": phone(55),
            "email": email("afontaine"),
        },
        {
            "slug": "park-reservations-office",
            "title": "Park Reservations Office",
            "kind": "office",
            "role": "Pavilion, field and community room reservations",
            "phone": phone(56),
            "email": email("parkreservations"),
        },
        {
            "slug": "jerome-pickett",
            "title": "Jerome Pickett",
            "role": "Athletics Coordinator",
            "phone": phone(57),
            "email": email("jpickett"),
        },
        {
            "slug": "eastover-aquatic-center",
            "title": "Eastover Aquatic Center",
            "kind": "office",
            "role": "Lap swim, swim lessons and water aerobics",
            "phone": phone(58),
            "street_address": "415 Eastover Parkway, Jackson, MS 39211",
            "office_hours": "Monday to Friday, 6:00 a.m. to 8:00 p.m.; Saturday, 9:00 a.m. to 4:00 p.m.",
        },
        {
            "slug": "maribel-santos",
            "title": "Maribel Santos",
            "role": "Senior Programs Supervisor",
            "phone": phone(59),
            "email": email("msantos"),
        },
        {
            "slug": "park-maintenance",
            "title": "Park Maintenance",
            "kind": "office",
            "role": "Broken playground equipment, fallen limbs and restroom problems in parks",
            "phone": phone(60),
            "email": email("parkmaintenance"),
        },
    ],
    "faqs": [
        {
            "slug": "can-i-cancel-a-pavilion-reservation",
            "title": "Can I cancel or move a pavilion reservation?",
            "answer": "<p>Yes. Cancel at least 14 days ahead for a full refund, or 3 to 13 days ahead for a 50% "
            "refund. You can move your date once at no charge if another date is free. Reservations canceled "
            "by the city for weather are always refunded.</p>",
            "tags": ["parks", "reservations"],
        },
        {
            "slug": "are-dogs-allowed-in-parks",
            "title": "Are dogs allowed in city parks?",
            "answer": "<p>Yes, on a leash no longer than 6 feet, except on playgrounds, athletic fields and "
            "splash pads. The off-leash dog park at Heron Lake Park is open sunrise to sunset. Please pick up "
            "after your dog; bags are provided at trailheads.</p>",
            "tags": ["parks", "pets"],
        },
        {
            "slug": "youth-sports-scholarships",
            "title": "Is there help paying for youth sports or camp?",
            "answer": "<p>Yes. Families who receive SNAP, Medicaid or free school lunch pay $10 per season or "
            "per camp week. Bring proof of eligibility to any community center, or attach it when you register "
            "online.</p>",
            "tags": ["youth", "sports"],
        },
        {
            "slug": "when-do-pools-open",
            "title": "When do the outdoor pools open?",
            "answer": "<p>Outdoor pools open the Saturday of Memorial Day weekend and close on Labor Day. They "
            "are open Tuesday to Sunday, 1 p.m. to 6 p.m. The indoor Eastover Aquatic Center is open all "
            "year.</p>",
            "tags": ["pools"],
        },
    ],
    "forms": [
        {
            "slug": "park-pavilion-reservation",
            "title": "Park pavilion reservation",
            "intro": "<p>Ask to reserve a pavilion. This is a request: your date is confirmed once we reply and "
            "you pay the fee.</p>",
            "thank_you_text": "<p>Thank you. The Park Reservations Office will reply within two business days "
            "with availability and how to pay.</p>",
            "to_address": email("parkreservations"),
            "subject": "Pavilion reservation request",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Email address", "field_type": "email"},
                {"label": "Phone number", "field_type": "singleline"},
                {
                    "label": "Park",
                    "field_type": "dropdown",
                    "choices": [
                        "Sweetgum Park (large pavilion, 150 people)",
                        "Sweetgum Park (small pavilion, 40 people)",
                        "Heron Lake Park (60 people)",
                        "Tupelo Bend Park (50 people)",
                        "Cedar Hill Park (30 people)",
                    ],
                },
                {"label": "Date", "field_type": "date"},
                {
                    "label": "Time block",
                    "field_type": "radio",
                    "choices": ["8 a.m. to noon", "12:30 to 4:30 p.m.", "4:30 to 8:30 p.m."],
                },
                {"label": "Expected number of guests", "field_type": "number"},
                {
                    "label": "Will you have any of these?",
                    "field_type": "checkboxes",
                    "required": False,
                    "choices": ["Inflatable or bounce house", "Amplified music", "Food truck or caterer"],
                    "help_text": "Some of these need extra approval or insurance.",
                },
                {"label": "Is this for a Jackson resident?", "field_type": "checkbox", "required": False},
            ],
        }
    ],
}
