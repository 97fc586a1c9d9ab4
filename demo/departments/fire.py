"""Fire Department: fire and rescue, inspections and smoke alarms."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Jackson Fire Department Headquarters, 555 Firehouse Row, Jackson, MS 39203"

DEPARTMENT = {
    "slug": "fire",
    "title": "Fire Department",
    "intro": "Answers fire, rescue and medical calls from 20 stations, inspects buildings and teaches fire safety.",
    "director_name": "Chief Raymond Tillman",
    "director_title": "Fire Chief",
    "phone": phone(48),
    "email": email("fire"),
    "street_address": ADDRESS,
    "office_hours": "Administration: Monday to Friday, 8:00 a.m. to 5:00 p.m.",
    "body": body(
        "Firefighters answer more than 40,000 calls a year, most of them medical. Every engine carries "
        "emergency medical technicians and a defibrillator.",
        heading("Free for residents"),
        bullets(
            [
                "Smoke alarms installed in your home",
                "Fire station tours for schools, scouts and community groups",
                "Car seat checks by certified technicians, by appointment",
            ]
        ),
    ),
    "services": [
        {
            "slug": "request-a-free-smoke-alarm",
            "title": "Request a free smoke alarm",
            "intro": "Firefighters will install free 10-year smoke alarms in your home.",
            "audience": "Jackson homeowners and renters, with priority for older residents and families with "
            "young children.",
            "steps": [
                ("Send a request", "Tell us your address and how many bedrooms and floors you have."),
                ("Pick a visit time", "A crew calls to arrange a visit, usually within 2 weeks."),
                ("Alarms are installed", "One in each bedroom, outside sleeping areas and on every floor."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "request",
            "action_label": "Request smoke alarms",
            "action_form": "smoke-alarm-request",
        },
        {
            "slug": "schedule-a-fire-inspection",
            "title": "Schedule a fire inspection",
            "intro": "Businesses, day cares and event venues need a fire inspection before opening and every year.",
            "audience": "Business owners, property managers and event organizers.",
            "steps": [
                ("Check what you need", "Exits, extinguishers, alarms and occupancy signs must be in place."),
                ("Book online", "Inspections are available weekdays 8 a.m. to 3 p.m."),
                ("Pass and get your certificate", "Fix any problems within 30 days for a free re-inspection."),
            ],
            "cost": "$50 for businesses under 5,000 square feet; $100 for larger buildings",
            "documents": ["Business license number", "Floor plan for assembly spaces"],
            "action_type": "schedule",
            "action_label": "Book an inspection",
            "action_url": f"{SERVICES_DOMAIN}/fire/inspections",
        },
        {
            "slug": "get-a-burn-permit",
            "title": "Get an open burning permit",
            "intro": "Outdoor burning of brush inside the city needs a permit and is allowed only on safe days.",
            "audience": "Property owners with at least one acre of land.",
            "steps": [
                ("Apply online", "Permits last 30 days."),
                ("Call before you burn", "Burning is banned on red-flag days; call the burn line that morning."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "apply",
            "action_label": "Apply for a burn permit",
            "action_url": f"{SERVICES_DOMAIN}/fire/burn-permits",
        },
    ],
    "contacts": [
        {
            "slug": "chief-raymond-tillman",
            "title": "Chief Raymond Tillman",
            "role": "Fire Chief",
            "phone": phone(48),
            "email": email("rtillman"),
        },
        {
            "slug": "fire-marshals-office",
            "title": "Fire Marshal's Office",
            "kind": "office",
            "role": "Inspections, fire code questions and fire investigations",
            "phone": phone(49),
            "email": email("firemarshal"),
        },
        {
            "slug": "capt-yolanda-reese",
            "title": "Capt. Yolanda Reese",
            "role": "Community Risk Reduction and fire safety education",
            "phone": phone(50),
            "email": email("yreese"),
        },
        {
            "slug": "fire-burn-line",
            "title": "Burn line",
            "kind": "office",
            "role": "Recorded message: is burning allowed today?",
            "phone": phone(51),
            "office_hours": "Updated every day by 8:00 a.m.",
        },
    ],
    "faqs": [
        {
            "slug": "how-often-should-i-test-smoke-alarms",
            "title": "How often should I test my smoke alarms?",
            "answer": "<p>Press the test button once a month. Replace alarms that are 10 years old, and replace "
            "batteries every year in alarms that do not have sealed 10-year batteries. A chirping alarm needs a "
            "new battery or a new alarm.</p>",
            "tags": ["fire safety", "smoke alarms"],
        },
        {
            "slug": "can-i-burn-leaves-in-my-yard",
            "title": "Can I burn leaves in my yard?",
            "answer": "<p>Not on lots smaller than one acre. On larger lots you need a free burn permit, and "
            "burning is not allowed on red-flag days. Leaves and brush can go out with yard waste collection "
            "instead.</p>",
            "tags": ["fire safety", "yard waste"],
        },
        {
            "slug": "can-my-group-visit-a-fire-station",
            "title": "Can my class or group visit a fire station?",
            "answer": "<p>Yes. Tours last about 45 minutes and are free. Book at least three weeks ahead with "
            "Community Risk Reduction. Crews may leave on a call during your visit.</p>",
            "tags": ["community"],
        },
    ],
    "forms": [
        {
            "slug": "smoke-alarm-request",
            "title": "Request free smoke alarms",
            "intro": "<p>Firefighters install free smoke alarms in Jackson homes. We will call you to set up a "
            "visit.</p>",
            "thank_you_text": "<p>Thank you. A fire crew will call you within two weeks to arrange a visit.</p>",
            "to_address": email("firesafety"),
            "subject": "Smoke alarm installation request",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Home address", "field_type": "singleline"},
                {"label": "Phone number", "field_type": "singleline"},
                {"label": "Number of bedrooms", "field_type": "number"},
                {
                    "label": "Does anyone in the home have a hearing loss?",
                    "field_type": "radio",
                    "choices": ["Yes", "No"],
                    "help_text": "We can install alarms with strobe lights and bed shakers.",
                },
                {
                    "label": "Best time to call",
                    "field_type": "dropdown",
                    "choices": ["Morning", "Afternoon", "Evening"],
                    "required": False,
                },
            ],
        }
    ],
}
