"""Streets, water, sewer and trash stories."""

from demo.common import bullets, callout, heading, phone, story

NEWS = [
    story(
        "summer-paving-program-begins",
        "Paving program to resurface 42 miles of streets",
        "public-works",
        3,
        "Crews start this week on the largest paving program in a decade, beginning with Larkspur Avenue and "
        "Old Canton Spur.",
        [
            "Public Works will resurface 42 miles of city streets over the next five months, the largest paving "
            "program in a decade, paid for by the voter-approved one-cent infrastructure sales tax.",
            "Streets were chosen by their pavement condition score, traffic volume and the number of pothole "
            "reports received over the past two years. Every ward has at least five miles of work.",
            heading("What to expect"),
            bullets(
                [
                    "Door hangers 72 hours before work starts on your street",
                    "No parking on the street while crews are working, 7 a.m. to 6 p.m.",
                    "Driveway access kept open except for about two hours during paving",
                ]
            ),
            "The full list of streets and a map showing the weekly schedule are on the Public Works page.",
        ],
        ["streets", "paving", "infrastructure"],
    ),
    story(
        "pothole-blitz-results",
        "Pothole blitz fills 3,800 potholes in six weeks",
        "public-works",
        24,
        "Extra crews working Saturdays cleared the backlog of reports left by spring storms.",
        [
            "Street crews filled 3,812 potholes during a six-week blitz that added Saturday shifts and two "
            "contracted patching trucks. The backlog of open reports fell from 1,150 to under 90.",
            "\u201cEvery report matters,\u201d said Public Works Director Marcus Bellamy. \u201cWe route crews by the "
            "reports residents send in, so the more precise the location, the faster we get there.\u201d",
            "Residents can keep reporting potholes online; most are now patched within five business days.",
        ],
        ["streets", "potholes"],
    ),
    story(
        "new-traffic-signals-on-meadowbrook-parkway",
        "Smarter traffic signals coming to Meadowbrook Parkway",
        "public-works",
        47,
        "Twelve intersections will get signals that adjust to traffic in real time, cutting waits at rush hour.",
        [
            "Adaptive traffic signals will be installed at twelve intersections along Meadowbrook Parkway this "
            "year. The signals count vehicles and adjust green times every few minutes.",
            "Similar systems in other cities have cut travel times on busy corridors by 10 to 20 percent. The "
            "new signals also give pedestrians a head start at crosswalks and include accessible push buttons "
            "that speak and vibrate.",
            "Work happens at night to keep lanes open during the day.",
        ],
        ["streets", "traffic"],
    ),
    story(
        "storm-drain-cleaning-before-hurricane-season",
        "Crews clear 1,200 storm drains in flood-prone neighborhoods",
        "public-works",
        96,
        "Drainage teams focused on neighborhoods that flooded last year. Residents can help by keeping leaves "
        "out of drains.",
        [
            "The Drainage and Stormwater team has cleared 1,200 storm drains and 14 miles of ditches in the "
            "neighborhoods that saw the worst street flooding last year, including Belhaven Hollow and Tupelo "
            "Bend.",
            "Residents can help by raking leaves and grass clippings away from curb drains and never dumping "
            "anything into them. Report a blocked drain online or call Drainage and Stormwater.",
        ],
        ["drainage", "flooding", "weather"],
    ),
    story(
        "boil-water-notice-lifted-northside",
        "Boil-water notice lifted for Northside neighborhoods",
        "water-sewer",
        6,
        "Two rounds of testing came back clear, so residents in the affected area no longer need to boil water.",
        [
            "The precautionary boil-water notice issued after a 16-inch main break on Sycamore Ridge Road has "
            "been lifted. Two consecutive rounds of samples tested by the State Department of Health showed the "
            "water is safe to drink.",
            "Residents should run cold taps for two minutes, and empty and refill ice makers, before using "
            "water for drinking again.",
            "Customers who saw brown water after service was restored can request a free water quality test.",
        ],
        ["water", "boil water"],
    ),
    story(
        "main-break-sycamore-ridge",
        "Crews repair major main break on Sycamore Ridge Road",
        "water-sewer",
        8,
        "A 16-inch main broke early Tuesday. Water pressure is restored; a precautionary boil-water notice is "
        "in effect for the streets listed.",
        [
            "A 16-inch water main broke at about 4 a.m. Tuesday on Sycamore Ridge Road near Wisteria Lane. Crews "
            "isolated the break by 7 a.m. and completed the repair overnight.",
            callout(
                "Boil water for at least one minute before drinking or cooking, until the notice is lifted.",
                "Precautionary boil-water notice",
                "warning",
            ),
            "The notice covers Sycamore Ridge Road, Wisteria Lane, Pecan Grove Circle and Hollyhock Drive. We "
            "will post an update here as soon as testing is complete.",
        ],
        ["water", "boil water"],
    ),
    story(
        "water-meter-replacement-program",
        "Smart water meters reach 30,000 homes",
        "water-sewer",
        61,
        "New meters report usage every hour, so bills are based on real readings and leaks are caught early.",
        [
            "Water & Sewer has installed 30,000 smart meters, about half of the city's homes. The meters send "
            "readings every hour, which ends estimated bills and lets us spot a continuous leak within a day.",
            "Customers with a new meter will get a letter if usage suggests a leak. Installation takes about "
            "twenty minutes and water is off only briefly; crews knock first.",
        ],
        ["water", "billing"],
    ),
    story(
        "consumer-confidence-report-published",
        "Annual drinking water quality report now available",
        "water-sewer",
        130,
        "This year's Consumer Confidence Report shows Jackson's water met every federal and state standard.",
        [
            "The annual Consumer Confidence Report, which lists every substance we test for and the levels "
            "found, is now online and available in print at City Hall and every library branch.",
            "The report also explains our lead service line replacement program: 2,400 lead lines have been "
            "replaced so far, and homeowners can check whether their address is on the list.",
        ],
        ["water", "water quality"],
    ),
    story(
        "holiday-trash-schedule",
        "Trash and recycling pickup moves one day later this holiday week",
        "solid-waste",
        2,
        "Monday's holiday shifts every route one day later for the rest of the week; Friday routes are "
        "collected Saturday.",
        [
            "City offices are closed Monday for the holiday, and trash, recycling and yard waste pickup will "
            "slide one day later for the rest of the week. Friday's routes will be collected on Saturday.",
            "The Residential Drop-off Center will be open as usual on Tuesday through Saturday.",
        ],
        ["trash", "holidays"],
    ),
    story(
        "glass-recycling-drop-off",
        "Glass recycling returns with four drop-off bins",
        "solid-waste",
        38,
        "Residents can recycle glass bottles and jars at four new drop-off sites; glass still does not go in "
        "the curbside cart.",
        [
            "Glass bottles and jars can now be recycled at four drop-off sites: Sweetgum Park, Heron Lake Park, "
            "the Residential Drop-off Center and the Eastover Library parking lot.",
            "Please rinse containers and remove lids. Window glass, mirrors, dishes and light bulbs cannot be "
            "recycled. Glass is still not accepted in curbside recycling carts because it breaks and "
            "contaminates paper.",
        ],
        ["recycling"],
    ),
    story(
        "bulk-trash-online-booking",
        "Book bulk trash pickups online",
        "solid-waste",
        110,
        "The new online form replaces the phone-only booking and confirms your pickup date within two days.",
        [
            "Residents can now book bulk trash pickups online, any time of day, instead of only by phone during "
            "office hours. The form asks what you are putting out and suggests a date.",
            "Every household with city cart service gets two free bulk pickups a year.",
        ],
        ["trash", "online services"],
    ),
    story(
        "recycling-contamination-campaign",
        "\u201cWhen in doubt, leave it out\u201d: help keep recycling clean",
        "solid-waste",
        165,
        "Plastic bags and food waste in carts cost the city $400,000 last year. Crews will start tagging carts "
        "with the wrong items.",
        [
            "About one in five recycling carts contains items that cannot be recycled, most often plastic bags, "
            "garden hoses and food waste. Contaminated loads go to the landfill and cost the city money.",
            "Starting next month, collection crews will leave a friendly tag on carts with the wrong items, "
            "explaining what to remove. Carts will still be emptied the first two times.",
            f"Questions? Call the Recycling Coordinator at {phone(35)}.",
        ],
        ["recycling"],
    ),
    story(
        "led-streetlight-conversion",
        "Half of the city's streetlights now LED",
        "public-works",
        70,
        "Brighter, longer-lasting LED fixtures cut the city's streetlight power bill by $600,000 a year.",
        [
            "Public Works and the power company have replaced 9,600 streetlights with LED fixtures, about half "
            "of the city's total. LED lights use 60 percent less energy and last about 20 years.",
            "The new fixtures are shielded to light the street rather than the sky or bedroom windows. Report "
            "an outage with the pole number and crews will repair it within five business days.",
        ],
        ["streets", "streetlights", "energy"],
    ),
    story(
        "sewer-rehabilitation-belhaven-hollow",
        "Sewer lining project starts in Belhaven Hollow",
        "water-sewer",
        145,
        "Crews will line 9 miles of old clay sewer pipe without digging up streets.",
        [
            "Water & Sewer will line nine miles of 70-year-old clay sewer pipe in Belhaven Hollow with a "
            "cured-in-place liner, which seals cracks and keeps out tree roots and rainwater.",
            "Most work happens through manholes, so streets stay open. Residents will get a notice two days "
            "before crews arrive and should avoid running water for a few hours while their connection is "
            "reopened.",
        ],
        ["sewer", "infrastructure"],
    ),
]
