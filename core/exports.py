"""Spreadsheet exports that cannot run what residents typed.

A spreadsheet opens a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: a resident who writes
``=HYPERLINK("http://evil.example/","Open photo")`` into a form would put a live link in
front of the staff member who exports the inbox (OWASP "CSV injection"). Every admin export
in the project uses :class:`FormulaSafeExportMixin`, so there is one rule for all of them.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` as text a spreadsheet shows as text: a leading apostrophe where it looks like a formula."""
    text = "" if value is None else str(value)
    if text.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + text
    return text


class FormulaSafeExportMixin:
    """For views using Wagtail's ``SpreadsheetExportMixin``: every text cell of CSV and XLSX goes through
    :func:`formula_safe`. Numbers and dates keep their types."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return formula_safe(value) if isinstance(value, str) else value
