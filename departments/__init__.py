"""Departments and what each offers: the department page, services, FAQs and the contact directory.

Owns ``DepartmentPage`` and its subtree's page types, the city-wide index pages for services,
FAQs, the directory and departments, and each department's roles (groups, collection, workflow:
``departments.roles``, ``departments.provisioning``). It sits just above ``core``: news, events,
forms, feedback, alerts, reviews and accounts build on it, and it imports none of them. Their
content on a department page (its forms, latest news, upcoming events) comes through
``core.page_context``.
"""
