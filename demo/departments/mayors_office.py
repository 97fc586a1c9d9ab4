"""The Mayor's Office: the city's executive, communications and public records."""

from demo.common import body, email, heading, phone

ADDRESS = "Office of the Mayor, 2nd floor, 219 Magnolia Commons Street, Jackson, MS 39201"

DEPARTMENT = {
    "slug": "mayors-office",
    "title": "Mayor's Office",
    "intro": "Leads the city's departments, proposes the budget and answers residents' questions and requests.",
    "director_name": "Mayor Lorraine Battle",
    "director_title": "Mayor",
    "phone": phone(2),
    "email": email("mayor"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 8:00 a.m. to 5:00 p.m.",
    "body": body(
        "Mayor Lorraine Battle was elected in 2025. Her priorities are reliable water service, safer streets, "
        "and faster, friendlier city services online and at City Hall.",
        heading("Meet the Mayor"),
        "The Mayor holds open office hours on the last Friday of each month from 9 a.m. to noon, and a town "
        "hall in a different ward every quarter. No appointment is needed for open office hours.",
    ),
    "services": [
        {
            "slug": "request-public-records",
            "title": "Request public records",
            "intro": "Ask for copies of city documents under the Mississippi Public Records Act.",
            "audience": "Anyone. You do not have to say why you want the records.",
            "steps": [
                ("Describe the records", "Be as specific as you can: dates, department, subject."),
                ("Send the request", "The City Clerk logs it and tells you the expected cost."),
                ("Receive the records", "Most requests are answered within 7 working days."),
            ],
            "cost": "Free for electronic copies under 50 pages; $0.15 per page after that",
            "documents": [],
            "action_type": "request",
            "action_label": "Request records",
            "action_form": "public-records-request",
        },
        {
            "slug": "request-a-proclamation",
            "title": "Request a proclamation or letter from the Mayor",
            "intro": "Ask the Mayor to recognize an anniversary, milestone, awareness month or community event.",
            "audience": "Jackson residents, organizations, churches and businesses.",
            "steps": [
                ("Ask at least 4 weeks ahead", "Include the occasion, date and suggested wording."),
                ("We draft and confirm", "The Mayor's staff will confirm the wording with you."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "request",
            "action_label": "Contact the Mayor's Office",
            "action_form": "contact-the-mayors-office",
        },
        {
            "slug": "invite-the-mayor",
            "title": "Invite the Mayor to an event",
            "intro": "Invite the Mayor to speak at, or attend, your community event.",
            "audience": "Community groups, schools, churches and businesses.",
            "steps": [
                ("Send the invitation 6 weeks ahead", "Include date, time, place, audience and what you ask."),
                ("The scheduler replies", "Within 10 business days."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "request",
            "action_label": "Send an invitation",
            "action_form": "contact-the-mayors-office",
        },
    ],
    "contacts": [
        {
            "slug": "mayor-lorraine-battle",
            "title": "Mayor Lorraine Battle",
            "role": "Mayor of the City of Jackson",
            "phone": phone(2),
            "email": email("mayor"),
        },
        {
            "slug": "darnell-hayes",
            "title": "Darnell Hayes",
            "role": "Chief Administrative Officer",
            "phone": phone(3),
            "email": email("dhayes"),
        },
        {
            "slug": "communications-office",
            "title": "Communications Office",
            "kind": "office",
            "role": "Media requests, city news and social media",
            "phone": phone(4),
            "email": email("communications"),
        },
        {
            "slug": "city-clerk",
            "title": "Office of the City Clerk",
            "kind": "office",
            "role": "Public records requests, council agendas, minutes and ordinances",
            "phone": phone(5),
            "email": email("cityclerk"),
        },
        {
            "slug": "rosalind-pierce",
            "title": "Rosalind Pierce",
            "role": "Constituent Services Director",
            "phone": phone(6),
            "email": email("rpierce"),
        },
        {
            "slug": "ada-coordinator",
            "title": "ADA Coordinator",
            "kind": "office",
            "role": "Accessibility requests, accommodations and grievances",
            "phone": phone(1),
            "email": email("accessibility"),
        },
    ],
    "faqs": [
        {
            "slug": "how-long-does-a-records-request-take",
            "title": "How long does a public records request take?",
            "answer": "<p>Mississippi law gives the city seven working days to produce records or explain the "
            "delay, and up to fourteen working days in total for large requests. Most requests are answered "
            "within a week. The City Clerk will tell you in advance if there is a charge.</p>",
            "tags": ["public records"],
        },
        {
            "slug": "how-do-i-meet-the-mayor",
            "title": "How can I meet the Mayor?",
            "answer": "<p>Come to open office hours on the last Friday of each month, 9 a.m. to noon, on the "
            "second floor of City Hall. No appointment is needed. You can also ask a question at the "
            "quarterly ward town halls listed on the events page.</p>",
            "tags": ["mayor"],
        },
        {
            "slug": "who-do-i-contact-about-a-city-service-problem",
            "title": "A city service let me down. Who do I contact?",
            "answer": "<p>Start with the department that provides the service; their contacts are in the "
            "directory. If the problem is not resolved within two weeks, contact Constituent Services in the "
            "Mayor's Office with your reference number and we will follow it up.</p>",
            "tags": ["mayor", "complaints"],
        },
    ],
    "forms": [
        {
            "slug": "public-records-request",
            "title": "Public records request",
            "intro": "<p>Ask for copies of city records. You do not have to say why. The City Clerk will "
            "acknowledge your request within one working day.</p>",
            "thank_you_text": "<p>Thank you. The Office of the City Clerk has your request and will reply within "
            "seven working days, with a cost estimate first if copying fees apply.</p>",
            "to_address": email("cityclerk"),
            "subject": "Public records request",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Email address", "field_type": "email"},
                {"label": "Mailing address", "field_type": "multiline", "required": False},
                {
                    "label": "Describe the records you want",
                    "field_type": "multiline",
                    "help_text": "Include dates, the department and subject if you know them.",
                },
                {
                    "label": "Department, if known",
                    "field_type": "dropdown",
                    "required": False,
                    "choices": [
                        "Not sure",
                        "Mayor's Office",
                        "City Council",
                        "Police Department",
                        "Fire Department",
                        "Public Works",
                        "Water & Sewer",
                        "Planning & Permits",
                        "Finance & Utility Billing",
                        "Municipal Court",
                    ],
                },
                {
                    "label": "How would you like the records?",
                    "field_type": "radio",
                    "choices": ["By email", "Paper copies by mail", "Pick up at City Hall"],
                },
                {"label": "Records from (date)", "field_type": "date", "required": False},
                {"label": "Records to (date)", "field_type": "date", "required": False},
            ],
        },
        {
            "slug": "contact-the-mayors-office",
            "title": "Contact the Mayor's Office",
            "intro": "<p>Send a message, a question, an invitation or a proclamation request to the Mayor's "
            "Office. To report a pothole, missed trash or a water leak, use that service's form instead: it "
            "reaches the crew faster.</p>",
            "thank_you_text": "<p>Thank you for writing to the Mayor's Office. A member of staff will reply within "
            "five business days.</p>",
            "to_address": email("mayor"),
            "subject": "Message to the Mayor's Office",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Email address", "field_type": "email"},
                {"label": "Phone number", "field_type": "singleline", "required": False},
                {
                    "label": "Your ward",
                    "field_type": "dropdown",
                    "required": False,
                    "choices": ["Ward 1", "Ward 2", "Ward 3", "Ward 4", "Ward 5", "Ward 6", "Ward 7", "Not sure"],
                },
                {
                    "label": "What is this about?",
                    "field_type": "radio",
                    "choices": [
                        "A question or comment",
                        "Invite the Mayor to an event",
                        "Request a proclamation",
                        "A problem with a city service",
                    ],
                },
                {"label": "Your message", "field_type": "multiline"},
                {
                    "label": "Website of your organization",
                    "field_type": "url",
                    "required": False,
                },
            ],
        },
    ],
}
