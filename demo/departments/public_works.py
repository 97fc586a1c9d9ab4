"""Public Works: streets, drainage, traffic signals and streetlights."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Public Works Operations Center, 1450 Riverbend Industrial Drive, Jackson, MS 39204"

DEPARTMENT = {
    "slug": "public-works",
    "title": "Public Works",
    "intro": "Keeps Jackson's streets, sidewalks, storm drains, traffic signals and streetlights safe and working.",
    "director_name": "Marcus Bellamy",
    "director_title": "Director of Public Works",
    "phone": phone(16),
    "email": email("publicworks"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 7:00 a.m. to 4:30 p.m.",
    "body": body(
        "Public Works maintains more than 1,100 miles of city streets, 300 miles of sidewalk, 6,000 storm "
        "drains, 280 signalized intersections and about 19,000 streetlights.",
        heading("What we handle"),
        bullets(
            [
                "Potholes, street resurfacing and sidewalk repairs",
                "Storm drains, ditches and street flooding",
                "Traffic signals, signs and pavement markings",
                "Streetlight outages on city-owned poles",
                "Right-of-way mowing and fallen trees blocking streets",
            ]
        ),
        "For a water main break or sewer backup, contact Water & Sewer instead: they run a 24-hour line.",
    ),
    "services": [
        {
            "slug": "report-a-pothole",
            "title": "Report a pothole",
            "intro": "Tell us about a pothole on a city street so a crew can patch it.",
            "audience": "Anyone who drives, cycles or walks on Jackson's city streets. State highways are "
            "repaired by the Mississippi Department of Transportation.",
            "steps": [
                ("Find the exact location", "Note the street address or nearest intersection, and which lane."),
                ("Fill in the pothole report", "Add a photo if you can do so safely."),
                (
                    "Get a reference number",
                    "It is shown when you send the report, and emailed to you if you give an email address.",
                ),
                ("A crew inspects it", "Most potholes are patched within 5 business days of the report."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "report",
            "action_label": "Report a pothole",
            "action_form": "report-a-pothole-form",
        },
        {
            "slug": "report-a-streetlight-outage",
            "title": "Report a streetlight outage",
            "intro": "Report a streetlight that is out, flickering or on during the day.",
            "audience": "Residents and businesses. Lights on private poles are the property owner's to repair.",
            "steps": [
                ("Find the pole number", "Most poles have a metal tag with a number at eye level."),
                ("Send the report", "Give the pole number or the nearest address."),
                ("We repair or refer it", "Lights on Entergy poles are passed to the utility within one day."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "report",
            "action_label": "Report an outage",
            "action_url": f"{SERVICES_DOMAIN}/311/streetlights",
        },
        {
            "slug": "request-a-sidewalk-repair",
            "title": "Request a sidewalk repair",
            "intro": "Ask for an inspection of a broken, lifted or missing section of public sidewalk.",
            "audience": "Residents, especially people who use wheelchairs, walkers or strollers.",
            "steps": [
                ("Describe the problem", "Say where the sidewalk is damaged and how (cracked, lifted, missing)."),
                ("An inspector visits", "Within 10 business days; trip hazards are marked the same week."),
                ("Repairs are scheduled", "Repairs are prioritized near schools, bus stops and clinics."),
            ],
            "cost": "Free for repairs caused by city trees or wear; driveway aprons are the owner's responsibility.",
            "documents": [],
            "action_type": "request",
            "action_label": "Request a repair",
            "action_url": f"{SERVICES_DOMAIN}/311/sidewalks",
        },
        {
            "slug": "apply-for-a-right-of-way-permit",
            "title": "Apply for a right-of-way permit",
            "intro": "You need a permit to dig in, block or build on a city street, sidewalk or right-of-way.",
            "audience": "Contractors, utilities and property owners working in the public right-of-way.",
            "steps": [
                ("Prepare a traffic control plan", "Required if any lane or sidewalk will be closed."),
                ("Apply online", "Upload your plan and proof of insurance."),
                ("Pay the fee", "Permits are issued within 3 business days of a complete application."),
            ],
            "cost": "$75 per permit, plus $25 per day for each lane closed",
            "documents": [
                "Traffic control plan (for lane or sidewalk closures)",
                "Certificate of liability insurance naming the City of Jackson",
                "Site plan showing the work area",
            ],
            "action_type": "apply",
            "action_label": "Apply for a permit",
            "action_url": f"{SERVICES_DOMAIN}/permits/right-of-way",
        },
    ],
    "contacts": [
        {
            "slug": "marcus-bellamy",
            "title": "Marcus Bellamy",
            "kind": "person",
            "role": "Director of Public Works",
            "phone": phone(16),
            "email": email("mbellamy"),
        },
        {
            "slug": "dana-whitfield",
            "title": "Dana Whitfield",
            "kind": "person",
            "role": "Street Maintenance Superintendent",
            "phone": phone(17),
            "email": email("dwhitfield"),
        },
        {
            "slug": "traffic-engineering-division",
            "title": "Traffic Engineering Division",
            "kind": "office",
            "role": "Traffic signals, signs, pavement markings and speed studies",
            "phone": phone(18),
            "email": email("traffic"),
            "office_hours": "Monday to Friday, 7:30 a.m. to 4:00 p.m.",
        },
        {
            "slug": "drainage-and-stormwater",
            "title": "Drainage and Stormwater",
            "kind": "office",
            "role": "Storm drains, ditches, culverts and street flooding",
            "phone": phone(19),
            "email": email("stormwater"),
        },
        {
            "slug": "public-works-after-hours",
            "title": "Public Works after-hours line",
            "kind": "office",
            "role": "Downed trees blocking streets, signal outages and other street emergencies",
            "phone": phone(21),
            "office_hours": "Evenings, weekends and holidays",
        },
    ],
    "faqs": [
        {
            "slug": "how-long-until-my-pothole-is-fixed",
            "title": "How long until a pothole I reported is fixed?",
            "answer": "<p>Most potholes are patched within five business days of a report. Deep potholes on busy "
            "streets are patched within 24 hours. After heavy rain, crews work through reports in order of "
            "danger, so it can take longer. To ask about a report, call Public Works and quote its reference "
            "number: it is shown when you send the report, and emailed to you if you gave an address.</p>",
            "tags": ["streets", "potholes"],
        },
        {
            "slug": "who-fixes-state-highways",
            "title": "Does the city repair highways and state routes?",
            "answer": "<p>No. Interstates, U.S. highways and state routes inside the city are maintained by the "
            "Mississippi Department of Transportation. We pass on reports we receive about them, but the "
            "quickest way is to report directly to MDOT.</p>",
            "tags": ["streets"],
        },
        {
            "slug": "my-street-floods-when-it-rains",
            "title": "My street floods every time it rains. What can I do?",
            "answer": "<p>Report it with the location and, if you can, a photo taken during the rain. Blocked "
            "storm drains are usually cleared within a week. If the problem is the size of the drain pipe, the "
            "Drainage and Stormwater team adds it to the capital repair list and will tell you the timeline. "
            "Never drive through moving water.</p>",
            "tags": ["drainage", "flooding"],
        },
        {
            "slug": "damage-from-a-pothole",
            "title": "A pothole damaged my car. Can I file a claim?",
            "answer": "<p>Yes. Claims for damage are handled by the City Attorney's Office under the Mississippi "
            "Tort Claims Act. You must file a notice of claim within one year. Include photos, repair "
            "estimates and the location and date. Filing a claim does not guarantee payment.</p>",
            "tags": ["streets", "potholes", "claims"],
        },
    ],
    "forms": [
        {
            "slug": "report-a-pothole-form",
            "title": "Report a pothole",
            "intro": "<p>Tell us where the pothole is and we will send a crew. For a hole that is a danger to "
            "traffic right now, call the after-hours line at 601-555-0121.</p>",
            "thank_you_text": "<p>Thank you. Your report has been sent to the Street Maintenance team. Most "
            "potholes are patched within five business days.</p>",
            "confirmation_email_text": "The Street Maintenance team reviews new reports every working day. A crew "
            "inspects the spot and patches most potholes within five business days; deep potholes on busy "
            "streets within 24 hours. For a hole that is a danger to traffic right now, call the after-hours "
            "line at 601-555-0121.",
            "reference_prefix": "PW",
            "to_address": email("potholes"),
            "subject": "New pothole report",
            "fields": [
                {
                    "label": "Street address or nearest intersection",
                    "field_type": "singleline",
                    "help_text": "For example: 1200 Larkspur Avenue, or Larkspur Avenue at Dogwood Street.",
                    "error_message": "Enter the street address or nearest intersection of the pothole.",
                },
                {
                    "label": "Which part of the road?",
                    "field_type": "dropdown",
                    "choices": ["Driving lane", "Turn lane", "Shoulder or curb", "Crosswalk", "Not sure"],
                },
                {
                    "label": "How big is it?",
                    "field_type": "radio",
                    "choices": ["Smaller than a dinner plate", "Up to a car tire", "Larger than a car tire"],
                },
                {
                    "label": "Anything else we should know?",
                    "field_type": "multiline",
                    "required": False,
                },
                {
                    "label": "Photo of the pothole",
                    "field_type": "file",
                    "required": False,
                    "help_text": "Optional. A JPEG, PNG or PDF up to 10 MB helps the crew find it.",
                },
                {
                    "label": "Your email address",
                    "field_type": "email",
                    "required": False,
                    "help_text": "Only if you want your reference number by email, or in case the crew has a question.",
                },
                {
                    "label": "Your phone number",
                    "field_type": "phone",
                    "required": False,
                    "help_text": "Only if the crew may call you to find the spot.",
                },
            ],
        }
    ],
}
