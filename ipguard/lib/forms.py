"""Form widgets shared by every app."""

from django import forms


class IsoDateInput(forms.DateInput):
    """A browser date field: its value is always ISO (YYYY-MM-DD), whatever the language.

    A browser's ``<input type=date>`` reads only ISO dates; Django would otherwise render the
    active locale's format (``2026/10/02`` in Chinese), which the browser shows as empty.
    """

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")
