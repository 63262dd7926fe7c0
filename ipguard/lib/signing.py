"""Signed, expiring tokens for links that work without a session (invitations, email actions)."""

from datetime import timedelta

from django.core import signing


class InvalidToken(Exception):
    """The link was altered, belongs to something else, or has expired."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def make_token(payload, *, salt):
    return signing.dumps(payload, salt=salt, compress=True)


def read_token(token, *, salt, max_age: timedelta):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except signing.BadSignature as error:
        raise InvalidToken("invalid") from error
