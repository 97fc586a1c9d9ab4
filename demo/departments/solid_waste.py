"""Solid Waste: trash, recycling, yard waste and bulk pickup."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Solid Waste Division, 1450 Riverbend Industrial Drive, Building C, Jackson, MS 39204"

DEPARTMENT = {
    "slug": "solid-waste",
    "title": "Solid Waste",
    "intro": "Collects household trash, recycling, yard waste and bulky items, and runs the city's drop-off center.",
    "director_name": "Terrence Odom",
    "director_title": "Solid Waste Manager",
    "phone": phone(32),
    "email": email("solidwaste"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 7:00 a.m. to 4:00 p.m.",
    "body": body(
        "Trash is collected once a week on your route day. Recycling is collected every other week on the same "
        "day. Put carts at the curb by 6 a.m., handles facing the street, at least three feet apart.",
        heading("Holiday schedule"),
        "When a city holiday falls on a weekday, pickup for that day and every later day that week moves one day "
        "later. There is no change for holidays on a weekend.",
        heading("What goes in the recycling cart"),
        bullets(
            [
                "Plastic bottles, jugs and tubs (numbers 1, 2 and 5), empty and rinsed",
                "Aluminum and steel cans",
                "Cardboard (flattened), paper, mail and newspapers",
                "No glass, plastic bags, foam or garden hoses",
            ]
        ),
    ),
    "services": [
        {
            "slug": "trash-pickup-schedule",
            "title": "Find your trash and recycling day",
            "intro": "Look up your weekly trash day and every-other-week recycling day by address.",
            "audience": "Households with city cart service. Apartments with dumpsters are served privately.",
            "steps": [
                ("Enter your address", "The lookup shows your route, pickup day and recycling week."),
                ("Sign up for reminders", "Get a text or email the night before pickup and for holiday changes."),
            ],
            "cost": "Included in your monthly utility bill ($24.50 for trash and recycling)",
            "documents": [],
            "action_type": "learn",
            "action_label": "Look up my pickup day",
            "action_url": f"{SERVICES_DOMAIN}/solid-waste/schedule",
        },
        {
            "slug": "request-bulk-trash-pickup",
            "title": "Request a bulk trash pickup",
            "intro": "Schedule a pickup for furniture, mattresses, appliances and other items too big for the cart.",
            "audience": "Households with city cart service. Up to two free pickups a year per address.",
            "steps": [
                ("List your items", "Up to 10 items or 4 cubic yards per pickup."),
                ("Book a date", "We confirm your pickup day by email or phone within 2 business days."),
                (
                    "Put items out",
                    "Place items at the curb by 6 a.m. on your pickup day, not before 6 p.m. the day before.",
                ),
            ],
            "cost": "Free twice a year; $35 for each additional pickup",
            "documents": [],
            "action_type": "request",
            "action_label": "Request a pickup",
            "action_form": "request-bulk-trash-pickup-form",
        },
        {
            "slug": "replace-a-damaged-cart",
            "title": "Replace a damaged or stolen cart",
            "intro": "Get a replacement trash or recycling cart if yours is cracked, broken or missing.",
            "audience": "Households with city cart service.",
            "steps": [
                ("Report the cart", "Tell us whether it is a trash or recycling cart and what happened."),
                ("Leave the old cart out", "We collect it when we deliver the new one, within 7 business days."),
            ],
            "cost": "Free when worn out or damaged by our trucks; $60 if lost",
            "documents": [],
            "action_type": "request",
            "action_label": "Request a new cart",
            "action_url": f"{SERVICES_DOMAIN}/311/carts",
        },
    ],
    "contacts": [
        {
            "slug": "terrence-odom",
            "title": "Terrence Odom",
            "role": "Solid Waste Manager",
            "phone": phone(32),
            "email": email("todom"),
        },
        {
            "slug": "collections-customer-service",
            "title": "Collections Customer Service",
            "kind": "office",
            "role": "Missed pickups, carts and bulk trash appointments",
            "phone": phone(33),
            "email": email("trash"),
        },
        {
            "slug": "drop-off-center",
            "title": "Residential Drop-off Center",
            "kind": "office",
            "role": "Tires, paint, electronics, brush and household hazardous waste",
            "phone": phone(34),
            "street_address": "2300 Old Quarry Road, Jackson, MS 39212",
            "office_hours": "Tuesday to Saturday, 8:00 a.m. to 3:30 p.m.",
        },
        {
            "slug": "keisha-lang",
            "title": "Keisha Lang",
            "role": "Recycling Coordinator",
            "phone": phone(35),
            "email": email("recycling"),
        },
    ],
    "faqs": [
        {
            "slug": "my-trash-was-not-picked-up",
            "title": "My trash was not picked up. What should I do?",
            "answer": "<p>If your cart was at the curb by 6 a.m. and was missed, report it by 5 p.m. the next "
            "business day and a truck will return within one business day. Check first that the lid closes "
            "and nothing is on top of or beside the cart: crews cannot collect overflow bags.</p>",
            "tags": ["trash"],
        },
        {
            "slug": "where-do-i-take-old-paint-and-tires",
            "title": "Where do I take old paint, tires and electronics?",
            "answer": "<p>Take them to the Residential Drop-off Center, 2300 Old Quarry Road, Tuesday to "
            "Saturday. Jackson residents can drop off up to 8 tires and 10 gallons of paint a month free with "
            "proof of address. Never put batteries, paint or chemicals in your cart.</p>",
            "tags": ["recycling", "hazardous waste"],
        },
        {
            "slug": "does-pickup-change-on-holidays",
            "title": "Does pickup change on holidays?",
            "answer": "<p>Yes, on weekday holidays pickup slides one day later for the rest of that week. "
            "Friday routes are collected on Saturday. Sign up for reminders to get a text when this happens.</p>",
            "tags": ["trash", "holidays"],
        },
        {
            "slug": "yard-waste-collection",
            "title": "How do I get rid of leaves and branches?",
            "answer": "<p>Yard waste is collected on your trash day. Bag leaves and grass in paper yard bags or "
            "bundle branches no longer than 4 feet and no thicker than 6 inches. Up to 10 bags or bundles a "
            "week. Larger piles need a bulk pickup.</p>",
            "tags": ["yard waste"],
        },
        {
            "slug": "can-i-get-a-second-recycling-cart",
            "title": "Can I get a second recycling cart?",
            "answer": "<p>Yes, a second recycling cart is free. Request it online or call Collections Customer "
            "Service; it is delivered within 7 business days.</p>",
            "tags": ["recycling"],
        },
    ],
    "forms": [
        {
            "slug": "request-bulk-trash-pickup-form",
            "title": "Request bulk trash pickup",
            "intro": "<p>Book a pickup for furniture, appliances and other large items. We will confirm your date "
            "within two business days.</p>",
            "thank_you_text": "<p>Thank you. We have your request and will confirm a pickup date by email or "
            "phone within two business days.</p>",
            "to_address": email("trash"),
            "subject": "Bulk trash pickup request",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Pickup address", "field_type": "singleline"},
                {
                    "label": "What are you putting out?",
                    "field_type": "checkboxes",
                    "choices": [
                        "Furniture",
                        "Mattress or box spring",
                        "Appliance (refrigerator doors removed)",
                        "Carpet (rolled, under 4 feet)",
                        "Other large items",
                    ],
                },
                {
                    "label": "How many items?",
                    "field_type": "number",
                    "help_text": "Up to 10 items per pickup.",
                },
                {
                    "label": "Preferred pickup date",
                    "field_type": "date",
                    "required": False,
                    "help_text": "We will try to match it; pickups are on weekdays only.",
                },
                {"label": "Phone number", "field_type": "singleline"},
                {"label": "Email address", "field_type": "email", "required": False},
            ],
        }
    ],
}
