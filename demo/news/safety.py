"""Police, fire and court stories."""

from demo.common import bullets, heading, phone, story

NEWS = [
    story(
        "fire-station-9-reopens",
        "Fire Station 9 reopens after renovation",
        "fire",
        9,
        "The rebuilt station on Ridgeway Drive cuts response times in the northeast by about two minutes.",
        [
            "Fire Station 9 on Ridgeway Drive has reopened after an 18-month renovation. The station houses an "
            "engine and a rescue unit staffed around the clock by 14 new firefighters.",
            "Response times in the northeast part of the city are expected to improve by about two minutes. The "
            "station has a community room that neighborhood groups can book free of charge.",
        ],
        ["fire", "public safety"],
    ),
    story(
        "smoke-alarm-blitz",
        "Firefighters install 900 free smoke alarms in one weekend",
        "fire",
        33,
        "Crews went door to door in three neighborhoods; residents anywhere in the city can still request free alarms.",
        [
            "Firefighters and volunteers knocked on 2,600 doors in the Westhaven, Pine Hollow and Lakeview "
            "neighborhoods and installed 912 free 10-year smoke alarms.",
            "Working smoke alarms halve the risk of dying in a home fire. Any Jackson resident can request free "
            "alarms online; crews will also install alarms with strobes for people who are deaf or hard of "
            "hearing.",
        ],
        ["fire safety", "smoke alarms"],
    ),
    story(
        "burn-ban-lifted",
        "Outdoor burn ban lifted after rain",
        "fire",
        120,
        "Permitted outdoor burning may resume; check the burn line each morning before you burn.",
        [
            "The Fire Marshal has lifted the burn ban that was in place during the dry spell. Property owners "
            "with a burn permit may burn brush again on days when the burn line allows it.",
            f"Call the burn line at {phone(51)} the morning you plan to burn.",
        ],
        ["fire safety", "weather"],
    ),
    story(
        "police-community-academy",
        "Applications open for the Citizens Police Academy",
        "police",
        15,
        "A free 10-week evening course shows residents how the department works, from 911 calls to investigations.",
        [
            "The Police Department is accepting applications for its next Citizens Police Academy. The free "
            "course meets Thursday evenings for 10 weeks at police headquarters.",
            "Participants learn about patrol, investigations, the 911 center and the use-of-force policy, and "
            "can ride along with an officer. Applicants must be 18 and live or work in Jackson.",
        ],
        ["police", "community"],
    ),
    story(
        "car-break-in-prevention",
        "Car break-ins down 18 percent; police share prevention tips",
        "police",
        44,
        "Most break-ins involve unlocked cars or valuables in plain view.",
        [
            "Reported vehicle burglaries fell 18 percent in the first half of the year compared with last year, "
            "but they remain the most common property crime in Jackson.",
            heading("Protect your car"),
            bullets(
                [
                    "Lock your car and close the windows, even in your driveway",
                    "Take valuables with you or keep them out of sight",
                    "Never leave a gun in a car",
                    "Park in well-lit areas",
                ]
            ),
            "Break-ins with no suspect can be reported online and you get a case number straight away.",
        ],
        ["police", "public safety"],
    ),
    story(
        "new-police-precinct-commander",
        "New commander named for Precinct 2",
        "police",
        101,
        "Commander Tavia Rhodes, a 19-year veteran, will lead the precinct covering west Jackson.",
        [
            "Chief Andre Whitlock has named Commander Tavia Rhodes to lead Precinct 2. Rhodes joined the "
            "department in 2006 and most recently led the Community Engagement Unit.",
            "She will hold her first precinct community meeting next month at the Westhaven Community Center.",
        ],
        ["police"],
    ),
    story(
        "court-amnesty-week",
        "Municipal Court amnesty week: clear old warrants without arrest",
        "municipal-court",
        27,
        "For one week, people with unpaid fines or missed court dates can resolve them with no added fees.",
        [
            "Municipal Court will hold an amnesty week from Monday to Friday next month. People with warrants "
            "for unpaid fines or missed court dates can come to court, have the warrant lifted and set up a "
            "payment plan or community service, with late fees waived.",
            "Nobody will be arrested for a municipal warrant during amnesty week. The court will open until "
            "7 p.m. that week.",
        ],
        ["court", "fines"],
    ),
    story(
        "court-text-reminders",
        "Court now sends text reminders before court dates",
        "municipal-court",
        150,
        "People with cases in Municipal Court can get a text three days and one day before their court date.",
        [
            "Municipal Court now sends text message reminders before court dates. Studies show reminders cut "
            "missed court dates, and the warrants that follow, by up to a third.",
            "Sign up with the clerk's office or by giving your mobile number when you receive a citation.",
        ],
        ["court", "online services"],
    ),
    story(
        "hurricane-preparedness",
        "Get ready for hurricane season",
        None,
        100,
        "Sign up for emergency alerts, make a plan and build a kit before the first storm.",
        [
            "Hurricane season runs from June through November, and storms can bring flooding, power outages and "
            "fallen trees far inland. The city urges every household to prepare now.",
            bullets(
                [
                    "Sign up for JXN Alerts by text, email or phone call",
                    "Have water, food and medicine for at least three days",
                    "Know where you would go if you had to leave home",
                    "Never drive through flooded streets",
                ]
            ),
            "Cooling and shelter locations are announced on this site and through JXN Alerts during storms.",
        ],
        ["weather", "emergencies", "public safety"],
    ),
]
