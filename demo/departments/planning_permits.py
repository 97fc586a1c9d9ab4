"""Planning & Permits: zoning, building permits and inspections."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Planning & Permits, Suite 300, 219 Magnolia Commons Street, Jackson, MS 39201"

DEPARTMENT = {
    "slug": "planning-permits",
    "title": "Planning & Permits",
    "intro": "Reviews plans, issues building permits, inspects construction and guides how the city grows.",
    "director_name": "Harold Nguyen",
    "director_title": "Director of Planning & Development",
    "phone": phone(63),
    "email": email("permits"),
    "street_address": ADDRESS,
    "office_hours": "Permit counter: Monday to Friday, 8:00 a.m. to 4:00 p.m.",
    "body": body(
        "Most permits can be applied for, paid for and tracked online. Simple residential permits such as a "
        "water heater or a fence are usually issued the same day.",
        heading("Do I need a permit?"),
        bullets(
            [
                "Yes: new buildings, additions, decks over 30 inches high, roofs, fences over 4 feet, "
                "electrical, plumbing and HVAC work, demolition and signs.",
                "No: painting, flooring, cabinets, gutters and repairs that cost under $1,000 and do not touch "
                "structure, wiring or plumbing.",
            ]
        ),
    ),
    "services": [
        {
            "slug": "apply-for-a-building-permit",
            "title": "Apply for a building permit",
            "intro": "Apply for a residential or commercial building permit for new construction, additions "
            "and alterations.",
            "audience": "Homeowners doing their own work, licensed contractors and developers.",
            "steps": [
                ("Prepare your plans", "Site plan and drawings; commercial work needs sealed drawings."),
                ("Apply online", "Upload plans; we check the application is complete within 2 business days."),
                ("Plan review", "Residential plans take about 10 business days; commercial about 20."),
                ("Pay and print your permit", "Post it where it can be seen from the street."),
            ],
            "cost": "Based on project value: $50 minimum, plus $5 per $1,000 of value",
            "documents": [
                "Site plan showing property lines and setbacks",
                "Construction drawings",
                "Contractor's state license number (if using a contractor)",
            ],
            "action_type": "apply",
            "action_label": "Apply for a permit",
            "action_url": f"{SERVICES_DOMAIN}/permits/building",
        },
        {
            "slug": "schedule-a-building-inspection",
            "title": "Schedule a building inspection",
            "intro": "Book the inspections your permit requires, from footing to final.",
            "audience": "Permit holders and their contractors.",
            "steps": [
                ("Book by 4 p.m.", "Requests made by 4 p.m. are inspected the next business day."),
                ("Be ready", "Have the permit on site and the work uncovered."),
            ],
            "cost": "Included in the permit fee; $50 for a third re-inspection",
            "documents": [],
            "action_type": "schedule",
            "action_label": "Request an inspection",
            "action_form": "request-a-building-inspection",
        },
        {
            "slug": "check-zoning-for-a-property",
            "title": "Check the zoning for a property",
            "intro": "Find out what a property is zoned for and what you can build or run there.",
            "audience": "Buyers, business owners and neighbors.",
            "steps": [
                ("Look it up on the zoning map", "Search by address or parcel number."),
                ("Ask a planner", "For a written zoning verification letter, request one online."),
            ],
            "cost": "Map lookup free; zoning verification letter $50",
            "documents": [],
            "action_type": "learn",
            "action_label": "Open the zoning map",
            "action_url": f"{SERVICES_DOMAIN}/maps/zoning",
        },
        {
            "slug": "apply-for-a-home-business-permit",
            "title": "Apply for a home occupation permit",
            "intro": "Run a small business from your home, such as an office, tutoring or online shop.",
            "audience": "Residents starting a business at home with no more than one non-resident employee.",
            "steps": [
                ("Check the rules", "No signs, no retail on site, and no more than 8 customer visits a day."),
                ("Apply", "Approval usually takes 5 business days."),
            ],
            "cost": "$25 one-time fee",
            "documents": ["Description of the business", "Owner's permission if you rent"],
            "action_type": "apply",
            "action_label": "Apply online",
            "action_url": f"{SERVICES_DOMAIN}/permits/home-occupation",
        },
    ],
    "contacts": [
        {
            "slug": "harold-nguyen",
            "title": "Harold Nguyen",
            "role": "Director of Planning & Development",
            "phone": phone(63),
            "email": email("hnguyen"),
        },
        {
            "slug": "permit-counter",
            "title": "Permit Counter",
            "kind": "office",
            "role": "Permit applications, payments and plan submittals",
            "phone": phone(64),
            "email": email("permits"),
        },
        {
            "slug": "inspection-scheduling",
            "title": "Inspection Scheduling",
            "kind": "office",
            "role": "Book, move or cancel building inspections",
            "phone": phone(65),
            "email": email("inspections"),
        },
        {
            "slug": "priya-desai",
            "title": "Priya Desai",
            "role": "Principal Planner, zoning and variances",
            "phone": phone(66),
            "email": email("pdesai"),
        },
        {
            "slug": "walter-simmons",
            "title": "Walter Simmons",
            "role": "Chief Building Official",
            "phone": phone(67),
            "email": email("wsimmons"),
        },
    ],
    "faqs": [
        {
            "slug": "do-i-need-a-permit-for-a-fence",
            "title": "Do I need a permit for a fence?",
            "answer": "<p>Only for fences taller than 4 feet in a front yard or 6 feet anywhere else, which need "
            "a variance. Fences must be on your side of the property line and must not block the view at "
            "corners. Call 811 before you dig.</p>",
            "tags": ["permits", "fences"],
        },
        {
            "slug": "how-long-does-a-permit-take",
            "title": "How long does it take to get a building permit?",
            "answer": "<p>Simple trade permits are usually issued the same day. Residential plan review takes "
            "about 10 business days, and commercial about 20. Incomplete applications are the most common "
            "cause of delay.</p>",
            "tags": ["permits"],
        },
        {
            "slug": "what-happens-if-i-build-without-a-permit",
            "title": "What happens if work was done without a permit?",
            "answer": "<p>You will need an after-the-fact permit, which costs double the normal fee, and "
            "inspectors may ask you to open walls to check the work. Unpermitted work can also delay the sale "
            "of a house.</p>",
            "tags": ["permits", "code enforcement"],
        },
        {
            "slug": "how-do-i-request-a-variance",
            "title": "How do I ask for a variance?",
            "answer": "<p>Talk to a planner first. Then apply to the Board of Adjustment, which meets monthly; "
            "neighbors within 300 feet are notified and may speak at the hearing. The fee is $200.</p>",
            "tags": ["zoning"],
        },
    ],
    "forms": [
        {
            "slug": "request-a-building-inspection",
            "title": "Request a building inspection",
            "intro": "<p>Requests received by 4 p.m. on a business day are inspected the next business day.</p>",
            "thank_you_text": "<p>Thank you. Inspection Scheduling will confirm your inspection window by email.</p>",
            "to_address": email("inspections"),
            "subject": "Inspection request",
            "fields": [
                {"label": "Permit number", "field_type": "singleline", "help_text": "For example: BLD-2025-01234."},
                {"label": "Site address", "field_type": "singleline"},
                {
                    "label": "Inspection type",
                    "field_type": "dropdown",
                    "choices": [
                        "Footing",
                        "Foundation",
                        "Framing",
                        "Electrical rough-in",
                        "Plumbing rough-in",
                        "Mechanical",
                        "Final",
                    ],
                },
                {"label": "Preferred date", "field_type": "date"},
                {"label": "Contact name", "field_type": "singleline"},
                {"label": "Contact phone", "field_type": "singleline"},
                {"label": "Contact email", "field_type": "email"},
            ],
        }
    ],
}
