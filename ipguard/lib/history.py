"""History entries stored as a code and its parameters, worded in the reader's language.

A service records what happened (`"status_changed"`, `{"status": "done"}`), never a sentence:
a Chinese editor's change then reads in English to an English reader. Each app keeps a table of
its codes (`Message`s); a row renders with `render_message` at read time. Parameters are stored
language-free: dates as ISO strings, choices as their stored value (shown as the choice's label),
catalogue-marked texts (a deadline rule's label) in English, names as they are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from ipguard.lib.i18n import translate_stored


@dataclass(frozen=True)
class Message:
    text: str  # a gettext_noop'd English text with %(name)s placeholders
    choices: dict = field(default_factory=dict)  # parameter -> TextChoices (value shown as label)
    stored_texts: tuple[str, ...] = ()  # parameters that are catalogue-marked English texts


def render_message(messages: dict[str, Message], code: str, params: dict, fallback: str) -> str:
    """The entry in the active language; `fallback` (stored text) for an unknown code."""
    message = messages.get(code)
    if message is None:
        return fallback
    values = {}
    for name, value in (params or {}).items():
        if name in message.choices:
            value = str(message.choices[name](value).label)
        elif name in message.stored_texts:
            value = translate_stored(value)
        values[name] = value
    try:
        return gettext(message.text) % values
    except (KeyError, ValueError, TypeError):  # parameters from an older wording
        return fallback or gettext(message.text)
