"""Municipal Court: traffic tickets, misdemeanors and city ordinance cases."""

from demo.common import SERVICES_DOMAIN, body, email, heading, phone

ADDRESS = "Municipal Court, 120 Justice Plaza, Jackson, MS 39201"

DEPARTMENT = {
    "slug": "municipal-court",
    "title": "Municipal Court",
    "intro": "Hears traffic, misdemeanor and city ordinance cases, and takes payments for fines and tickets.",
    "director_name": "Judge Evelyn Strickland",
    "director_title": "Chief Judge",
    "phone": phone(70),
    "email": email("court"),
    "street_address": ADDRESS,
    "office_hours": "Clerk's office: Monday to Friday, 8:00 a.m. to 4:30 p.m.",
    "body": body(
        "Court sessions are held Monday to Thursday at 8:30 a.m. and 1:30 p.m. Your court date and courtroom "
        "are printed on your ticket.",
        heading("If you cannot pay in full"),
        "Tell the clerk or the judge. You can ask for a payment plan or community service. Nobody is jailed "
        "because they cannot afford to pay a fine.",
    ),
    "services": [
        {
            "slug": "pay-a-fine-or-ticket",
            "title": "Pay a court fine or traffic ticket",
            "intro": "Pay a traffic ticket or court fine online, by phone, by mail or at the clerk's window.",
            "audience": "Anyone with a citation or fine from the Jackson Municipal Court.",
            "steps": [
                ("Find your citation number", "It is at the top right of your ticket."),
                ("Pay online", "By card; a $3 processing fee applies. Payments post the next business day."),
                ("Keep your receipt", "It is your proof of payment."),
            ],
            "cost": "The fine on your ticket, plus state court costs",
            "documents": ["Citation or case number"],
            "action_type": "pay",
            "action_label": "Pay online",
            "action_url": f"{SERVICES_DOMAIN}/court/pay",
        },
        {
            "slug": "ask-for-a-payment-plan",
            "title": "Ask for a payment plan",
            "intro": "Spread a fine over monthly payments if you cannot pay it all at once.",
            "audience": "Anyone with an unpaid fine from the Municipal Court.",
            "steps": [
                ("Send the request", "Tell us your case number and what you can afford each month."),
                ("A clerk reviews it", "You will hear back within 3 business days."),
                ("Make your payments", "Payments can be made online; missed payments can lead to a court date."),
            ],
            "cost": "No fee to set up a plan",
            "documents": ["Citation or case number"],
            "action_type": "request",
            "action_label": "Request a payment plan",
            "action_form": "court-payment-plan-request",
        },
        {
            "slug": "reschedule-a-court-date",
            "title": "Reschedule a court date",
            "intro": "Ask to move your court date once if you have a conflict.",
            "audience": "Defendants with a first court date; later dates need the judge's approval.",
            "steps": [
                ("Ask at least 3 business days before", "Call or visit the clerk's office."),
                ("Get your new date in writing", "Bring it with you to court."),
            ],
            "cost": "Free",
            "documents": ["Citation or case number", "Photo ID"],
            "action_type": "request",
            "action_label": "Contact the clerk",
            "action_url": f"{SERVICES_DOMAIN}/court/reschedule",
        },
    ],
    "contacts": [
        {
            "slug": "judge-evelyn-strickland",
            "title": "Judge Evelyn Strickland",
            "role": "Chief Judge, Municipal Court",
            "email": email("court"),
            "phone": phone(70),
        },
        {
            "slug": "court-clerks-office",
            "title": "Court Clerk's Office",
            "kind": "office",
            "role": "Payments, court dates, payment plans and records",
            "phone": phone(71),
            "email": email("courtclerk"),
        },
        {
            "slug": "gregory-allen",
            "title": "Gregory Allen",
            "role": "Court Administrator",
            "phone": phone(72),
            "email": email("gallen"),
        },
        {
            "slug": "public-defenders-office",
            "title": "Public Defender's Office",
            "kind": "office",
            "role": "Free lawyers for people who cannot afford one, in cases that could mean jail",
            "phone": phone(73),
            "email": email("publicdefender"),
        },
    ],
    "faqs": [
        {
            "slug": "what-if-i-miss-my-court-date",
            "title": "What happens if I miss my court date?",
            "answer": "<p>The judge may issue a warrant and your license may be suspended. Contact the clerk's "
            "office as soon as you can: in many cases you can get a new date without a warrant being "
            "served.</p>",
            "tags": ["court"],
        },
        {
            "slug": "can-i-pay-my-ticket-without-going-to-court",
            "title": "Can I pay my ticket without going to court?",
            "answer": "<p>Yes, for most traffic tickets. Paying means pleading guilty, and the points go on your "
            "driving record. Tickets marked \u201cmandatory appearance\u201d, such as driving with a suspended "
            "license, need a court date.</p>",
            "tags": ["court", "tickets"],
        },
        {
            "slug": "how-do-i-get-a-lawyer",
            "title": "Can I get a free lawyer?",
            "answer": "<p>If you are charged with something that could mean jail and cannot afford a lawyer, ask "
            "the judge for the Public Defender at your first court date. You will fill in a short form about "
            "your income.</p>",
            "tags": ["court"],
        },
    ],
    "forms": [
        {
            "slug": "court-payment-plan-request",
            "title": "Request a payment plan",
            "intro": "<p>Ask to pay your fine in monthly installments. A clerk reviews every request.</p>",
            "thank_you_text": "<p>Thank you. The clerk's office will reply within three business days.</p>",
            "to_address": email("courtclerk"),
            "subject": "Payment plan request",
            "fields": [
                {"label": "Full name", "field_type": "singleline"},
                {"label": "Citation or case number", "field_type": "singleline"},
                {"label": "Date of birth", "field_type": "date"},
                {
                    "label": "Monthly amount you can pay",
                    "field_type": "number",
                    "help_text": "In dollars. The minimum is $25 a month.",
                },
                {"label": "Email address", "field_type": "email"},
                {"label": "Phone number", "field_type": "singleline", "required": False},
                {"label": "Anything the clerk should know", "field_type": "multiline", "required": False},
            ],
        }
    ],
}
