"""Ticket numbers a worker can read out on the phone: random (not sequential, so one ticket
says nothing about another), from an alphabet without 0/O or 1/I/L, with a check character
that catches a mistyped or swapped character before any database lookup."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: a prime, so the check sees swaps
BODY_LENGTH = 9
LENGTH = BODY_LENGTH + 1


def check_character(body: str) -> str:
    total = sum((i + 1) * ALPHABET.index(ch) for i, ch in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_ticket() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def with_check(body: str) -> str:
    """A fixed ticket (demo data) from a body of the alphabet's characters."""
    body = body.upper()
    if len(body) != BODY_LENGTH or any(ch not in ALPHABET for ch in body):
        raise ValueError("a ticket body is 9 characters of the alphabet")
    return body + check_character(body)


def normalise(value: str) -> str:
    """What a worker typed, as stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch not in " -_\t")[:20]


def is_well_formed(value: str) -> bool:
    if len(value) != LENGTH or any(ch not in ALPHABET for ch in value):
        return False
    return check_character(value[:BODY_LENGTH]) == value[-1]
