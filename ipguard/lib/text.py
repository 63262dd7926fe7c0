"""Small text helpers for sentences built around names."""

import re

_DOUBLE_STOP = re.compile(r"(\w)\.\.(?=\s|$)")


def single_full_stop(sentence: str) -> str:
    """A name ending in a full stop ("Co., Ltd.") at the end of a sentence gives "Ltd..":
    keep one stop. Other languages' own stops ("Ltd.。") are left alone."""
    return _DOUBLE_STOP.sub(r"\1.", sentence)


# Chinese and Japanese sentences end in a full-width mark and run on without a space.
_CJK_SENTENCE_END = ("。", "！", "？", "；", "：", "）")


def join_sentences(sentences) -> str:
    """Sentences as one paragraph: a space after an English sentence, none after a Chinese one
    (a template's line break between two translated sentences shows as a stray space in Chinese).
    Empty sentences are left out."""
    text = ""
    for sentence in (s.strip() for s in sentences):
        if not sentence:
            continue
        if text and not text.endswith(_CJK_SENTENCE_END):
            text += " "
        text += sentence
    return text
