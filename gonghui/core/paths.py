"""Range arithmetic of materialised paths (digit strings): the subtree under a path is one
indexed range `path >= P AND path < successor(P)`. Records and audit entries keep a copy of
their organisation's path (`org_path`), so core can scope them without knowing the tree."""


def successor(path: str) -> str:
    """The smallest string of the same length above every path that starts with `path`."""
    return str(int(path) + 1).zfill(len(path))


def subtree_range(path: str) -> tuple[str, str]:
    return path, successor(path)
