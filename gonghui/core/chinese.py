"""Chinese text helpers: traditional→simplified, pinyin initials for search."""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=1)
def _t2s():
    # Imported on first use: OpenCC loads its dictionaries (start-up cost).
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters are accepted everywhere; stored and searched text is simplified."""
    if not text:
        return text
    return _t2s().convert(text)


def pinyin_initials(text: str) -> str:
    """张建华 → zjh; letters and digits pass through in lower case."""
    if not text:
        return ""
    parts = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(p[0] for p in parts if p and p[0].isalnum()).lower()


def is_pinyin_query(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()
