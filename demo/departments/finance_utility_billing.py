"""Finance & Utility Billing: utility bills, business licenses and taxes."""

from demo.common import SERVICES_DOMAIN, body, bullets, email, heading, phone

ADDRESS = "Finance & Utility Billing, Suite 100, 219 Magnolia Commons Street, Jackson, MS 39201"

DEPARTMENT = {
    "slug": "finance-utility-billing",
    "title": "Finance & Utility Billing",
    "intro": "Sends and collects water, sewer and trash bills, issues business licenses and manages city finances.",
    "director_name": "Sandra Okafor",
    "director_title": "Chief Financial Officer",
    "phone": phone(77),
    "email": email("billing"),
    "street_address": ADDRESS,
    "office_hours": "Monday to Friday, 8:00 a.m. to 5:00 p.m.; drive-up window opens 7:30 a.m.",
    "body": body(
        "Utility bills are mailed monthly and due 20 days after the bill date. A late fee of 10% is added to "
        "unpaid balances after the due date.",
        heading("Ways to pay your utility bill"),
        bullets(
            [
                "Online or in the city app, by card or bank account (no fee for bank payments)",
                f"By phone at {phone(78)}, 24 hours",
                "AutoPay from your bank account on the due date",
                "In person or at the drive-up window at City Hall",
                "By mail to PO Box 1700, Jackson, MS 39215 (allow 7 days)",
            ]
        ),
    ),
    "services": [
        {
            "slug": "pay-your-water-bill",
            "title": "Pay your water bill",
            "intro": "Pay your water, sewer and trash bill online, by phone, by mail or in person.",
            "audience": "Everyone with a City of Jackson utility account.",
            "steps": [
                ("Find your account number", "It is on the top of your bill."),
                ("Pay online", "Use a card or bank account; sign up for AutoPay if you like."),
                ("Get a confirmation", "Payments made before 5 p.m. post the same day."),
            ],
            "cost": "No fee for bank payments; $2.50 for card payments",
            "documents": ["Your utility account number"],
            "action_type": "pay",
            "action_label": "Pay my bill",
            "action_url": f"{SERVICES_DOMAIN}/utilities/pay",
        },
        {
            "slug": "question-a-utility-bill",
            "title": "Question a high utility bill",
            "intro": "Ask us to check a bill that looks too high, and to re-read your meter.",
            "audience": "Utility customers who think their bill is wrong.",
            "steps": [
                ("Check for leaks", "Turn off every tap and watch the meter dial for 15 minutes."),
                ("Send us your question", "Before the due date, so no late fee is added while we check."),
                ("We re-read the meter", "You will get an answer within 10 business days."),
            ],
            "cost": "Free",
            "documents": ["Account number", "The bill you are questioning"],
            "action_type": "request",
            "action_label": "Question my bill",
            "action_form": "utility-bill-question",
        },
        {
            "slug": "apply-for-a-business-license",
            "title": "Apply for or renew a business license",
            "intro": "Every business operating in Jackson needs a city privilege license, renewed each year.",
            "audience": "Business owners, including home-based businesses and mobile vendors.",
            "steps": [
                ("Check zoning", "Make sure the location allows your kind of business."),
                ("Apply online", "Licenses are issued within 5 business days."),
                ("Renew by October 1", "Renewals received after October 1 pay a 25% penalty."),
            ],
            "cost": "From $25 a year, depending on the type of business",
            "documents": ["State tax ID", "Zoning approval for the location", "Owner's photo ID"],
            "action_type": "apply",
            "action_label": "Apply or renew",
            "action_url": f"{SERVICES_DOMAIN}/licenses/business",
        },
    ],
    "contacts": [
        {
            "slug": "sandra-okafor",
            "title": "Sandra Okafor",
            "role": "Chief Financial Officer",
            "phone": phone(77),
            "email": email("sokafor"),
        },
        {
            "slug": "utility-billing-customer-service",
            "title": "Utility Billing Customer Service",
            "kind": "office",
            "role": "Bills, payments, payment arrangements and AutoPay",
            "phone": phone(78),
            "email": email("billing"),
        },
        {
            "slug": "business-license-office",
            "title": "Business License Office",
            "kind": "office",
            "role": "New licenses, renewals and vendor permits",
            "phone": phone(79),
            "email": email("licenses"),
        },
        {
            "slug": "curtis-lowe",
            "title": "Curtis Lowe",
            "role": "Utility Billing Manager",
            "phone": phone(80),
            "email": email("clowe"),
        },
        {
            "slug": "budget-office",
            "title": "Budget Office",
            "kind": "office",
            "role": "The city budget, financial reports and audits",
            "phone": phone(81),
            "email": email("budget"),
        },
    ],
    "faqs": [
        {
            "slug": "why-is-my-water-bill-so-high",
            "title": "Why is my water bill so high this month?",
            "answer": "<p>The most common cause is a leak, usually a running toilet, which can waste 200 gallons "
            "a day. Check by turning off every tap and watching your meter for 15 minutes. If the meter was "
            "estimated, your next bill will correct it. You can ask us to re-read your meter for free.</p>",
            "tags": ["billing", "water"],
        },
        {
            "slug": "can-i-get-a-payment-arrangement",
            "title": "Can I get more time to pay my utility bill?",
            "answer": "<p>Yes. Call Customer Service before your due date to set up a payment arrangement that "
            "splits your balance over up to 6 months. Service is not disconnected while you keep to the "
            "arrangement. Older residents and people with medical needs can also ask about the assistance "
            "fund.</p>",
            "tags": ["billing"],
        },
        {
            "slug": "how-do-i-sign-up-for-autopay",
            "title": "How do I sign up for AutoPay or paperless billing?",
            "answer": "<p>Log in to the payment portal, choose \u201cAutoPay\u201d and add a bank account. Your "
            "bill is paid on its due date and you get an email each month. Paperless billing can be turned on "
            "on the same screen.</p>",
            "tags": ["billing"],
        },
        {
            "slug": "when-is-my-business-license-due",
            "title": "When is my business license renewal due?",
            "answer": "<p>All business licenses expire on September 30 and must be renewed by October 1. We mail "
            "a reminder in August. Renewals after October 1 pay a 25% penalty.</p>",
            "tags": ["business"],
        },
    ],
    "forms": [
        {
            "slug": "utility-bill-question",
            "title": "Question a utility bill",
            "intro": "<p>Tell us which bill looks wrong. Questions sent before the due date stop a late fee while "
            "we check.</p>",
            "thank_you_text": "<p>Thank you. A billing specialist will look into it and reply within 10 "
            "business days.</p>",
            "to_address": email("billing"),
            "subject": "Utility bill question",
            "fields": [
                {"label": "Account holder's name", "field_type": "singleline"},
                {"label": "Account number", "field_type": "singleline", "help_text": "Top right of your bill."},
                {"label": "Service address", "field_type": "singleline"},
                {"label": "Bill date", "field_type": "date"},
                {
                    "label": "What looks wrong?",
                    "field_type": "checkboxes",
                    "choices": [
                        "Amount is much higher than usual",
                        "Meter reading looks wrong",
                        "Charged for a service I do not have",
                        "Payment not credited",
                    ],
                },
                {"label": "Tell us more", "field_type": "multiline", "required": False},
                {"label": "Email address", "field_type": "email"},
            ],
        }
    ],
}
