"""Resident-style queries and the page each must bring into the top three.

Shared by the relevance test (tests/test_search_relevance.py) and the
benchmark (bench/search.py). Each case names one or more acceptable page
titles from the demo city (``manage.py seed_demo``).

``RELEVANCE_CASES`` must reach a hit rate; the lists after it are stricter, each
case must hold, because each is a stumble a resident reported (issue 17).
"""

RELEVANCE_CASES = [
    ("pay water bill", ["Pay your water bill"]),
    ("pothole", ["Report a pothole"]),
    ("trash pickup schedule", ["Find your trash and recycling day"]),
    ("garbage day", ["Find your trash and recycling day", "Does pickup change on holidays?"]),
    ("Whitfield", ["Dana Whitfield"]),
    ("601-555-0142", ["Records office"]),
    ("6015550178", ["Utility Billing Customer Service"]),
    ("555-0120", ["Water emergency line"]),
    ("building permit", ["Apply for a building permit", "How long does it take to get a building permit?"]),
    ("do I need a permit to build a fence", ["Do I need a permit for a fence?"]),
    ("my garbage wasn't collected", ["My trash was not picked up. What should I do?"]),
    ("streetlight out", ["Report a streetlight outage"]),
    ("water leak", ["Report a water leak or main break"]),
    ("boil water notice", ["Is there a boil-water notice for my street?"]),
    ("brown water", ["Why is my water brown or cloudy?"]),
    ("sewer backup", ["Who fixes a sewer backup in my house?"]),
    ("pick up old couch", ["Request a bulk trash pickup", "Request bulk trash pickup"]),
    ("second recycling bin", ["Can I get a second recycling cart?"]),
    ("rent a picnic shelter", ["Reserve a park pavilion", "Park pavilion reservation"]),
    ("youth sports", ["Register for youth sports"]),
    ("when does the pool open", ["When do the outdoor pools open?", "Get a pool pass"]),
    ("accident report copy", ["Get a copy of a police or accident report"]),
    ("my car got towed", ["My car was towed. How do I get it back?"]),
    ("free smoke detector", ["Request a free smoke alarm", "Request free smoke alarms"]),
    ("burn leaves", ["Can I burn leaves in my yard?"]),
    ("pay speeding ticket", ["Pay a court fine or traffic ticket"]),
    ("missed court date", ["What happens if I miss my court date?"]),
    ("free attorney", ["Can I get a free lawyer?", "Public Defender's Office"]),
    ("renew business license", ["Apply for or renew a business license", "When is my business license renewal due?"]),
    ("automatic payment", ["How do I sign up for AutoPay or paperless billing?"]),
    ("why is my water bill so high", ["Why is my water bill so high this month?", "Question a high utility bill"]),
    ("public records request", ["Request public records", "Public records request"]),
    ("speak at city council", ["Sign up to speak at a Council meeting", "Request to speak at a Council meeting"]),
    ("which ward am I in", ["Which ward do I live in?"]),
    ("zoning", ["Check the zoning for a property"]),
    ("police chief", ["Chief Andre Whitlock"]),
    ("fire inspection", ["Schedule a fire inspection"]),
    ("are dogs allowed in parks", ["Are dogs allowed in city parks?"]),
    ("where to take old paint", ["Where do I take old paint, tires and electronics?"]),
    ("loud music complaint", ["Police non-emergency line"]),
    ("Okafor", ["Sandra Okafor"]),
    ("recycling coordinator", ["Keisha Lang"]),
    ("street flooding", ["My street floods every time it rains. What can I do?", "Drainage and Stormwater"]),
    ("utility billing phone number", ["Utility Billing Customer Service", "Finance & Utility Billing"]),
    ("how long does a records request take", ["How long does a public records request take?"]),
    ("trash", ["Find your trash and recycling day"]),
    ("bulk trash", ["Request a bulk trash pickup"]),
    ("pay", ["Pay your water bill", "Pay a court fine or traffic ticket"]),
]

#: Each must hold (not a rate): the page must be in the top three.
TOP_THREE_CASES = [
    ("trash", ["Find your trash and recycling day"]),
    ("pay", ["Pay your water bill"]),
]

#: One-word, task-like queries: a service built for the task (or the department offering
#: them) must be the first result, never a form, FAQ or story.
FIRST_RESULT_CASES = [
    ("trash", ["Find your trash and recycling day", "Request a bulk trash pickup", "Solid Waste"]),
    ("garbage", ["Find your trash and recycling day", "Request a bulk trash pickup", "Solid Waste"]),
    ("bulk trash", ["Request a bulk trash pickup"]),
    ("permit", ["Apply for a building permit"]),
    ("pay", ["Pay your water bill", "Pay a court fine or traffic ticket"]),
]

#: The header box's suggestions: what was typed, and a title that must be among the first three.
SUGGESTION_CASES = [
    ("pay", ["Pay your water bill"]),
    ("pay w", ["Pay your water bill"]),
    ("trash", ["Find your trash and recycling day"]),
    ("bulk", ["Request a bulk trash pickup"]),
]

#: Queries that find both a service and the form it links to: the form must not be listed
#: beside its service (the service shows it as its action), in results or suggestions.
SERVICE_WITH_FORM_QUERIES = [
    "bulk trash pickup",
    "request bulk trash pickup",
    "payment plan",
    "smoke alarm",
    "park pavilion",
    "pothole",
    "speak at council",
    "public records",
]
