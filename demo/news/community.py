"""Parks, city government and community stories (some city-wide, under /news/)."""

from demo.common import bullets, heading, story

NEWS = [
    story(
        "mayor-proposes-budget",
        "Mayor proposes budget focused on water, streets and public safety",
        "mayors-office",
        12,
        "The proposed $412 million budget adds water crews and street funding without raising the property "
        "tax rate. Council hearings start next month.",
        [
            "Mayor Lorraine Battle presented her proposed budget for the coming fiscal year to the City Council "
            "on Tuesday. The $412 million general fund budget holds the property tax rate steady.",
            heading("Highlights"),
            bullets(
                [
                    "Two new water distribution crews and a leak detection team",
                    "$18 million for street resurfacing and sidewalks",
                    "Fourteen new firefighter positions for the reopened Station 9",
                    "Extended community center hours on weekday evenings",
                ]
            ),
            "The Council will hold public hearings on the budget before voting in September. Residents can read "
            "the full proposal on the Finance page and comment at any hearing.",
        ],
        ["budget", "mayor", "council"],
    ),
    story(
        "state-of-the-city",
        "State of the City: \u201cA city that works for everyone\u201d",
        None,
        75,
        "In her annual address, the Mayor reported progress on water reliability and faster city services, and "
        "set goals for the year ahead.",
        [
            "Speaking at the Capitol Street Auditorium, Mayor Lorraine Battle said water outages lasting more "
            "than a day fell by half over the past year, and that most city services can now be started online.",
            "She set three goals for the coming year: replace another 20 miles of aging water main, answer "
            "every service request within two business days, and open the renovated Cedar Hill Community "
            "Center.",
            "A video of the address, with captions, and the full text are available from the Mayor's Office.",
        ],
        ["mayor"],
    ),
    story(
        "council-adopts-short-term-rental-ordinance",
        "Council adopts rules for short-term rentals",
        "city-council",
        19,
        "Owners of short-term rentals will need a permit, a local contact and proof of insurance starting January 1.",
        [
            "The City Council voted 6\u20131 on Tuesday to adopt an ordinance regulating short-term rentals such "
            "as those listed on home-sharing sites. About 600 are currently operating in Jackson.",
            "Owners will need an annual permit, a local contact who can respond within an hour, proof of "
            "insurance and a fire safety inspection. The ordinance takes effect January 1.",
            "Twenty-three residents spoke during the public hearings held over the past two months.",
        ],
        ["council", "ordinances", "housing"],
    ),
    story(
        "new-ward-town-halls",
        "Council members to hold town halls in every ward",
        "city-council",
        52,
        "Each council member will host a town hall this season; the Mayor and department heads will attend.",
        [
            "All seven council members will hold a town hall in their ward over the coming months, with the "
            "Mayor and department directors on hand to answer questions.",
            "Dates and locations are on the events page. Each town hall is held in an accessible building, with "
            "a sign language interpreter and childcare available on request.",
        ],
        ["council", "community"],
    ),
    story(
        "splash-pad-opens-at-sweetgum-park",
        "New splash pad opens at Sweetgum Park",
        "parks-recreation",
        5,
        "The free splash pad is open daily from 10 a.m. to 7 p.m., May through October.",
        [
            "Children and families cooled off at the new Sweetgum Park splash pad, which opened Saturday with a "
            "ribbon cutting by Mayor Battle and Ward 3 Councilwoman Denise Farrow.",
            "The splash pad has 28 water features, shaded seating and an accessible route from the parking lot. "
            "It recycles its water through a filtration system and is free to use.",
        ],
        ["parks", "splash pads"],
    ),
    story(
        "summer-camp-registration-open",
        "Registration opens for school-break day camps",
        "parks-recreation",
        170,
        "Day camps during school breaks at eight community centers, with reduced rates for families on SNAP "
        "or Medicaid.",
        [
            "Registration is open for day camps during school breaks. Camps run at eight community centers "
            "for children aged 6 to 13, from 7:30 a.m. to 5:30 p.m.",
            "Weekly fees are $60 for residents, and $10 for families who receive SNAP, Medicaid or free school "
            "lunch. Spaces fill quickly, so register early.",
        ],
        ["parks", "youth", "camps"],
    ),
    story(
        "heron-lake-trail-extension",
        "Heron Lake trail extended by 1.4 miles",
        "parks-recreation",
        88,
        "The paved trail now connects Heron Lake Park to the Eastover neighborhood and the library.",
        [
            "A 1.4-mile extension of the Heron Lake Park trail is now open, linking the park to Eastover "
            "Parkway and the Eastover Library. The 10-foot-wide trail is paved and lit.",
            "The extension was built with a federal recreational trails grant and city infrastructure funds.",
        ],
        ["parks", "trails"],
    ),
    story(
        "youth-basketball-league-record-signups",
        "Record 1,400 players sign up for youth basketball",
        "parks-recreation",
        140,
        "More teams and volunteer coaches are needed for the winter season.",
        [
            "A record 1,400 children and teens have registered for the winter youth basketball league, up 30 "
            "percent from last year. Games are played Saturdays at six community centers.",
            "The league needs 40 more volunteer coaches. Coaches get free training and a background check.",
        ],
        ["parks", "youth", "sports"],
    ),
    story(
        "city-launches-new-website",
        "The city's new website puts services first",
        None,
        1,
        "A faster, more accessible site makes it easier to pay, apply, report and find who to call.",
        [
            "The City of Jackson launched its new website this week. It was designed with residents who told "
            "us which tasks mattered most to them: paying bills, reporting problems and finding contacts.",
            "The site meets the WCAG 2.2 AA accessibility standard, works on any phone and without JavaScript, "
            "and loads quickly on slow connections. Every page has a \u201cReport a problem with this page\u201d "
            "link, and those reports go straight to the department that owns the page.",
        ],
        ["city hall", "online services"],
    ),
    story(
        "city-offices-closed-for-holiday",
        "City offices closed Monday for the holiday",
        None,
        4,
        "Emergency services are not affected; trash pickup moves one day later.",
        [
            "City Hall and all city offices will be closed Monday for the holiday. Police, fire and the water "
            "emergency line operate as usual.",
            "Trash and recycling pickup will be one day later for the rest of the week. Online payments and "
            "service requests can be made at any time.",
        ],
        ["city hall", "holidays"],
    ),
    story(
        "census-of-trees-volunteers",
        "Volunteers needed to count the city's trees",
        None,
        58,
        "The first citywide tree inventory will help plan planting and storm response.",
        [
            "The city and the Jackson Tree Alliance are looking for 200 volunteers to help count and measure "
            "street trees over six weekends this fall. No experience is needed; training takes one hour.",
            "The inventory will show where the tree canopy is thinnest, so new trees go where they will cool "
            "streets the most, and which trees need pruning before storm season.",
        ],
        ["community", "volunteering", "trees"],
    ),
    story(
        "juneteenth-celebration",
        "Thousands celebrate Juneteenth at Sweetgum Park",
        "parks-recreation",
        125,
        "Music, food vendors and a history walk drew the largest crowd in the festival's twelve years.",
        [
            "An estimated 6,000 people came to Sweetgum Park for the city's twelfth annual Juneteenth "
            "celebration, with gospel and blues performances, 40 local food and craft vendors and a guided "
            "history walk.",
            "Parks & Recreation thanks the volunteers and sponsors who made the day possible.",
        ],
        ["parks", "community", "festivals"],
    ),
]
