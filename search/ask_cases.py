"""Questions residents ask a voice assistant, and the demo-city page each answer must come from.

Shared by the quality suite (tests/test_ask_jackson.py) and the benchmark (bench/ask.py).
The questions are phrased as people speak ("my garbage didn't get picked up"), not as the
pages are titled; each names one or more acceptable page titles in the demo city
(``manage.py seed_demo``). ``OFF_TOPIC`` questions have no answer on a city website and
must not be answered confidently.
"""

ASK_CASES = [
    # Trash and recycling
    ("When is trash picked up on my street?", ["Find your trash and recycling day"]),
    ("What day do they collect the garbage?", ["Find your trash and recycling day"]),
    ("My garbage didn't get picked up today", ["My trash was not picked up. What should I do?"]),
    ("How do I get rid of an old couch?", ["Request a bulk trash pickup"]),
    ("Is garbage pickup different on a holiday week?", ["Does pickup change on holidays?"]),
    ("Where can I take my old tires?", ["Where do I take old paint, tires and electronics?"]),
    ("Somebody stole my recycling bin", ["Replace a damaged or stolen cart"]),
    ("What do I do with my yard waste?", ["How do I get rid of leaves and branches?"]),
    ("Can I have another recycling bin?", ["Can I get a second recycling cart?"]),
    # Water and sewer
    ("What's the number for the water department?", ["Water & Sewer"]),
    ("How do I report a water main break?", ["Report a water leak or main break"]),
    ("Why does my tap water look brown?", ["Why is my water brown or cloudy?"]),
    ("Is there a boil water notice right now?", ["Is there a boil-water notice for my street?"]),
    ("I'm moving out, how do I stop my water service?", ["Start or stop water service"]),
    ("Sewage is backing up into my house", ["Who fixes a sewer backup in my house?"]),
    ("Is the water in Jackson hard?", ["Is Jackson's water hard or soft?"]),
    ("Can someone come test my water?", ["Request a water quality test"]),
    # Bills and licences
    ("How do I pay my water bill?", ["Pay your water bill"]),
    (
        "Why is my water bill so expensive?",
        ["Why is my water bill so high this month?", "Question a high utility bill"],
    ),
    ("I need more time to pay my utility bill", ["Can I get more time to pay my utility bill?"]),
    ("How do I set up autopay for my bill?", ["How do I sign up for AutoPay or paperless billing?"]),
    ("When do I have to renew my business license?", ["When is my business license renewal due?"]),
    ("What's the phone number for utility billing?", ["Utility Billing Customer Service", "Finance & Utility Billing"]),
    # Court
    ("How do I pay a parking ticket?", ["Pay a court fine or traffic ticket"]),
    ("What happens if I missed my court date?", ["What happens if I miss my court date?"]),
    ("Can I make payments on my fine?", ["Ask for a payment plan"]),
    ("I need to move my court date", ["Reschedule a court date"]),
    ("I can't afford a lawyer", ["Can I get a free lawyer?", "Public Defender's Office"]),
    # Police
    ("What's the police non emergency number?", ["Police non-emergency line"]),
    ("My car got towed, how do I get it back?", ["My car was towed. How do I get it back?"]),
    ("How do I get a copy of my accident report?", ["Get a copy of a police or accident report"]),
    ("I want to file a police report", ["File a police report online"]),
    ("How do I complain about a police officer?", ["How do I thank an officer or make a complaint?"]),
    ("Who do I call about my neighbor's loud music?", ["Police non-emergency line"]),
    # Fire
    ("Can I get a free smoke detector?", ["Request a free smoke alarm"]),
    ("Am I allowed to burn leaves in my backyard?", ["Can I burn leaves in my yard?"]),
    ("How often should I check my smoke detectors?", ["How often should I test my smoke alarms?"]),
    ("Can my son's class visit a fire station?", ["Can my class or group visit a fire station?"]),
    # Parks
    ("How do I rent a picnic shelter at the park?", ["Reserve a park pavilion"]),
    ("When do the swimming pools open?", ["When do the outdoor pools open?"]),
    ("Can I bring my dog to the park?", ["Are dogs allowed in city parks?"]),
    ("How do I sign my kid up for soccer?", ["Register for youth sports"]),
    ("How much is a pool pass?", ["Get a pool pass"]),
    # Streets
    ("There's a pothole on my street", ["Report a pothole"]),
    ("The street light on my road is out", ["Report a streetlight outage"]),
    ("My street keeps flooding when it rains", ["My street floods every time it rains. What can I do?"]),
    ("A pothole messed up my car, can I get the city to pay?", ["A pothole damaged my car. Can I file a claim?"]),
    ("The sidewalk in front of my house is cracked", ["Request a sidewalk repair"]),
    # Permits
    ("Do I need a permit to put up a fence?", ["Do I need a permit for a fence?"]),
    ("How do I get a building permit?", ["Apply for a building permit"]),
    ("I need to book a building inspection", ["Schedule a building inspection"]),
    ("What is my property zoned?", ["Check the zoning for a property"]),
    # City Hall
    ("What ward do I live in?", ["Which ward do I live in?"]),
    ("How do I speak at a city council meeting?", ["Sign up to speak at a Council meeting"]),
    ("Can I watch the city council meeting online?", ["Can I watch Council meetings online?"]),
    ("How do I request public records?", ["Request public records"]),
    ("How do I get the mayor to come to my event?", ["Invite the Mayor to an event"]),
    ("Who is the mayor?", ["Mayor Lorraine Battle"]),
    # Whom to call
    ("Who do I call about a missed trash pickup?", ["Collections Customer Service"]),
    ("What's the number for the fire marshal?", ["Fire Marshal's Office"]),
    ("How do I reach the court clerk?", ["Court Clerk's Office"]),
    ("Who's the recycling coordinator?", ["Keisha Lang"]),
]

#: Questions a city website cannot answer: Ask Jackson must say it does not know.
OFF_TOPIC = [
    "What's the weather in Paris?",
    "Tell me a joke",
    "Who won the Super Bowl?",
    "What's the capital of France?",
    "Play some music",
    "Set a timer for ten minutes",
    "What time is it in Tokyo?",
    "How tall is Mount Everest?",
    "Order me a pizza",
    "What's the stock price of Apple?",
    "Who wrote Romeo and Juliet?",
    "How many ounces are in a cup?",
    # Near the city's business, but the demo city has no page that answers them.
    "Where can I park downtown?",
    "Is the airport open?",
]
