"""Filters for the portfolio templates."""

from django import template

from ipguard.lib.i18n import translate_stored

register = template.Library()
register.filter("translated", translate_stored)
