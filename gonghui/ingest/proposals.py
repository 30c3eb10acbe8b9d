"""Pure rules turning a report's facts into proposed activity and ledger entries."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .lexicon import unit_class

# Activity type codes (activities app) guessed from words in the sentence, first match wins.
TYPE_WORDS = [
    ("online_quiz", ("线上答题", "知识竞答", "网上答题", "答题")),
    ("sports", ("运动会", "健步走", "趣味运动")),
    ("moral_forum", ("道德讲堂",)),
    ("lecture", ("讲座",)),
    ("preaching", ("宣讲",)),
    ("contest", ("比赛", "大赛", "竞赛", "演讲", "歌手", "演出")),
    ("reading", ("读书", "阅读", "书屋", "捐书", "图书")),
    ("selection", ("评选", "表彰", "命名", "选树", "推荐")),
    ("condolence", ("慰问", "送温暖", "帮扶", "救助", "助学", "补助")),
    ("volunteer", ("志愿", "敲门行动", "微心愿", "劝导")),
    ("training", ("培训", "轮训")),
    ("publicity", ("宣传", "教育活动")),
]
_SENTENCE_RE = re.compile(r"[^。;；!?！？\n]+[。;；!?！？]?")
ITEM_UNITS = {"本", "件", "份", "张"}
# Further goods counted as items of an activity (books, boxes, sets of things handed out).
GOODS_ITEM_UNITS = {"册", "箱", "套", "袋", "瓶", "盒", "床", "只"}
# A document yields at most this many activity proposals; the rest are named in a notice.
MAX_ACTIVITY_PROPOSALS = 50

# Activity names: what follows a verb of holding, up to the last activity noun in the clause.
_ACTIVITY_NOUNS = (
    "活动|运动会|比赛|大赛|竞赛|竞答|讲座|讲堂|培训班|培训|宣讲|分享会|读书会|报告会|座谈会|"
    "演讲|评选|表彰|慰问|行动|仪式|晚会|展览|答题|帮扶|助学|义诊|捐赠|筛查|送温暖"
)
_HOLD_VERBS = "组织开展|开展了|开展|举办了|举办|举行了|举行|启动了|启动|召开了|召开"
_NAME_RE = re.compile(
    rf"(?:{_HOLD_VERBS})(?P<name>[^,，。;；:：!?！？()（）\n]{{1,40}}(?:{_ACTIVITY_NOUNS}))"
)
_CLAUSE_RE = re.compile(r"[^,，。;；:：!?！？\n]+")
_ACTION_VERBS = "走访|慰问|组织|开展|举办|筹集|筹措|发放|投入|资助|为|向|对|在|共|累计|还|已|先后"
_LEADING_RE = re.compile(
    r"^(?:[0-9０-９]+[、.．]|其中|同时|此外|另外|并|还|又|已|共|累计|全年|今年|目前|截至目前|期间|"
    r"此次|年初以来|今年以来|据了解|活动中|会上|当天|现场|"
    rf"[\u4e00-\u9fff、]{{0,10}}?(?:工会|工委|委员会|部)(?=(?:{_ACTION_VERBS})))+"
)
_PAIRS = {"“": "”", "《": "》", "(": ")", "（": "）", "「": "」"}
# Names used when a sentence offers no clean phrase: the kind of activity it reports.
TYPE_TITLES = {
    "online_quiz": "线上答题活动",
    "sports": "职工运动会",
    "moral_forum": "道德讲堂",
    "lecture": "专题讲座",
    "preaching": "宣讲活动",
    "contest": "比赛活动",
    "reading": "读书活动",
    "selection": "评选表彰",
    "condolence": "慰问帮扶",
    "volunteer": "志愿服务活动",
    "training": "培训活动",
    "publicity": "宣传教育活动",
}
_NUMBERISH_RE = re.compile(
    r"[0-9０-９.,，%余多近约逾超万亿千百十]+(?:[个名人次场元家户本件份张期位]+)?"
)


@dataclass
class Draft:
    kind: str
    title: str
    activity_type_code: str = ""
    metrics: dict = field(default_factory=dict)
    fact_indexes: list[int] = field(default_factory=list)
    excerpt: str = ""


@dataclass
class Drafts:
    drafts: list[Draft]
    notices: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.drafts)


def guess_type(sentence: str) -> str:
    for code, words in TYPE_WORDS:
        if any(word in sentence for word in words):
            return code
    return ""


# --- metrics ------------------------------------------------------------------------------


def metric_of(fact: dict, *, activity_type_code: str = "") -> str | None:
    """The activities app's metric a fact counts toward, or None (rates, per-head figures),
    chosen by the class of its measure word in the lexicon (data/measure_words.tsv)."""
    unit, quote = fact["unit"], fact.get("subject", "")
    kind = fact.get("unit_class") or unit_class(unit)
    if fact.get("per") or kind == "percentage":
        return None
    if kind == "money":
        return "money"
    if kind == "attendance":
        return "attendances"
    if unit in ("个", "名") and activity_type_code == "selection":
        return "awards"
    if kind == "person":
        return "participants"
    if unit in ("场", "场次", "期"):
        return "sessions"
    if unit == "次" and any(w in quote for w in ("浏览", "点击", "阅读", "观看")):
        return "reach"
    if unit == "个" and "项目" in quote:
        return "sessions"
    if kind == "goods" and unit in ITEM_UNITS | GOODS_ITEM_UNITS:
        return "items"
    return None


def counted_thing(fact: dict) -> str:
    """What a fact counts, for deciding whether two facts may be added up."""
    return re.sub(r"\s+", "", fact.get("subject") or "")


@dataclass(frozen=True)
class MetricSource:
    """For one metric: the facts added into it, and those left out as counting something else."""

    used: tuple[int, ...]
    left_out: tuple[int, ...]


def assign_metrics(
    facts: list[dict], indexes: list[int], *, activity_type_code: str = ""
) -> tuple[dict, dict[str, MetricSource]]:
    """Metrics (the activities app's field names; money in 元) and where each came from.

    Facts add up into one metric only when they have the same unit and count the same thing
    (“慰问职工120人、劳模15人” is two counts, not 135 people): the first counted thing found
    for a metric is used, facts counting anything else are kept aside for the reviewer.
    """
    metrics: dict = {}
    chosen: dict[str, tuple[str, str]] = {}
    used: dict[str, list[int]] = {}
    left: dict[str, list[int]] = {}
    # A round figure in words (上万人, 数以千计的职工) is only a magnitude: it gives a metric no
    # written figure gives, and is never added to written figures (exact ones are read first).
    for index in sorted(indexes, key=lambda i: bool(facts[i].get("approximate"))):
        fact = facts[index]
        name = metric_of(fact, activity_type_code=activity_type_code)
        if name is None:
            continue
        key = (fact["unit"], counted_thing(fact))
        if name not in chosen:
            chosen[name] = key
        elif chosen[name] != key or not key[1] or fact.get("approximate"):
            left.setdefault(name, []).append(index)
            continue
        value = fact["value"] if name == "money" else int(fact["value"])
        metrics[name] = metrics.get(name, 0) + value
        used.setdefault(name, []).append(index)
        if name == "items":
            metrics.setdefault("items_unit", fact["unit"])
    sources = {
        name: MetricSource(tuple(used.get(name, ())), tuple(left.get(name, ())))
        for name in used.keys() | left.keys()
    }
    return metrics, sources


def metrics_from_facts(facts: list[dict], *, activity_type_code: str = "") -> dict:
    metrics, _sources = assign_metrics(
        facts, list(range(len(facts))), activity_type_code=activity_type_code
    )
    return metrics


# --- titles -------------------------------------------------------------------------------


def _clip(text: str, limit: int = 60) -> str:
    text = text.strip(" ,，。;；")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tidy(name: str) -> str:
    name = name.strip(" ,，。;；、:：")
    # A name holding a second verb of holding ("宣传部开展读书活动") starts after it.
    inner = list(re.finditer(_HOLD_VERBS, name))
    if inner:
        name = name[inner[-1].end() :]
    name = re.sub(r"^(?:了|以|在|各类|一系列|系列)", "", name)
    return name.strip()


def _balanced(text: str) -> bool:
    depth: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            depth.append(_PAIRS[ch])
        elif ch in _PAIRS.values() and (not depth or depth.pop() != ch):
            return False
    return not depth


def _clean_phrase(text: str) -> str:
    """A phrase fit to be a name: CJK spaces closed up, stray brackets at its ends dropped;
    "" when it still has unbalanced quotes or brackets or starts with a particle."""
    text = text.strip(" ,，、:：;；·")
    while text and text[-1] in ")）" and not _balanced(text):
        text = text[:-1]
    while text and text[0] in "(（" and not _balanced(text):
        text = text[1:]
    if not text or not _balanced(text) or text[0] in "的之和与及等各":
        return ""
    return text


def activity_name(text: str) -> str:
    """The name of the activity a sentence (or a document title) reports, or ""."""
    for match in _NAME_RE.finditer(text):
        name = _tidy(match.group("name"))
        # The noun may end inside a quoted name: “道德讲堂” keeps its closing mark.
        following = text[match.end() : match.end() + 1]
        if following in _PAIRS.values() and not _balanced(name):
            name += following
        name = _clean_phrase(name)
        if 2 <= len(name) <= 40 and not re.search(r"\d", name):
            return name
    return ""


def _summary_title(sentence: str, facts: list[dict], start: int) -> str:
    """A short verb phrase from the clause holding the first fact, figures taken out:
    “为43名困难职工子女发放助学金12.9万元” → “为困难职工子女发放助学金”."""
    first = facts[0]
    for clause in _CLAUSE_RE.finditer(sentence):
        if clause.start() <= first["start"] - start < clause.end():
            text = clause.group(0)
            break
    else:
        text = sentence
    for fact in facts:
        text = text.replace(fact.get("quote", ""), "\0")
    # Figures are taken out with the spaces around them ("为 115名特困劳模" → "为特困劳模").
    text = re.sub(r"\s*\x00\s*", "", _NUMBERISH_RE.sub("\0", text))
    text = _clean_phrase(_LEADING_RE.sub("", text.strip()))
    return text if 4 <= len(text) <= 30 else ""


def title_for(sentence: str, facts: list[dict], *, start: int, code: str, fallback: str) -> str:
    """A clean name, never a clipped sentence: the activity's own name, else a short phrase
    of what was done, else the document title's activity, else the kind of activity."""
    return (
        activity_name(sentence)
        or _summary_title(sentence, facts, start)
        or fallback
        or TYPE_TITLES.get(code, "")
        or _("活动")
    )


# --- drafts -------------------------------------------------------------------------------


def draft_proposals(text: str, facts: list[dict], *, title: str) -> Drafts:
    """One activity draft per sentence that has facts and names an activity (at most
    MAX_ACTIVITY_PROPOSALS), plus one ledger draft for the whole document with every fact,
    the document itself being the evidence."""
    drafts: list[Draft] = []
    notices: list[str] = []
    title_name = activity_name(title)
    title_code = guess_type(title)
    title_used = False
    position = 0
    skipped = 0
    for sentence in _SENTENCE_RE.finditer(text):
        start, end = sentence.span()
        indexes = []
        while position < len(facts) and facts[position]["start"] < end:
            if facts[position]["start"] >= start:
                indexes.append(position)
            position += 1
        if not indexes:
            continue
        code = guess_type(sentence.group(0))
        if not code:
            continue
        if len(drafts) >= MAX_ACTIVITY_PROPOSALS:
            skipped += 1
            continue
        chosen = [facts[i] for i in indexes]
        fallback = ""
        if title_name and code == title_code and not title_used:
            fallback, title_used = title_name, True
        metrics, _sources = assign_metrics(facts, indexes, activity_type_code=code)
        drafts.append(
            Draft(
                kind="activity",
                title=title_for(
                    sentence.group(0), chosen, start=start, code=code, fallback=fallback
                ),
                activity_type_code=code,
                metrics=metrics,
                fact_indexes=indexes,
                excerpt=sentence.group(0).strip(),
            )
        )
    if skipped:
        notices.append(
            _("可登记的活动超过 %(max)s 项，只生成了前 %(max)s 项建议，另有 %(n)s 项未生成")
            % {"max": MAX_ACTIVITY_PROPOSALS, "n": skipped}
        )
    if facts:
        drafts.append(
            Draft(
                kind="ledger",
                title=_clip(title or _("导入资料"), 60),
                metrics={"facts": len(facts)},
                fact_indexes=list(range(len(facts))),
                excerpt=_clip(text, 200),
            )
        )
    return Drafts(drafts, notices)
