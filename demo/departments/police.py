"""Police Department."""

from demo.common import SERVICES_DOMAIN, body, callout, email, heading, phone

ADDRESS = "Jackson Police Headquarters, 327 Oakcrest Boulevard, Jackson, MS 39201"

DEPARTMENT = {
    "slug": "police",
    "title": "Police Department",
    "intro": "Protects residents through neighborhood patrols, investigations and community partnerships.",
    "director_name": "Chief Andre Whitlock",
    "director_title": "Chief of Police",
    "phone": phone(40),
    "email": email("police"),
    "street_address": ADDRESS,
    "office_hours": "Records office: Monday to Friday, 8:00 a.m. to 4:30 p.m.; headquarters open 24 hours",
    "body": body(
        callout(
            f"In an emergency, call 911. For anything else, call the non-emergency line at {phone(40)}.",
            "Emergency?",
            "warning",
        ),
        "The department has four precincts, each led by a commander who holds a community meeting every month. "
        "Find your precinct and its meeting dates on the events page.",
        heading("Reports you can file online"),
        "Theft under $1,000, lost property, vandalism and hit-and-run with no injuries can be reported online "
        "and you get a case number straight away. Crimes in progress and anything involving injury need a call.",
    ),
    "services": [
        {
            "slug": "file-a-police-report-online",
            "title": "File a police report online",
            "intro": "Report minor crimes with no suspects, such as theft, lost property or vandalism, online.",
            "audience": "Victims of minor crimes in the city limits that are not in progress.",
            "steps": [
                ("Check that it can be reported online", "No injuries, no known suspect, not in progress."),
                ("Fill in the report", "List stolen or damaged items with serial numbers if you have them."),
                ("Get a case number", "Give it to your insurer; an officer may follow up."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "report",
            "action_label": "File a report",
            "action_url": f"{SERVICES_DOMAIN}/police/report",
        },
        {
            "slug": "get-a-copy-of-a-police-report",
            "title": "Get a copy of a police or accident report",
            "intro": "Request a copy of an incident or crash report for insurance or court.",
            "audience": "People involved in an incident or crash, their insurers and attorneys.",
            "steps": [
                ("Wait 5 business days", "Reports are usually ready 5 business days after the incident."),
                ("Request it", "Online, or at the Records office with your case number."),
            ],
            "cost": "$10 per report",
            "documents": ["Case number", "Photo ID if collecting in person"],
            "action_type": "request",
            "action_label": "Request a report",
            "action_url": f"{SERVICES_DOMAIN}/police/records",
        },
        {
            "slug": "request-extra-patrol",
            "title": "Request extra patrol",
            "intro": "Ask officers to drive by your home or business more often, for example while you travel.",
            "audience": "Residents and businesses in Jackson.",
            "steps": [
                ("Send the request", "Tell us the address, dates and any concerns."),
                ("Officers are assigned", "Your precinct schedules extra drive-bys for up to 30 days."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "request",
            "action_label": "Request extra patrol",
            "action_form": "police-extra-patrol-request",
        },
    ],
    "contacts": [
        {
            "slug": "chief-andre-whitlock",
            "title": "Chief Andre Whitlock",
            "role": "Chief of Police",
            "phone": phone(41),
            "email": email("chief"),
        },
        {
            "slug": "police-non-emergency-line",
            "title": "Police non-emergency line",
            "kind": "office",
            "role": "Noise complaints, abandoned vehicles and reports that are not emergencies",
            "phone": phone(40),
            "office_hours": "24 hours a day, every day",
        },
        {
            "slug": "police-records-office",
            "title": "Records office",
            "kind": "office",
            "role": "Copies of incident and crash reports, background letters",
            "phone": phone(42),
            "email": email("policerecords"),
        },
        {
            "slug": "sgt-lakeisha-monroe",
            "title": "Sgt. Lakeisha Monroe",
            "role": "Community Engagement Unit",
            "phone": phone(43),
            "email": email("lmonroe"),
        },
        {
            "slug": "office-of-professional-standards",
            "title": "Office of Professional Standards",
            "kind": "office",
            "role": "Complaints and commendations about officers",
            "phone": phone(44),
            "email": email("standards"),
        },
    ],
    "faqs": [
        {
            "slug": "when-should-i-call-911",
            "title": "When should I call 911 instead of the non-emergency line?",
            "answer": "<p>Call 911 when someone is hurt or in danger, a crime is happening now, or you see a "
            f"fire. For a past crime with no danger, a noise complaint or a parked car blocking your driveway, "
            f"call {phone(40)}.</p>",
            "tags": ["police", "emergencies"],
        },
        {
            "slug": "how-do-i-get-my-towed-car-back",
            "title": "My car was towed. How do I get it back?",
            "answer": "<p>Call the non-emergency line to find out which lot has it. Bring your driver's "
            "license, proof of ownership and insurance. Towing and storage fees are paid to the towing company; "
            "storage fees rise every day, so collect the car as soon as you can.</p>",
            "tags": ["vehicles"],
        },
        {
            "slug": "how-do-i-commend-an-officer",
            "title": "How do I thank an officer or make a complaint?",
            "answer": "<p>Contact the Office of Professional Standards by phone, email or in person at "
            "headquarters. Every complaint is investigated and you will be told the outcome. You can also "
            "complain anonymously.</p>",
            "tags": ["police"],
        },
    ],
    "forms": [
        {
            "slug": "police-extra-patrol-request",
            "title": "Request extra patrol",
            "intro": "<p>Ask for extra drive-bys while you are away or if you have a concern. For anything urgent, "
            "call 911.</p>",
            "thank_you_text": "<p>Thank you. Your precinct will schedule extra patrol and may call you to confirm "
            "the details.</p>",
            "to_address": email("police"),
            "subject": "Extra patrol request",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Address to watch", "field_type": "singleline"},
                {"label": "First day", "field_type": "date"},
                {"label": "Last day", "field_type": "date"},
                {
                    "label": "Why are you asking?",
                    "field_type": "dropdown",
                    "choices": ["Away on vacation", "Suspicious activity", "Recent break-in nearby", "Other"],
                },
                {"label": "Details officers should know", "field_type": "multiline", "required": False},
                {"label": "Phone number", "field_type": "singleline"},
            ],
        }
    ],
}
