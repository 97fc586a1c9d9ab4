"""City-wide demo content: home page, settings, index pages, standard pages."""

from demo.common import (
    CITY_HALL,
    CITY_HALL_HOURS,
    body,
    bullets,
    callout,
    email,
    heading,
    link,
    phone,
)

HOME = {
    "title": "City of Jackson",
    "hero_heading": "City of Jackson",
    "hero_text": (
        "Pay a bill, report a problem, find a department or see what is happening this week. "
        "City Hall is open Monday to Friday, 8 a.m. to 5 p.m., and most services are online around the clock."
    ),
    "search_description": "Services, news, events and contacts for residents and businesses in the City of Jackson.",
}

#: Home-page shortcuts: (label, description, department slug, service slug).
TOP_TASKS = [
    ("Pay my water bill", "Pay online, by phone or in person.", "finance-utility-billing", "pay-your-water-bill"),
    ("Report a pothole", "Tell Public Works about a street problem.", "public-works", "report-a-pothole"),
    (
        "Trash and recycling schedule",
        "Find your pickup day and holiday changes.",
        "solid-waste",
        "trash-pickup-schedule",
    ),
    (
        "Building permits",
        "Apply for residential and commercial permits.",
        "planning-permits",
        "apply-for-a-building-permit",
    ),
    (
        "Pay a court fine or ticket",
        "Pay a citation or set up a payment plan.",
        "municipal-court",
        "pay-a-fine-or-ticket",
    ),
    (
        "Reserve a park pavilion",
        "Book a pavilion for a party or reunion.",
        "parks-recreation",
        "reserve-a-park-pavilion",
    ),
    (
        "Start or stop water service",
        "Moving in or out? Set up your account.",
        "water-sewer",
        "start-or-stop-water-service",
    ),
    ("Request public records", "Ask for city documents and reports.", "mayors-office", "request-public-records"),
]

SETTINGS = {
    "city_name": "City of Jackson",
    "tagline": "Working together for a stronger Jackson",
    "phone": phone(0),
    "email": email("cityhall"),
    "street_address": CITY_HALL,
    "office_hours": CITY_HALL_HOURS,
    "facebook_url": "https://facebook.example/cityofjackson",
    "x_url": "https://x.example/cityofjackson",
    "instagram_url": "https://instagram.example/cityofjackson",
    "youtube_url": "https://youtube.example/cityofjackson",
    "nextdoor_url": "https://nextdoor.example/cityofjackson",
}

