"""`{% path "app:name" %}`: the path of a URL that takes no arguments, reversed once a process.

The layout reverses about twenty such names on every page; `{% url %}` reversing each one on
every render was 40% of the layout's time (bench/load_pages.py). A path depends only on the
URLconf and the script prefix, both part of the memo's key.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=256)
def _reversed(name, urlconf, prefix):
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def path(name):
    return _reversed(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
