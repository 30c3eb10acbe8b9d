"""Navigation, share bars, footers, contact blocks and image file names are dropped."""

import pytest

from gonghui.ingest.textnorm import normalize

PAGE = """河南机关党建网 党建动态 党建信息 省直动态
当前位置:首页 > 工作总结 > 工会工作总结
省总工会召开工作汇报会
时间:2020-06-03
分享到:
IMG_2142
(志愿者在社区开展慰问)
5月26日下午,省总工会召开汇报会,9个部门参加。
联系我们 | 网站地图 | 返回顶部 | 设为首页
地址:东坝翠屏街42号 邮编:628017 举报电话:0839-3262473
备案号:蜀ICP备2021007964号-1
Copyright ? 2008-2024 by example.com. all rights reserved
责任编辑:李方
媒体矩阵
中工网客户端
马上体验
×
"""


def test_boilerplate_lines_are_dropped_and_article_kept():
    text = normalize(PAGE).text
    assert text.split("\n") == [
        "省总工会召开工作汇报会",
        "时间:2020-06-03",
        "(志愿者在社区开展慰问)",
        "5月26日下午,省总工会召开汇报会,9个部门参加。",
    ]


def test_a_long_paragraph_after_a_footer_keyword_is_kept():
    page = (
        "标题在这里写着\n"
        + "正文。" * 30
        + "\n相关链接\n这是一段很长的正文段落,它在相关链接之后出现,但包含完整句子,因此应当保留下来,正文还在继续写下去,直到这一行足够长,超过八十个字符为止,这样才能确认规则正确。\n"
    )
    assert "这是一段很长的正文段落" in normalize(page).text


def test_boilerplate_can_be_kept_on_request():
    assert "网站地图" in normalize("正文。\n联系我们 | 网站地图", drop_boilerplate=False).text


@pytest.mark.seeds
def test_seed_footer_is_removed(seed_texts):
    text = normalize(seed_texts["001"]).text
    for word in ("联系我们", "备案号", "邮编", "技术支持"):
        assert word not in text
    assert text.endswith("近1.7万人。(市总组宣部)")
    assert "马上体验" not in normalize(seed_texts["003"]).text


# A sentence long enough that only a footer keyword at its start would drop it.
SENTENCE = "市总工会今年继续开办暑期职工子女托管班,欢迎您和家人报名参加,已有120名学生报名。"


def test_a_site_banner_is_dropped_wherever_its_words_stand_and_a_sentence_is_kept():
    page = (
        "长治工会网 | 长治市总工会主办 | 2019年9月3日 星期二 | 设为首页 加入收藏\n"
        f"金秋助学发放仪式举行\n{SENTENCE}\n"
    )
    assert normalize(page).text.split("\n") == ["金秋助学发放仪式举行", SENTENCE]
