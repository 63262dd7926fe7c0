"""Bilingual content stored side by side: {"en": ..., "zh_hans": ...}."""

from django.utils import translation


def content_language(language=None):
    """Map a Django language code (en, zh-hans) to the key used in bilingual content."""
    code = (language or translation.get_language() or "en").lower()
    return "zh_hans" if code.startswith("zh") else "en"


def pick(texts, language=None):
    """The text in the requested (or active) language, falling back to English."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    return texts.get(content_language(language)) or texts.get("en") or ""


def translate_stored(message):
    """A stored English text from a catalogue-marked table (a deadline rule's label or note)
    in the active language.

    Unlike `{% translate variable %}`, which looks the text up with its percent signs doubled,
    this finds catalogue entries for texts such as "Grace renewals cost 25% more."
    """
    return translation.gettext(message) if message else ""
