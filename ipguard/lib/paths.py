"""URL paths for many rows without a reverse() per row."""

from django.urls import reverse


def path_maker(name):
    """pk -> path of a URL taking one pk, reversed once (a list can hold hundreds of rows)."""
    prefix, suffix = reverse(name, args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{prefix}/{pk}/{suffix}"
