"""Normalisation of messy Chinese pages: decoding, pinyin-insertion repair, simplification,
width folding and boilerplate removal, with a map from every output offset back to the input."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gonghui.core.chinese import to_simplified
from gonghui.core.exceptions import DomainError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


class DocumentError(DomainError):
    """A document cannot be read as text; the message says why in plain words."""


# --- Decoding -----------------------------------------------------------------------------


_BINARY_SIGNATURES = {
    b"%PDF": gettext_lazy("PDF 文件"),
    b"PK\x03\x04": gettext_lazy("压缩包或 Office 文件"),
    b"\xd0\xcf\x11\xe0": gettext_lazy("旧版 Office（.doc/.xls）文件"),
    b"\x89PNG": gettext_lazy("PNG 图片"),
    b"\xff\xd8\xff": gettext_lazy("JPEG 图片"),
    b"GIF8": gettext_lazy("GIF 图片"),
}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_bytes(data: bytes, *, name: str = "", max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Bytes of a text document → str; UTF-8 (with or without BOM), UTF-16, GB18030 or Big5."""
    name = name or pgettext("a document without a name", "文件")
    if not data:
        raise DocumentError(_("%(name)s是空文件，没有可读取的内容") % {"name": name}, code="empty")
    if len(data) > max_bytes:
        raise DocumentError(
            _("%(name)s超过大小限制（最大 %(size)s MB）")
            % {"name": name, "size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                _("%(name)s的 UTF-16 编码已损坏，无法读取") % {"name": name}, code="encoding"
            ) from exc
    for signature, label in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(
                _("%(name)s是%(label)s，不是文本文件") % {"name": name, "label": label},
                code="binary",
            )
    head = data[:8192]
    if b"\x00" in head or sum(head.count(c) for c in _CONTROL_BYTES) > len(head) // 20:
        raise DocumentError(
            _("%(name)s看起来是二进制文件，不是文本文件") % {"name": name}, code="binary"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = None, -1.0
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0.6:
        raise DocumentError(
            _("%(name)s的文字编码无法识别（支持 UTF-8、GBK/GB18030、Big5），请另存为 UTF-8 后重试")
            % {"name": name},
            code="encoding",
        )
    return best


def _plausibility(text: str) -> float:
    """Share of CJK characters that are common simplified (GB2312) or known traditional ones."""
    sample = text[:4000]
    cjk = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 1.0
    trad = _tables().trad_chars
    known = 0
    for ch in cjk:
        if ch in trad:
            known += 1
            continue
        try:
            ch.encode("gb2312")
            known += 1
        except UnicodeEncodeError:
            pass
    return known / len(cjk)


# --- Traditional → simplified, fast path ----------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    char_map: dict[int, str]
    trad_chars: frozenset[str]
    phrase_re: re.Pattern


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    # Imported on first use: OpenCC loads its dictionaries (start-up cost).
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    char_map: dict[int, str] = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        first = value.split(" ")[0]
        if len(key) == 1 and first and first != key:
            char_map[ord(key)] = first
    phrases = [
        line.partition("\t")[0]
        for line in (folder / "TSPhrases.txt").read_text(encoding="utf-8").splitlines()
        if line
    ]
    phrases.sort(key=len, reverse=True)
    trad = frozenset(chr(k) for k in char_map)
    return _Tables(
        char_map=char_map,
        trad_chars=trad,
        # The lookahead on first characters lets the scan skip most positions at C speed.
        phrase_re=re.compile(
            "(?=["
            + re.escape("".join(sorted({p[0] for p in phrases})))
            + "])(?:"
            + "|".join(re.escape(p) for p in phrases)
            + ")"
        ),
    )


def simplify(text: str) -> str:
    """Same result as `to_simplified`, character-wise where no phrase rule can apply.

    OpenCC's pure-Python converter costs milliseconds per page; most lines either have no
    traditional character at all or convert character by character, so only lines holding a
    phrase entry go through the full converter.
    """
    tables = _tables()
    has_phrase = tables.phrase_re.search(text) is not None
    if not has_phrase and tables.trad_chars.isdisjoint(text):
        return text
    if not has_phrase:
        return text.translate(tables.char_map)
    return "".join(
        to_simplified(line) if tables.phrase_re.search(line) else line.translate(tables.char_map)
        for line in text.splitlines(keepends=True)
    )


# --- Pinyin insertions ---------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(rf"(?:(?<=[{CJK}])[(（]|\?)([a-zA-Zü{_TONED}]{{1,6}})[)）]")


def _toneless(syllable: str) -> str:
    stripped = unicodedata.normalize("NFD", syllable.lower())
    return "".join(ch for ch in stripped if not unicodedata.combining(ch)).replace("ü", "u")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    # pypinyin's full dictionary is large; loaded only when needed (start-up cost).
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(_toneless(reading))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    # pypinyin's full dictionary is large; loaded only when needed (start-up cost).
    from pypinyin.pinyin_dict import pinyin_dict

    simplified = simplify(char)
    readings = set()
    for ch in {char, simplified}:
        raw = pinyin_dict.get(ord(ch))
        if raw:
            readings.update(_toneless(r) for r in raw.split(","))
    return frozenset(readings)


def _is_insertion(match: re.Match, text: str) -> bool:
    swallowed = match.group(0).startswith("?")
    return _judge_insertion(match.group(1), "" if swallowed else text[match.start() - 1])


@lru_cache(maxsize=8192)
def _judge_insertion(syllable: str, previous: str) -> bool:
    plain = _toneless(syllable)
    if plain not in _syllables():
        return False
    has_tone = any(ch in _TONED for ch in syllable.lower())
    if not previous:
        # "?bào)": mojibake swallowed a character and the opening bracket.
        return has_tone
    readings = _readings(previous)
    if plain in readings:
        return True
    # A toned syllable after a character the dictionary does not know is still corruption;
    # an untoned one (a, an, e …) could be a genuine bracketed Latin note.
    return has_tone and not readings


def pinyin_insertions(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin inserted after characters (`機(jī)關(guān)`), never genuine brackets."""
    if "(" not in text and "（" not in text and "?" not in text:
        return []
    return [(m.start(), m.end()) for m in _PINYIN_RE.finditer(text) if _is_insertion(m, text)]


# --- Width folding -------------------------------------------------------------------------

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: 0x20,
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x0009: 0x20,
        0x2013: 0x2D,
        0x2212: 0x2D,
        0xFE63: 0x2D,
        0xFE6A: 0x25,
        0x2236: 0x3A,
    }
)
_FOLD_CHARS = frozenset(chr(code) for code in _FOLD)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\r]")


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; odd spaces and dashes unified."""
    if _FOLD_CHARS.isdisjoint(text):
        return text
    return text.translate(_FOLD)


# --- Boilerplate ---------------------------------------------------------------------------

_FOOTER_RE = re.compile(
    r"联系我们|网站地图|返回顶部|设为首页|加入收藏|版权所有|版权声明|copyright|©|备案号|"
    r"icp备|icp证|公网安备|技术支持|网站维护|责任编辑|相关链接|相关阅读|相关新闻|相关文章|"
    r"媒体矩阵|扫码关注|扫一扫|关于我们|举报电话|不良信息|all rights reserved|主办单位|"
    r"^主办[:：]|^承办[:：]|^标签[:：]|^上一篇|^下一篇|打印本页|关闭窗口|^分享到|^打印页面|"
    r"^当前位置|^您的位置|^您现在的位置|首页\s*>|欢迎您|欢迎访问|欢迎光临|^地址[:：]|邮编[:：]|"
    r"^电话[:：]|^传真[:：]|^e-?mail|^邮箱[:：]|^来源[:：]\s*https?:|^文章来源[:：]\s*https?:|"
    r"^原文链接|^本文链接|^手机版|^微信扫一扫|^【?字号|^【?字体",
    re.IGNORECASE,
)
_STRONG_FOOTER_RE = re.compile(
    r"联系我们|网站地图|版权所有|版权声明|copyright|备案号|icp备|责任编辑|相关链接|相关阅读|"
    r"相关新闻|媒体矩阵|扫码关注|关于我们|^标签[:：]|^上一篇|^下一篇",
    re.IGNORECASE,
)
_IMAGE_RE = re.compile(
    r"^(?:img|dsc|dscn|image|photo|wx_camera|mmexport)[_\-]?\d+|\.(?:jpe?g|png|gif|bmp|webp)$",
    re.IGNORECASE,
)
# A site's top banner (长治工会网 | …主办 | 2019年9月3日 星期二 | 设为首页 加入收藏): these words
# are never in an article, wherever they stand on a line that is not a sentence.
_BANNER_RE = re.compile(r"设为首页|加入收藏|收藏本站|欢迎(?:您|访问|光临)|无障碍浏览|繁体版|简体版")
_SYMBOLS_RE = re.compile(rf"^[^{CJK}0-9A-Za-z]*$")
_NAV_TOKEN_RE = re.compile(rf"^[{CJK}A-Za-z]{{2,8}}$")
_SENTENCE_END_RE = re.compile(r"[。!?;；！？]")


def _is_nav(line: str) -> bool:
    tokens = line.replace("|", " ").replace("•", " ").split()
    return len(tokens) >= 3 and all(_NAV_TOKEN_RE.match(t) for t in tokens)


def boilerplate_lines(lines: list[str]) -> set[int]:
    """Indexes of navigation, share bars, footers, contact blocks and image file captions."""
    dropped: set[int] = set()
    in_footer = False
    total = sum(len(line) + 1 for line in lines)
    position = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        past_half = position * 2 >= total
        position += len(raw) + 1
        if not line:
            continue
        long_line = len(line) > 40
        # An article sentence that merely mentions 联系我们 or 相关新闻 stays: on long lines only
        # a keyword at the very start counts.
        footer = _FOOTER_RE.search(line[:12] if long_line else line) or (
            _BANNER_RE.search(line) and not _SENTENCE_END_RE.search(line)
        )
        image = not long_line and _IMAGE_RE.search(line)
        if footer or image or _SYMBOLS_RE.match(line):
            dropped.add(index)
            if past_half and _STRONG_FOOTER_RE.search(line):
                in_footer = True
            continue
        if _is_nav(line):
            dropped.add(index)
            continue
        if in_footer and not long_line:
            # Footers carry short link labels and app promos; an article paragraph ends it.
            if not _SENTENCE_END_RE.search(line):
                dropped.add(index)
            else:
                in_footer = False
        elif in_footer:
            in_footer = False
    return dropped


# --- The normaliser ------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the offset in the original."""

    text: str
    original: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced text[start:end]."""
        if not self.text or start >= end:
            anchor = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return anchor, anchor
        first = self.offsets[start]
        last = self.offsets[end - 1]
        # The last character may have been followed by a removed insertion; stop before it.
        return first, last + 1

    def original_text(self, start: int, end: int) -> str:
        first, last = self.original_span(start, end)
        return self.original[first:last]


def _delete(text: str, offsets: list[int], spans: list[tuple[int, int]]):
    if not spans:
        return text, offsets
    parts, kept, last = [], [], 0
    for start, end in spans:
        parts.append(text[last:start])
        kept.extend(offsets[last:start])
        last = end
    parts.append(text[last:])
    kept.extend(offsets[last:])
    return "".join(parts), kept


def _simplify_mapped(text: str, offsets: list[int]):
    converted = simplify(text)
    if len(converted) == len(text):
        return converted, offsets
    # A phrase rule changed the length somewhere: redo line by line, spreading each changed
    # line over its original offsets.
    parts, mapped, position = [], [], 0
    for line in text.splitlines(keepends=True):
        new = simplify(line)
        span = offsets[position : position + len(line)]
        if len(new) == len(line):
            mapped.extend(span)
        else:
            mapped.extend(
                span[min(i * len(line) // max(len(new), 1), len(span) - 1)] for i in range(len(new))
            )
        parts.append(new)
        position += len(line)
    return "".join(parts), mapped


_SPACES_RE = re.compile(r"[ ]{2,}")


def normalize(original: str, *, drop_boilerplate: bool = True) -> NormalizedText:
    """Repair, simplify and clean a page; see `NormalizedText.original_span` for provenance."""
    text = original
    offsets = list(range(len(original)))
    text, offsets = _delete(text, offsets, [m.span() for m in _INVISIBLE_RE.finditer(text)])
    text, offsets = _delete(text, offsets, pinyin_insertions(text))
    text = fold(text)
    text, offsets = _simplify_mapped(text, offsets)

    lines = text.split("\n")
    dropped = boilerplate_lines(lines) if drop_boilerplate else set()
    # Kept lines as (content start, content end, newline position); everything else goes,
    # except one newline between consecutive kept lines.
    kept: list[tuple[int, int, int]] = []
    collapse: list[tuple[int, int]] = []
    position = 0
    for index, line in enumerate(lines):
        line_end = position + len(line)
        stripped = line.strip()
        if index not in dropped and stripped:
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            kept.append((position + lead, line_end - trail, line_end))
            for m in _SPACES_RE.finditer(line, lead, len(line) - trail):
                collapse.append((position + m.start() + 1, position + m.end()))
        position = line_end + 1
    spans: list[tuple[int, int]] = []
    cursor = 0
    for number, (start, end, newline) in enumerate(kept):
        if number == 0:
            spans.append((0, start))
        else:
            spans.append((cursor, start))
        spans.append((end, newline))
        cursor = newline + 1
    spans.append((cursor, len(text)) if kept else (0, len(text)))
    spans = _merge(spans + collapse, len(text))
    text, offsets = _delete(text, offsets, spans)
    if text.endswith("\n"):
        text, offsets = text[:-1], offsets[:-1]
    return NormalizedText(text=text, original=original, offsets=tuple(offsets))


def _merge(spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(limit, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
