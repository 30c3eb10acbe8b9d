"""Dates, times, years, phone and postal numbers, ordinals, names and lead-ins are not facts."""

import pytest

from gonghui.ingest.report import analyse_text


@pytest.mark.parametrize(
    "sentence",
    [
        "5月26日下午召开会议。",  # date
        "时间:2020-06-03 18:22",  # date and time
        "2016年,工作取得成效。",  # year
        "上午9时,仪式举行;10月25日上午8:30出发。",  # times
        "举报电话:0839-3262473,咨询电话13807391234。",  # phone numbers
        "地址:东坝翠屏街42号 邮编:628017",  # postal code
        "备案号:蜀ICP备2021007964号-1",  # ICP number
        "市创建第七届全国文明城市,第三次评议,第五期读书活动。",  # ordinals
        "中国工会十八大胜利闭幕,十八大代表作报告。",  # congress ordinal
        "省总十一届四次全委会作出部署。",  # plenary ordinal without 第
        "紧扣“建功十四五·奋进新征程”活动载体。",  # plan name
        "扎实开展了“两学一做”教育活动。",  # slogan
        "“五一”前夕,“5·1”期间,“3·8”前。",  # festivals
        "聚焦落实“五大行动、十件实事”等重点任务。",  # quoted slogan
        "组织开展“万人评行风”活动,百名劳模宣讲。",  # names
        "会议提出了三个方面的要求:一是提高站位,二是突出重点。",  # lead-in
        "为全市困难职工办好五件实事。",  # lead-in idiom
        "确定一名联络员,开展一次回头看,举办一期培训班。",  # "one" as an article
        "看前五个月活动是否扎实,历时两个月。",  # durations
        "今年“五一”是国际劳动节120周年纪念日。",  # anniversary
        "发布时间:2024-03-22 点击量:2286 来源:系统管理",  # page counters
        "共走访慰问困难职工xx户,发放慰问金xxx元、xx万元。",  # template
        "三门峡市总工会召开会议。",  # place name
    ],
)
def test_not_a_fact(sentence):
    assert analyse_text(sentence).facts == []


def test_facts_inside_a_long_quoted_speech_still_count():
    report = analyse_text(
        "主席说:“过去一年,全市各级工会共为职工办实事286件,帮扶困难职工3200余户。”"
    )
    assert [f.value for f in report.facts] == [286, 3200]
