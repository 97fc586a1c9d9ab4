"""Synonyms every city needs on day one; editors change them in the admin.

Residents and city staff rarely use the same words: residents say
"garbage", the department is "Solid Waste"; residents say "water bill", the
page says "utility billing". These groups are loaded by a data migration
(and by ``manage.py load_search_synonyms``), and are ordinary editable
snippets afterwards.
"""

#: Added with Ask Jackson (search/answers.py): words residents say aloud that pages rarely use.
SPOKEN_SYNONYMS = [
    ("sewer, sewage", "Residents say sewage; the pages say sewer."),
    ("kids, kid, children, child, youth", "Youth sports and camps are for kids."),
    ("sign up, register, registration, enroll, enrol", ""),
    (
        "book, schedule, reserve, reservation",
        "Residents book an inspection or a pavilion; the pages schedule or reserve.",
    ),
]

STARTER_SYNONYMS = [
    ("trash, garbage, solid waste, refuse, rubbish", "Residents say garbage; the department is Solid Waste."),
    ("trash pickup, garbage pickup, trash collection, garbage collection", ""),
    (
        "trash day, garbage day, recycling day, pickup day, collection day, trash pickup schedule, "
        "garbage pickup schedule, trash schedule, garbage schedule",
        "Residents ask for a schedule; the page is about finding your day.",
    ),
    ("pickup, pick up, picked up, collection, collected", ""),
    ("water bill, utility bill, utility billing, water and sewer bill", "The bill comes from Utility Billing."),
    ("pay, payment, pay online", ""),
    ("pothole, potholes, road damage, street repair", ""),
    ("streetlight, street light, streetlights, street lights", ""),
    ("recycling, recycle", ""),
    ("cart, bin, container", "Trash and recycling carts."),
    ("bulk trash, bulky items, large items, furniture, couch, sofa, mattress, appliance", ""),
    ("towed, tow, impound, impounded", ""),
    ("ticket, citation, fine", ""),
    ("lawyer, attorney, public defender", ""),
    ("permit, permits, license, licence", ""),
    ("pool, swimming, aquatic", ""),
    ("pavilion, shelter, picnic shelter", ""),
    ("smoke alarm, smoke detector, smoke alarms, smoke detectors", ""),
    ("sewer backup, sewage backup, sewer overflow", ""),
    ("flooding, floods, flood, drainage, storm drain, stormwater", ""),
    ("noise complaint, loud music, noise", ""),
    ("autopay, auto pay, automatic payment", ""),
    *SPOKEN_SYNONYMS,
]


def load_starter_synonyms(SynonymGroup, groups=None):
    """Create the starter groups (or ``groups``) that are missing; never touch what editors changed.

    Returns the number created.
    """
    existing = {group.terms.lower() for group in SynonymGroup.objects.all()}
    created = 0
    for terms, note in STARTER_SYNONYMS if groups is None else groups:
        if terms.lower() not in existing:
            SynonymGroup.objects.create(terms=terms, note=note)
            created += 1
    return created
