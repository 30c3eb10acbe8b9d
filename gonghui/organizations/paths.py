"""Materialised paths: each node's path is its ancestors' ids, fixed-width base 36, each + '/'.

A subtree is then one indexed range `path >= P AND path < P + '~'` on SQLite and PostgreSQL
alike ('~' sorts after every character a path uses).
"""

SEGMENT_WIDTH = 7
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
UPPER_BOUND = "~"


def segment(pk: int) -> str:
    if pk < 0:
        raise ValueError("ids are positive")
    digits = []
    n = pk
    while n:
        n, r = divmod(n, 36)
        digits.append(_ALPHABET[r])
    return "".join(reversed(digits)).rjust(SEGMENT_WIDTH, "0") + "/"


def child_path(parent_path: str, pk: int) -> str:
    return f"{parent_path}{segment(pk)}"


def depth_of(path: str) -> int:
    return path.count("/")


def ids_in(path: str) -> list[int]:
    return [int(seg, 36) for seg in path.split("/") if seg]


def subtree_range(path: str) -> tuple[str, str]:
    return path, path + UPPER_BOUND
