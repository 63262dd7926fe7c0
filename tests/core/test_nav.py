"""The layout's `{% path %}` tag gives what `{% url %}` gives, for every script prefix."""

from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix

from ipguard.core.templatetags.nav import path

TEMPLATE = engines["django"].from_string("{% load nav %}{% path 'portfolio:asset_list' %}")


def test_a_path_is_the_reversed_url():
    assert TEMPLATE.render({}) == reverse("portfolio:asset_list") == "/portfolio/"


def test_a_path_follows_the_script_prefix_of_the_deployment():
    assert path("core:dashboard") == "/dashboard/"
    set_script_prefix("/ipguard/")
    try:
        assert path("core:dashboard") == reverse("core:dashboard") == "/ipguard/dashboard/"
    finally:
        clear_script_prefix()
    assert path("core:dashboard") == "/dashboard/"
