"""Hot topics: the keywords of many short summaries (jieba's TF-IDF), with their counts."""

import logging
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
}


def hot_words(texts: list[str], *, limit: int = 15) -> list[tuple[str, int]]:
    if not texts:
        return []
    tags = jieba.analyse.extract_tags("\n".join(texts), topK=limit * 2)
    words = [w for w in tags if w not in STOP_WORDS and len(w) > 1][:limit]
    counts = Counter()
    for text in texts:
        for word in words:
            if word in text:
                counts[word] += 1
    return sorted(((w, counts[w]) for w in words if counts[w]), key=lambda x: -x[1])
