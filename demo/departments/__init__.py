"""Demo departments, one module each.

Every module defines ``DEPARTMENT``: the department page's fields plus its
``services``, ``contacts``, ``faqs`` and ``forms``. A service whose
``action_form`` names one of the department's forms links to that form page.
"""

from demo.departments import (
    city_council,
    finance_utility_billing,
    fire,
    mayors_office,
    municipal_court,
    parks_recreation,
    planning_permits,
    police,
    public_works,
    solid_waste,
    water_sewer,
)

DEPARTMENTS = [
    module.DEPARTMENT
    for module in (
        mayors_office,
        city_council,
        public_works,
        water_sewer,
        solid_waste,
        parks_recreation,
        police,
        fire,
        planning_permits,
        municipal_court,
        finance_utility_billing,
    )
]
