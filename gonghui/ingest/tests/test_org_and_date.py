"""The organisation and date a page is about, on small pages written for each rule."""

from gonghui.ingest.report import analyse_text, org_mentions


def report(text: str):
    return analyse_text(text)


def test_an_autonomous_prefecture_is_named_in_full_when_the_page_spells_it_out():
    page = (
        "大理州总工会开展送温暖活动\n2024-01-26 来源:大理州总工会\n"
        "近日,大理白族自治州总工会启动送温暖活动,慰问职工8900余人。\n"
    )
    assert report(page).org == "大理白族自治州总工会"
    # The short name stays when nothing on the page gives the full one.
    assert report("大理州总工会开展送温暖活动\n2024-01-26\n慰问职工8900余人。\n").org == (
        "大理州总工会"
    )


def test_a_long_place_name_is_read_whole():
    assert "海西蒙古族藏族自治州总工会" in org_mentions(
        "8月19日,海西蒙古族藏族自治州总工会在格尔木市举办观摩活动"
    )


def test_a_website_name_is_not_an_organisation():
    page = (
        "海口市召开工会重点工作推进会\n发布时间:2021-03-19 来源:海口工会网\n"
        "会上市总工会通报了工作情况:全年共建会312家。\n"
    )
    assert org_mentions("来源:海口工会网") == []
    assert report(page).org == "海口市总工会"


def test_the_unions_of_every_lower_level_are_not_one_organisation():
    assert org_mentions("请各市(县)区总工会于3月20日前报送名单") == []
    assert org_mentions("请各区总工会报送名单") == []
    assert org_mentions("市总工会和新区总工会报送名单")[:1] == ["市总工会"]


def test_a_page_naming_no_organisation_in_its_text_takes_the_site_name():
    html = (
        "<html><head><meta charset='utf-8'><title>劳模疗休养安排表_无锡市总工会</title></head>"
        "<body><h1>2023年劳模疗休养安排表</h1><p>发布日期:2023年03月02日</p>"
        "<p>全市安排劳模疗休养4批,共计200人。请各市(县)区总工会报送名单。</p>"
        "<div class='bottom'>主办:无锡市总工会</div></body></html>"
    )
    from gonghui.ingest.readers import read_bytes

    assert analyse_text(read_bytes(html.encode(), name="page.html")).org == "无锡市总工会"


def test_a_department_the_title_names_is_taken_as_the_signature_writes_it():
    page = "工会宣教部上半年工作总结\n上半年,组织宣讲12场。\n安徽省总宣教部\nXX年6月20日\n"
    assert report(page).org == "安徽省总宣教部"
    # Without a department in the title, a signature line still names the federation.
    page = "上半年工作总结\n上半年,组织宣讲12场。\n安徽省总工会\n2020年6月20日\n"
    assert report(page).org == "安徽省总工会"


def test_an_event_day_takes_the_year_of_the_title():
    page = (
        "黄石市总工会举办2019年职工趣味运动会\n"
        "4月28日上午,黄石市总工会举办职工趣味运动会,40支代表队参赛。\n黄石市总工会\n"
    )
    assert report(page).date == "2019-04-28"
    # A full publication date wins over the event's day.
    assert report("运动会举行\n发布时间:2019-05-02\n4月28日上午,运动会举行。\n").date == (
        "2019-05-02"
    )
