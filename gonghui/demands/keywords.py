"""Hot topics: the keywords of many short summaries (jieba's TF-IDF), with their counts."""

import logging
import re
from collections import Counter

import jieba
import jieba.analyse

jieba.setLogLevel(logging.WARNING)

# Words every demand uses; they say nothing about what workers raise.
STOP_WORDS = {
    "职工",
    "工会",
    "公司",
    "单位",
    "问题",
    "反映",
    "要求",
    "咨询",
    "希望",
    "情况",
    "没有",
    "怎么",
    "怎么办",
    "什么",
    "需要",
    "不给",
    "已经",
    "申请",
}
# Terms of labour disputes kept whole (jieba would split 拖欠工资 into 拖欠 + 工资).
TERMS = [
    "拖欠工资",
    "加班费",
    "工伤认定",
    "社会保险",
    "劳动合同",
    "经济补偿",
    "试用期",
    "职业病",
    "法律援助",
    "帮扶救助",
    "劳动仲裁",
    "防护用品",
    "联合工会",
]
for term in TERMS:
    jieba.add_word(term, freq=20000)
# Amounts and spans of time: 三个, 两个月, 3个月 say how much, not what about.
QUANTITY = re.compile(r"^[0-9一二两三四五六七八九十百几半多]+[个月年天周次名人元]*$|^[个月年天]")


def hot_words(texts: list[str], *, limit: int = 15) -> list[tuple[str, int]]:
    if not texts:
        return []
    tags = jieba.analyse.extract_tags("\n".join(texts), topK=limit * 2)
    words = [w for w in tags if w not in STOP_WORDS and len(w) > 1 and not QUANTITY.match(w)][
        :limit
    ]
    counts = Counter()
    for text in texts:
        for word in words:
            if word in text:
                counts[word] += 1
    return sorted(((w, counts[w]) for w in words if counts[w]), key=lambda x: -x[1])
