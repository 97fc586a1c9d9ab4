"""Permits, billing and business stories."""

from demo.common import bullets, story

NEWS = [
    story(
        "online-permits-faster",
        "Permit wait times cut in half with online plan review",
        "planning-permits",
        14,
        "Residential plans now take about 10 business days to review, down from 21 last year.",
        [
            "Since the Planning & Permits office moved to fully online plan review, the average time to review "
            "residential plans has fallen from 21 to 10 business days, and commercial plans from 40 to 20.",
            "Applicants can upload plans, see reviewers' comments and pay fees online, and track every step "
            "of their permit.",
        ],
        ["permits", "online services"],
    ),
    story(
        "comprehensive-plan-workshops",
        "Help shape Jackson 2045: comprehensive plan workshops",
        "planning-permits",
        41,
        "Residents are invited to workshops on housing, transportation and parks for the city's new long-range plan.",
        [
            "The city is writing Jackson 2045, its first comprehensive plan in twenty years. The plan will guide "
            "zoning, housing, transportation and park investments for the next two decades.",
            "Seven workshops, one in each ward, will be held over the next two months. Can't make it? Take the "
            "online survey, available in English and Spanish.",
        ],
        ["planning", "community"],
    ),
    story(
        "historic-district-guidelines",
        "Updated design guidelines for historic districts",
        "planning-permits",
        135,
        "The new guidelines make it easier to install solar panels and replacement windows in historic districts.",
        [
            "The Historic Preservation Commission adopted updated design guidelines for the city's five historic "
            "districts. The guidelines now allow solar panels on rear roof slopes and energy-efficient "
            "replacement windows that match the original style.",
            "Property owners still need a certificate of appropriateness before changing a building's exterior.",
        ],
        ["planning", "historic preservation"],
    ),
    story(
        "autopay-discount",
        "Sign up for AutoPay and paperless billing, get a $5 credit",
        "finance-utility-billing",
        21,
        "Utility customers who enroll in both AutoPay and paperless billing this quarter get a one-time credit.",
        [
            "Customers who sign up for both AutoPay and paperless billing before the end of the quarter will "
            "get a one-time $5 credit on their utility bill. Paperless bills save the city about $1 per bill in "
            "printing and postage.",
            "AutoPay takes payment on the due date, and you still get an email with your bill every month.",
        ],
        ["billing"],
    ),
    story(
        "new-utility-bill-design",
        "Utility bills get a clearer new design",
        "finance-utility-billing",
        68,
        "The redesigned bill shows your usage over 13 months and how to pay, in larger type.",
        [
            "Starting with next month's bills, utility customers will see a redesigned bill. Changes include:",
            bullets(
                [
                    "A chart of your water use over the past 13 months",
                    "Your due date and amount due in large type at the top",
                    "A plain-language breakdown of water, sewer and trash charges",
                ]
            ),
            "Your account number stays the same.",
        ],
        ["billing"],
    ),
    story(
        "business-license-renewal-reminder",
        "Business license renewals due October 1",
        "finance-utility-billing",
        80,
        "Renew online now to avoid the 25 percent late penalty.",
        [
            "All city business licenses expire September 30. Renewals can be completed online in a few minutes; "
            "renewals received after October 1 pay a 25 percent penalty.",
            "New this year: businesses with no changes can renew with one click from the reminder email.",
        ],
        ["business", "licenses"],
    ),
    story(
        "city-earns-clean-audit",
        "City receives clean audit for third year in a row",
        "finance-utility-billing",
        158,
        "Independent auditors found the city's financial statements fairly presented, with no material weaknesses.",
        [
            "The city's annual independent audit found no material weaknesses for the third consecutive year. "
            "The audit report and the annual comprehensive financial report are available on the Finance page.",
            "The city's general fund reserve has grown to 14 percent of annual spending, above the 10 percent "
            "target the Council set.",
        ],
        ["budget", "finance"],
    ),
    story(
        "small-business-grants",
        "Applications open for small business facade grants",
        None,
        30,
        "Businesses in commercial corridors can get up to $15,000 in matching funds to improve storefronts.",
        [
            "The city is offering matching grants of up to $15,000 to small businesses on designated commercial "
            "corridors for facade improvements such as signs, lighting, awnings and accessible entrances.",
            "Applications are due in six weeks. An information session will be held at City Hall; details are "
            "on the events page.",
        ],
        ["business", "grants"],
    ),
    story(
        "broadband-survey",
        "Tell us about your internet service",
        None,
        176,
        "A short survey will help the city apply for federal funds to improve broadband in underserved neighborhoods.",
        [
            "The city is asking residents to take a five-minute survey about their home internet: speed, cost "
            "and reliability. The results will support the city's application for federal broadband funding.",
            "Paper copies are available at every library branch and community center.",
        ],
        ["community", "broadband"],
    ),
]
