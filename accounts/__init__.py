"""Sign-in security: account lockout (django-axes), throttled private-page passwords, and the admin screens.

Owns the lockout rules (``accounts.lockout``), the client address the limits count
(``accounts.client``), the page-password view (``accounts.page_passwords``) and the
Sign-in security menu for administrators. It sits beside news, events and forms, above
departments (whose site roles say who administers).
"""
