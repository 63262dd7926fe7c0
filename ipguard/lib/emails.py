"""One helper renders and sends every email: subject, plain text and HTML, in one language.

Templates are `emails/<name>-subject.txt`, `emails/<name>-body.txt` and `emails/<name>-body.html`.
The subject and the plain-text part are rendered without HTML escaping (a mail client shows
"Smith & Sons", not "Smith &amp; Sons"); the HTML part is escaped as every page is.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_plain_text(template_name, context) -> str:
    """Render a .txt template with autoescaping off: its output is never read as HTML."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render_email(name, context, *, language):
    """Return (subject, text, html) rendered in `language`."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_plain_text(f"emails/{name}-subject.txt", context)
        text = render_plain_text(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    return " ".join(subject.split()), text, html


def build_email(name, to, context, *, language, headers=None):
    subject, text, html = render_email(name, context, language=language)
    recipients = [to] if isinstance(to, str) else list(to)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, recipients, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def send_email(name, to, context, *, language, headers=None):
    message = build_email(name, to, context, language=language, headers=headers)
    message.send()
    return message
