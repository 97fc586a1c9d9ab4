"""City Council: seven ward members, meetings, agendas and public comment."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "City Council Offices, 3rd floor, 219 Magnolia Commons Street, Jackson, MS 39201"

MEMBERS = [
    ("Ward 1", "Council President Harriet Coleman", "harriet-coleman", "hcoleman", 10),
    ("Ward 2", "Councilman Jamal Brooks", "jamal-brooks", "jbrooks", 11),
    ("Ward 3", "Councilwoman Denise Farrow", "denise-farrow", "dfarrow", 12),
    ("Ward 4", "Councilman Victor Ruiz", "victor-ruiz", "vruiz", 13),
    ("Ward 5", "Councilwoman Patrice Lyles", "patrice-lyles", "plyles", 14),
    ("Ward 6", "Councilman Eugene Thornton", "eugene-thornton", "ethornton", 15),
    ("Ward 7", "Council Vice President Naomi Kessler", "naomi-kessler", "nkessler", 9),
]

DEPARTMENT = {
    "slug": "city-council",
    "title": "City Council",
    "intro": "Seven members, one for each ward, who pass ordinances, adopt the budget and represent residents.",
    "director_name": "Harriet Coleman",
    "director_title": "Council President (Ward 1)",
    "phone": phone(9),
    "email": email("council"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 8:00 a.m. to 5:00 p.m.",
    "body": body(
        "Regular Council meetings are held on the first and third Tuesday of each month at 6 p.m. in the "
        "Council Chamber at City Hall, and streamed live. Agendas are posted by noon the Friday before.",
        heading("Speak at a meeting"),
        bullets(
            [
                "Sign up to speak by 5 p.m. the day before the meeting, online or with the City Clerk.",
                "Each speaker has three minutes. You can also send written comments.",
                "Sign language interpreters and other accommodations are available with 72 hours' notice.",
            ]
        ),
    ),
    "services": [
        {
            "slug": "sign-up-to-speak-at-a-council-meeting",
            "title": "Sign up to speak at a Council meeting",
            "intro": "Address the City Council during public comment at a regular meeting.",
            "audience": "Anyone. Residents are called first.",
            "steps": [
                ("Choose the meeting", "Regular meetings are the first and third Tuesday at 6 p.m."),
                ("Sign up by 5 p.m. the day before", "Say which agenda item, if any, you want to speak on."),
                ("Speak for up to 3 minutes", "The Clerk will call your name."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "register",
            "action_label": "Sign up to speak",
            "action_form": "request-to-speak-at-council",
        },
        {
            "slug": "find-council-agendas-and-minutes",
            "title": "Find Council agendas and minutes",
            "intro": "Read meeting agendas, supporting documents, minutes and video of past meetings.",
            "audience": "Residents, journalists and anyone following city decisions.",
            "steps": [
                ("Open the meetings portal", "Meetings are listed by date."),
                ("Choose a meeting", "Agendas, minutes and video are linked from each meeting."),
            ],
            "cost": "Free",
            "documents": [],
            "action_type": "learn",
            "action_label": "Open the meetings portal",
            "action_url": f"{SERVICES_DOMAIN}/council/meetings",
        },
    ],
    "contacts": [
        {
            "slug": slug,
            "title": name,
            "role": f"City Council, {ward}",
            "phone": phone(number),
            "email": email(local),
        }
        for ward, name, slug, local, number in MEMBERS
    ],
    "faqs": [
        {
            "slug": "which-ward-do-i-live-in",
            "title": "Which ward do I live in?",
            "answer": "<p>Look up your address on the ward map, or call the City Clerk. Your ward is also "
            "printed on your voter registration card. Ward boundaries were last redrawn after the 2020 "
            "census.</p>",
            "tags": ["council", "wards"],
        },
        {
            "slug": "can-i-watch-council-meetings-online",
            "title": "Can I watch Council meetings online?",
            "answer": "<p>Yes. Regular meetings are streamed live on the city's YouTube channel and on cable "
            "channel 21, and recordings are posted with the minutes within two business days.</p>",
            "tags": ["council", "meetings"],
        },
        {
            "slug": "how-does-an-ordinance-become-law",
            "title": "How does an ordinance become law?",
            "answer": "<p>A council member or the Mayor introduces it, it goes to a committee, and then to a vote "
            "at a regular meeting, where the public can comment. Once adopted, it takes effect 30 days after "
            "publication unless it is an emergency ordinance.</p>",
            "tags": ["council", "ordinances"],
        },
    ],
    "forms": [
        {
            "slug": "request-to-speak-at-council",
            "title": "Request to speak at a Council meeting",
            "intro": "<p>Sign up by 5 p.m. the day before the meeting. Speakers have three minutes each.</p>",
            "thank_you_text": "<p>Thank you. You are on the speakers list. The City Clerk will call your name "
            "during public comment.</p>",
            "to_address": email("cityclerk"),
            "subject": "Request to speak at Council",
            "fields": [
                {"label": "Your name", "field_type": "singleline"},
                {"label": "Email address", "field_type": "email"},
                {"label": "Meeting date", "field_type": "date"},
                {
                    "label": "Agenda item number",
                    "field_type": "singleline",
                    "required": False,
                    "help_text": "Leave empty to speak during general public comment.",
                },
                {
                    "label": "Your position",
                    "field_type": "radio",
                    "choices": ["In favor", "Against", "Neither, just commenting"],
                    "required": False,
                },
                {
                    "label": "Do you need an accommodation?",
                    "field_type": "multiline",
                    "required": False,
                    "help_text": "For example a sign language interpreter or a seat near the front.",
                },
            ],
        }
    ],
}
