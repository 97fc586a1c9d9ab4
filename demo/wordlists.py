"""Word lists for generated pages (``seed_demo --scale N``).

Combined at random (with a seed per page, so page N always reads the same),
they make text that is plausible enough for search, listings and benchmarks
to behave as they would on a real site, without any external data.
"""

FIRST_NAMES = [
    "Aaliyah", "Andre", "Beatrice", "Calvin", "Candace", "Darius", "Delores", "Eli", "Felicia", "Gerald",
    "Gloria", "Hector", "Imani", "Isaac", "Jasmine", "Kendrick", "Latoya", "Leon", "Marisol", "Maurice",
    "Nadine", "Otis", "Pamela", "Quentin", "Regina", "Rodney", "Shanice", "Simone", "Tobias", "Ursula",
    "Vernon", "Wanda", "Xavier", "Yvette", "Zachary", "Bernice", "Cedric", "Dolores", "Ernest", "Frances",
]  # fmt: skip

LAST_NAMES = [
    "Abernathy", "Baptiste", "Caldwell", "Dorsey", "Ellison", "Fairley", "Gaines", "Holloway", "Ingram",
    "Jefferson", "Kimbrough", "Lofton", "McCoy", "Nettles", "Oliver", "Pruitt", "Quarles", "Rankin", "Sims",
    "Tate", "Upshaw", "Vance", "Whitaker", "Yarbrough", "Ziegler", "Beasley", "Crump", "Dunbar", "Epps",
    "Funches",
]  # fmt: skip

ROLES = [
    "Program Coordinator", "Customer Service Representative", "Crew Supervisor", "Inspector",
    "Administrative Assistant", "Project Manager", "Senior Analyst", "Outreach Specialist", "Field Technician",
    "Permit Technician", "Operations Manager", "Grants Administrator", "Community Liaison", "Office Manager",
]  # fmt: skip

OFFICES = [
    "Customer Service Desk", "Front Counter", "Scheduling Office", "Field Operations", "Records Unit",
    "Outreach Team", "Billing Desk", "Dispatch Office", "Training Center", "Warehouse",
]  # fmt: skip

STREETS = [
    "Willow Bend Road", "Pecan Grove Circle", "Larkspur Avenue", "Dogwood Street", "Sycamore Ridge Road",
    "Cotton Exchange Lane", "Hollyhock Drive", "Magnolia Commons Street", "Riverbend Drive", "Tupelo Bend Way",
    "Cedar Hill Road", "Westhaven Boulevard", "Eastover Parkway", "Bayou Shade Lane", "Azalea Court",
    "Old Quarry Road", "Heron Lake Road", "Meadowbrook Parkway", "Sweetgum Park Drive", "Wisteria Lane",
]  # fmt: skip

NEIGHBORHOODS = [
    "Belhaven Hollow", "Tupelo Bend", "Westhaven", "Pine Hollow", "Lakeview", "Eastover", "Cedar Hill",
    "Sweetgum", "Riverside", "Magnolia Heights", "Northside", "Fondren Park", "Oak Forest", "Bellwood",
]  # fmt: skip

VENUES = [
    "Cedar Hill Community Center", "Westhaven Community Center", "Sweetgum Park", "Heron Lake Park",
    "Eastover Library", "Council Chamber, City Hall", "Riverside Senior Center", "Tupelo Bend Park",
]  # fmt: skip

PROJECTS = [
    "drainage repairs", "sidewalk replacement", "water main upgrade", "street resurfacing", "park improvements",
    "playground renovation", "streetlight upgrade", "sewer lining", "tree planting", "traffic calming",
    "trail extension", "community garden", "bus shelter installation", "crosswalk improvements",
]  # fmt: skip

NEWS_VERBS = [
    "begins", "wraps up", "resumes", "reaches the halfway mark", "moves ahead", "finishes early", "expands",
    "gets council approval", "starts next month", "is scheduled for the fall",
]  # fmt: skip

EVENT_KINDS = [
    "community meeting", "workshop", "open house", "volunteer day", "information session", "class",
    "family night", "listening session", "cleanup", "health fair",
]  # fmt: skip

SERVICE_ACTIONS = [
    ("apply", "Apply for", ["a permit", "a grant", "a license", "a variance", "an exemption", "a waiver"]),
    ("request", "Request", ["an inspection", "a repair", "a site visit", "a meeting", "a copy of a record"]),
    ("report", "Report", ["a problem", "a violation", "an outage", "illegal dumping", "a damaged sign"]),
    ("pay", "Pay", ["a fee", "an invoice", "a deposit", "a penalty", "an assessment"]),
    ("register", "Register for", ["a class", "a program", "a league", "a workshop", "an alert list"]),
    ("schedule", "Schedule", ["an appointment", "a pickup", "a consultation", "a tour", "a hearing"]),
]

SUBJECTS = [
    "residential", "commercial", "temporary", "special event", "home-based", "nonprofit", "seasonal",
    "neighborhood", "historic", "accessible",
]  # fmt: skip

TOPICS = [
    "community", "infrastructure", "safety", "parks", "permits", "billing", "meetings", "youth", "seniors",
    "environment", "volunteering", "business", "housing", "transportation", "health",
]  # fmt: skip

SENTENCES = [
    "Residents of {hood} can expect crews on {street} on weekdays between 7 a.m. and 6 p.m.",
    "The work is part of the city's five-year capital improvement plan adopted by the City Council.",
    "Questions can be sent to the department by email or by phone during office hours.",
    "Notices will be mailed to every address within 500 feet at least a week before work begins.",
    "Parking may be limited near {street}, so please follow the posted signs.",
    "The project is paid for by the one-cent infrastructure sales tax and a state grant.",
    "Staff will share an update at the next {hood} neighborhood association meeting.",
    "Accessible routes will be kept open at all times, and detours will be clearly marked.",
    "Most requests are handled within five business days of being received.",
    "Bring a photo ID and proof of address when you visit the office.",
    "Fees can be paid online, by phone or in person at City Hall.",
    "Spanish-language help and sign language interpreters are available on request.",
    "Residents who cannot use the online form can call and staff will fill it in with them.",
    "The department reviews feedback from every meeting and publishes a summary afterwards.",
]  # fmt: skip
