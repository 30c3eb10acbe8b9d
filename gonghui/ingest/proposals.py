"""Pure rules turning a report's facts into proposed activity and ledger entries."""

import re
from dataclasses import dataclass, field

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


@dataclass
class Draft:
    kind: str
    title: str
    activity_type_code: str = ""
    metrics: dict = field(default_factory=dict)
    fact_indexes: list[int] = field(default_factory=list)
    excerpt: str = ""


def guess_type(sentence: str) -> str:
    for code, words in TYPE_WORDS:
        if any(word in sentence for word in words):
            return code
    return ""


def _add(metrics: dict, name: str, value) -> None:
    metrics[name] = metrics.get(name, 0) + value


def metrics_from_facts(facts: list[dict], *, activity_type_code: str = "") -> dict:
    """Activity metrics (the activities app's field names; money in 元) from facts."""
    metrics: dict = {}
    for fact in facts:
        unit, value, quote = fact["unit"], fact["value"], fact.get("subject", "")
        if fact.get("per") or unit == "%":
            continue
        if unit == "元":
            _add(metrics, "money", value)
        elif unit == "人次":
            _add(metrics, "attendances", int(value))
        elif unit in ("人", "名", "位"):
            _add(metrics, "participants", int(value))
        elif unit in ("场", "场次", "期"):
            _add(metrics, "sessions", int(value))
        elif unit == "次" and any(w in quote for w in ("浏览", "点击", "阅读", "观看")):
            _add(metrics, "reach", int(value))
        elif unit == "个" and "项目" in quote:
            _add(metrics, "sessions", int(value))
        elif unit in ("个", "名") and activity_type_code == "selection":
            _add(metrics, "awards", int(value))
        elif unit in ITEM_UNITS:
            _add(metrics, "items", int(value))
            metrics.setdefault("items_unit", unit)
    return metrics


def _clip(text: str, limit: int = 60) -> str:
    text = text.strip(" ,，。;；")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draft_proposals(text: str, facts: list[dict], *, title: str) -> list[Draft]:
    """One activity draft per sentence that has facts and names an activity, plus one ledger
    draft for the whole document with every fact, the document itself being the evidence."""
    drafts: list[Draft] = []
    for sentence in _SENTENCE_RE.finditer(text):
        start, end = sentence.span()
        indexes = [i for i, f in enumerate(facts) if start <= f["start"] < end]
        if not indexes:
            continue
        code = guess_type(sentence.group(0))
        if not code:
            continue
        chosen = [facts[i] for i in indexes]
        drafts.append(
            Draft(
                kind="activity",
                title=_clip(sentence.group(0), 40),
                activity_type_code=code,
                metrics=metrics_from_facts(chosen, activity_type_code=code),
                fact_indexes=indexes,
                excerpt=sentence.group(0).strip(),
            )
        )
    if facts:
        drafts.append(
            Draft(
                kind="ledger",
                title=_clip(title or "导入资料", 60),
                metrics={"facts": len(facts)},
                fact_indexes=list(range(len(facts))),
                excerpt=_clip(text, 200),
            )
        )
    return drafts