#: The city-wide index pages: (model label, slug, title, intro).
INDEX_PAGES = [
    (
        "departments.DepartmentIndexPage",
        "departments",
        "Departments",
        "Every city department, what it does and how to reach it.",
    ),
    (
        "departments.ServiceIndexPage",
        "services",
        "Services",
        "Pay, apply, report and request: everything you can do with the city, in one place.",
    ),
    (
        "departments.FAQIndexPage",
        "faq",
        "Frequently asked questions",
        "Answers to the questions residents ask us most, from trash day to court dates.",
    ),
    (
        "departments.DirectoryPage",
        "directory",
        "Contact directory",
        "Phone numbers, email addresses and office hours for city staff and offices.",
    ),
    ("news.NewsIndexPage", "news", "News", "Announcements and stories from City Hall and every department."),
    (
        "events.EventIndexPage",
        "events",
        "Events",
        "Council meetings, park programs, cleanup days and community events across Jackson.",
    ),
]

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "intro": (
        "The City of Jackson wants everyone to be able to use this website, including people who use screen "
        "readers, magnification, voice control or a keyboard alone."
    ),
    "body": body(
        heading("Our standard"),
        "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA on every page of this "
        "site, and to follow the accessibility requirements of Title II of the Americans with Disabilities Act "
        "for state and local government websites.",
        bullets(
            [
                "Every page can be used with a keyboard alone, with a visible focus indicator.",
                "Pages have a skip link, landmarks, one main heading and headings in order.",
                "Text and controls meet WCAG contrast ratios, and pages reflow at 320 pixels wide and 400% zoom.",
                "Images that carry meaning have text alternatives; form fields have labels and clear error messages.",
                "The site works without JavaScript, does not auto-play media and has no time limits on forms.",
            ],
            intro="What that means in practice:",
        ),
        heading("How we test"),
        "Every page template is checked automatically with axe-core in a real browser at desktop and mobile "
        "widths, and its HTML is validated with the Nu HTML Checker before any change goes live. Staff also test "
        "with a keyboard and with the NVDA and VoiceOver screen readers each quarter.",
        heading("Known limitations"),
        bullets(
            [
                "Some PDF documents published before 2024, such as older council minutes, are not fully tagged. "
                "Ask us and we will provide an accessible version within five business days.",
                "Online payment and permit systems run by our vendors are outside this site. We require vendors to "
                "meet WCAG 2.2 AA and pass on any barrier you report to them.",
            ]
        ),
        heading("Report a barrier"),
        "If something on this site does not work for you, please tell us. Use the \u201cReport a problem with this "
        "page\u201d link at the bottom of any page, email "
        f"{link('mailto:' + email('accessibility'), email('accessibility'))} "
        f"or call the ADA Coordinator at {phone(1)} (Mississippi Relay: 711). Tell us the page address and what "
        "went wrong. We reply within two business days and aim to fix the problem or give you the information "
        "another way within ten business days.",
        heading("Other formats"),
        "You can ask for any page or document in large print, braille, audio or plain text, or for a sign "
        "language interpreter at a public meeting, at no cost. Please ask at least 72 hours before a meeting.",
        callout(
            "If you are not happy with our response, you can file a grievance with the ADA Coordinator, "
            "City Hall, 219 Magnolia Commons Street, Jackson, MS 39201.",
            "Not satisfied?",
        ),
        "This statement was last reviewed in the spring and is reviewed every year.",
    ),
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy policy",
    "intro": "What information this website collects, why, and what the city does with it.",
    "body": body(
        heading("What we collect"),
        "When you browse this site we do not use advertising cookies, analytics trackers or third-party "
        "scripts. Our web server keeps standard logs (the page requested, the time and your IP address) for 30 "
        "days to keep the site secure and working, then deletes them.",
        "When you fill in a form, such as a pothole report or a records request, we keep what you enter so the "
        "right department can act on it. Only staff who handle that request can see it.",
        heading("Cookies"),
        "We set one cookie to protect forms against forgery and, if you are a city editor, one to keep you "
        "signed in. Neither is used to follow you around the web.",
        heading("Public records"),
        "Information you send the city may be a public record under the Mississippi Public Records Act. We do "
        "not release personal information such as your phone number or email address unless the law requires "
        "it. Please do not include financial information or medical details in a web form.",
        heading("Page feedback"),
        "When you tell us whether a page was useful, we store your answer and the page address, with any "
        "personal details stripped from the address. We use it only to improve the page.",
        heading("Questions"),
        f"Email {link('mailto:' + email('privacy'), email('privacy'))} or write to the City Clerk at City Hall.",
    ),
}

ABOUT = {
    "slug": "about",
    "title": "About Jackson",
    "intro": (
        "Jackson is a city of about 150,000 people on the banks of the Pearl, known for its music, its "
        "neighborhoods and its long history as a crossroads of the South."
    ),
    "body": body(
        heading("City government"),
        "Jackson has a mayor\u2013council form of government. The Mayor is the city's chief executive and runs "
        "its departments; the seven-member City Council, one member for each ward, sets policy, adopts the "
        "budget and passes ordinances.",
        "The Council meets on the first and third Tuesday of each month at 6 p.m. in the Council Chamber at "
        "City Hall. Meetings are open to the public and streamed online.",
        heading("By the numbers"),
        bullets(
            [
                "7 wards and 38 neighborhoods",
                "62 parks, 14 community centers and 4 public pools",
                "More than 1,100 miles of streets and 1,400 miles of water main",
                "About 2,300 city employees",
            ]
        ),
        heading("Find your way around"),
        "Most services can be started online from the Services page. For anything else, call City Hall at "
        f"{phone(0)} and we will point you to the right place.",
    ),
}

CONTACT = {
    "slug": "contact",
    "title": "Contact City Hall",
    "intro": "How to reach the City of Jackson by phone, email, mail or in person.",
    "body": body(
        heading("Visit"),
        f"{CITY_HALL}. {CITY_HALL_HOURS}. Free visitor parking is on Cotton Exchange Lane behind City Hall; "
        "the building is step-free from that entrance.",
        heading("Call"),
        bullets(
            [
                f"City Hall switchboard: {phone(0)}",
                f"Water emergencies and main breaks, 24 hours: {phone(20)}",
                f"Non-emergency police: {phone(40)}",
                "Emergencies: call 911",
            ]
        ),
        heading("Write"),
        f"Email {link('mailto:' + email('cityhall'), email('cityhall'))}, or write to City of Jackson, "
        "PO Box 1700, Jackson, MS 39215.",
        callout(
            "If you are reporting a problem such as a pothole, a missed trash pickup or a broken streetlight, "
            "using the online form sends it straight to the crew that fixes it.",
            "Reporting a problem?",
        ),
    ),
}

STANDARD_PAGES = [ABOUT, ACCESSIBILITY, PRIVACY, CONTACT]
