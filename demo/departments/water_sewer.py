"""Water & Sewer: drinking water, wastewater, main breaks and boil-water notices."""

from demo.common import SERVICES_DOMAIN, body, callout, email, heading, phone

ADDRESS = "Water & Sewer Administration, 800 Cypress Hollow Road, Jackson, MS 39209"

DEPARTMENT = {
    "slug": "water-sewer",
    "title": "Water & Sewer",
    "intro": "Treats and delivers drinking water, repairs water and sewer mains, and issues boil-water notices.",
    "director_name": "Dr. Renee Castille",
    "director_title": "Director of Water & Sewer Utilities",
    "phone": phone(25),
    "email": email("water"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 8:00 a.m. to 5:00 p.m.; emergency line 24 hours",
    "body": body(
        callout(
            f"For a main break, no water or a sewer backup, call {phone(20)} at any hour.",
            "Water emergency?",
            "warning",
        ),
        "Two treatment plants supply about 50 million gallons of drinking water a day to homes and businesses "
        "across Jackson. Every year we publish a Consumer Confidence Report with our water-quality test results.",
        heading("Boil-water notices"),
        "When pressure drops after a main break, we issue a precautionary boil-water notice for the streets "
        "affected. Notices are posted on the news page, sent by text alert and lifted after two rounds of clean "
        "test results, usually within 48 hours.",
    ),
    "services": [
        {
            "slug": "start-or-stop-water-service",
            "title": "Start or stop water service",
            "intro": "Open a water and sewer account when you move in, or close it when you move out.",
            "audience": "Homeowners, renters and businesses in the Jackson water service area.",
            "steps": [
                ("Have your details ready", "Service address, move-in or move-out date and a photo ID."),
                ("Apply online or at City Hall", "Requests received by 2 p.m. are handled the next business day."),
                ("Pay the deposit", "New accounts pay a refundable deposit on the first bill."),
            ],
            "cost": "$75 refundable deposit for renters; $40 connection fee",
            "documents": [
                "Government-issued photo ID",
                "Lease or closing statement showing the service address",
            ],
            "action_type": "apply",
            "action_label": "Start or stop service",
            "action_url": f"{SERVICES_DOMAIN}/utilities/start-stop",
        },
        {
            "slug": "report-a-water-leak",
            "title": "Report a water leak or main break",
            "intro": "Report water running in the street, a leaking meter box or low pressure on your street.",
            "audience": "Anyone. Leaks on your side of the meter are the property owner's to repair.",
            "steps": [
                ("Call if it is flooding", f"Call the 24-hour line at {phone(20)} for a main break."),
                ("Otherwise report online", "Describe the location and how much water is flowing."),
                ("A crew investigates", "We mark utilities and repair most leaks within 72 hours."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "report",
            "action_label": "Report a leak",
            "action_form": "report-a-water-problem",
        },
        {
            "slug": "request-a-water-quality-test",
            "title": "Request a water quality test",
            "intro": "Ask us to test the water at your tap if it looks, smells or tastes different.",
            "audience": "Residents on city water. Private wells are tested by the State Department of Health.",
            "steps": [
                ("Tell us what you notice", "Color, smell, taste or particles, and since when."),
                ("We schedule a visit", "A technician takes a sample within 5 business days."),
                ("Get your results", "Results are mailed or emailed within 10 business days."),
            ],
            "cost": "Free for one test a year per address",
            "documents": [],
            "action_type": "request",
            "action_label": "Request a test",
            "action_form": "report-a-water-problem",
        },
    ],
    "contacts": [
        {
            "slug": "renee-castille",
            "title": "Dr. Renee Castille",
            "role": "Director of Water & Sewer Utilities",
            "phone": phone(25),
            "email": email("rcastille"),
        },
        {
            "slug": "water-emergency-line",
            "title": "Water emergency line",
            "kind": "office",
            "role": "Main breaks, no water, sewer backups and overflowing manholes",
            "phone": phone(20),
            "office_hours": "24 hours a day, every day",
        },
        {
            "slug": "omar-haddad",
            "title": "Omar Haddad",
            "role": "Water Quality Manager",
            "phone": phone(26),
            "email": email("waterquality"),
        },
        {
            "slug": "lucinda-greer",
            "title": "Lucinda Greer",
            "role": "Sewer Collections Supervisor",
            "phone": phone(27),
            "email": email("lgreer"),
        },
        {
            "slug": "meter-services",
            "title": "Meter Services",
            "kind": "office",
            "role": "Meter reading, meter replacement and leak checks at the meter",
            "phone": phone(28),
            "email": email("meters"),
        },
    ],
    "faqs": [
        {
            "slug": "is-there-a-boil-water-notice",
            "title": "Is there a boil-water notice for my street?",
            "answer": "<p>Current notices are listed on the news page and sent by text alert; sign up by texting "
            "JXNWATER to 555-0100. A notice names every street affected. Until it is lifted, boil water for at "
            "least one minute before drinking, cooking, making ice or brushing teeth.</p>",
            "tags": ["water", "boil water"],
        },
        {
            "slug": "why-is-my-water-brown",
            "title": "Why is my water brown or cloudy?",
            "answer": "<p>Brown water usually means sediment stirred up by a main break, a hydrant being "
            "flushed or firefighting nearby. Run your cold tap for five minutes. If it does not clear, or you "
            "see it again within a week, request a free water quality test. Cloudy water that clears from the "
            "bottom of the glass up is just air and is safe.</p>",
            "tags": ["water", "water quality"],
        },
        {
            "slug": "who-fixes-a-sewer-backup",
            "title": "Who fixes a sewer backup in my house?",
            "answer": "<p>Call the 24-hour line first. A crew checks the city main and the cleanout at your "
            "property line. If the blockage is in the city's line we clear it; if it is between your house and "
            "the cleanout, you will need a licensed plumber.</p>",
            "tags": ["sewer"],
        },
        {
            "slug": "how-hard-is-jackson-water",
            "title": "Is Jackson's water hard or soft?",
            "answer": "<p>Soft to moderately hard: about 60 milligrams of hardness per liter (3.5 grains per "
            "gallon). Most households do not need a softener. Our fluoride level is kept near 0.7 milligrams "
            "per liter, as the U.S. Public Health Service recommends.</p>",
            "tags": ["water quality"],
        },
    ],
    "forms": [
        {
            "slug": "report-a-water-problem",
            "title": "Report a water problem",
            "intro": f"<p>Use this form for leaks, low pressure or water quality. For a main break or sewer "
            f"backup, call {phone(20)} now instead.</p>",
            "thank_you_text": "<p>Thank you. Your report has reached Water & Sewer. A crew or technician will "
            "follow up, usually within three business days.</p>",
            "to_address": email("water"),
            "subject": "New water problem report",
            "fields": [
                {
                    "label": "What is the problem?",
                    "field_type": "radio",
                    "choices": [
                        "Water leaking in the street or yard",
                        "Low water pressure",
                        "Water looks, smells or tastes wrong",
                        "Leaking meter box",
                    ],
                },
                {"label": "Address where the problem is", "field_type": "singleline"},
                {
                    "label": "When did you first notice it?",
                    "field_type": "date",
                    "required": False,
                },
                {"label": "Describe what you see", "field_type": "multiline"},
                {"label": "Phone number", "field_type": "singleline", "required": False},
                {"label": "Email address", "field_type": "email", "required": False},
            ],
        }
    ],
}
