"""Materialised paths: a node's path is its ancestors' ids and its own, 8 decimal digits each.

Digits only, so every database collation orders paths exactly as bytes, and a subtree is one
indexed range `path >= P AND path < successor(P)` on SQLite and PostgreSQL alike (the range
arithmetic is core's, shared with the audit log).
"""

from gonghui.core.paths import subtree_range, successor

__all__ = ["child_path", "depth_of", "ids_in", "segment", "subtree_range", "successor"]

SEGMENT_WIDTH = 8
# One below the largest 8-digit number, so no path is all nines and successor() keeps its width.
MAX_ID = 10**SEGMENT_WIDTH - 2


def segment(pk: int) -> str:
    if not 0 < pk <= MAX_ID:
        raise ValueError(f"organisation ids must be between 1 and {MAX_ID}")
    return f"{pk:0{SEGMENT_WIDTH}d}"


def child_path(parent_path: str, pk: int) -> str:
    return f"{parent_path}{segment(pk)}"


def depth_of(path: str) -> int:
    return len(path) // SEGMENT_WIDTH


def ids_in(path: str) -> list[int]:
    return [int(path[i : i + SEGMENT_WIDTH]) for i in range(0, len(path), SEGMENT_WIDTH)]
