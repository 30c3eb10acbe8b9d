"""The organisation and date a page is about, on small pages written for each rule."""

from gonghui.ingest.report import _expands, _trade_name, analyse_text, find_title, org_mentions


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


def test_a_sector_union_keeps_its_whole_place_for_every_place_in_the_gazetteer():
    from gonghui.ingest.lexicon import places

    # The sector's name used to be read from the first level character before it, which cut
    # every place at its start (州市汽车产业工会 for 柳州市汽车产业工会, 市金融工会 alone).
    for name, level in places().items():
        if level == "town":
            continue
        for sector in ("汽车产业工会", "金融工会", "教育系统工会", "直属机关工会"):
            assert org_mentions(f"会上,{name}{sector}主席讲话") == [name + sector]


def test_an_autonomous_division_called_by_its_place_and_level_is_read_whole():
    from gonghui.ingest.lexicon import autonomous_short_forms, places

    for name in places():
        for short in autonomous_short_forms(name)[1:]:
            assert org_mentions(f"来源:{short}总工会") == [f"{short}总工会"]
    page = (
        "昌吉州总工会为新就业形态劳动者送去冬季关爱\n2022年11月30日 来源:昌吉州总工会\n"
        "11月28日,昌吉回族自治州总工会送去保暖物品1200套。\n"
    )
    assert report(page).org == "昌吉回族自治州总工会"
    # 吉州 is a district of 吉安: standing alone it is still read.
    assert org_mentions("吉州区总工会开展慰问") == ["吉州区总工会"]


def test_sector_unions_are_organisations_and_plural_or_bare_ones_are_not():
    assert org_mentions("来源:上海市金融工会") == ["上海市金融工会"]
    assert org_mentions("召开市交通运输产业工会会员代表大会") == ["市交通运输产业工会"]
    assert org_mentions("会上,市直机关工会作交流发言") == ["市直机关工会"]
    assert org_mentions("中国金融工会表彰先进") == ["中国金融工会"]
    assert org_mentions("各产业工会报送名单,来自16个市和产业工会的选手参赛") == []
    page = "上海市金融工会第五届金融职工运动会闭幕\n发布日期:2021-11-08\n86家单位参赛。\n"
    assert report(page).org == "上海市金融工会"


def test_an_enterprise_union_is_named_in_full_as_its_source_line_writes_it():
    assert org_mentions("由陕西陕煤黄陵矿业有限公司工会主办") == ["陕西陕煤黄陵矿业有限公司工会"]
    assert org_mentions("三台县人民医院工会开展义诊") == ["三台县人民医院工会"]
    assert org_mentions("华丰纺织有限公司工会委员会召开会议") == ["华丰纺织有限公司工会委员会"]
    # 公司工会 alone, 全公司, or the unions of every company are not an enterprise's name.
    assert org_mentions("今年以来,公司工会组织竞赛,全公司各公司工会参加") == []
    page = (
        "黄陵矿业公司工会开展“安康杯”竞赛\n2022-08-16 来源:陕西陕煤黄陵矿业有限公司工会\n"
        "今年以来,公司工会组织468个班组参加竞赛。\n"
    )
    assert report(page).org == "陕西陕煤黄陵矿业有限公司工会"
    # A city federation's page that mentions an enterprise's union stays the federation's.
    page = (
        "柳州市总工会开展送清凉活动\n2023-07-20 来源:柳州市总工会\n"
        "柳州市总工会联合柳州钢铁集团工会慰问高温岗位职工3200人。\n"
    )
    assert report(page).org == "柳州市总工会"


def test_a_publication_line_below_a_long_navigation_is_found_and_the_banner_clock_is_not():
    from gonghui.ingest.readers import read_bytes

    menu = "".join(f"<li>栏目{n}</li>" for n in "一二三四五六七八九十")
    html = (
        "<html><head><meta charset='utf-8'><title>金秋助学发放仪式举行</title></head><body>"
        "<div>长治工会网 | 长治市总工会主办 | 2019年9月3日 星期二 | 设为首页 加入收藏</div>"
        f"<ul>{menu}</ul><h1>长治市总工会金秋助学发放仪式举行</h1>"
        "<div>发布时间:2019-08-30 16:12:45 来源:本站原创 点击数:1573</div>"
        "<p>8月29日,金秋助学助学金发放仪式举行,120名受助学生参加。</p></body></html>"
    )
    found = analyse_text(read_bytes(html.encode(), name="page.html"))
    assert found.date == "2019-08-30"
    assert found.title == "长治市总工会金秋助学发放仪式举行"
    # Without a publication line the body's own full date is still taken.
    html = html.replace("发布时间:2019-08-30 16:12:45 来源:本站原创 点击数:1573", "")
    html = html.replace("8月29日", "2019年8月29日")
    assert analyse_text(read_bytes(html.encode(), name="page.html")).date == "2019-08-29"


def test_a_byline_is_not_the_title_and_an_exclamatory_headline_is():
    page = (
        "暖心丨怀化市总工会“工会爱心托管班”开班啦!\n怀化工会 2025年07月08日 20:15 湖南\n"
        "暑假来了,孩子谁来带?\n7月7日,怀化市总工会开设托管班32个。\n"
    )
    found = report(page)
    assert found.title == "暖心丨怀化市总工会“工会爱心托管班”开班啦!"
    assert found.org == "怀化市总工会"
    assert found.date == "2025-07-08"
    # A sentence that exclaims is still not a headline.
    assert (
        find_title(["活动很成功,职工很满意!", "市总工会举办职工运动会"]) == "市总工会举办职工运动会"
    )


def test_a_site_or_account_short_name_is_its_place_federation():
    assert _expands("怀化市总工会", "怀化工会")
    assert not _expands("海口市总工会", "怀化工会")
    assert not _expands("怀化市教育工会", "怀化工会")


def test_an_enterprise_trade_name_takes_the_registered_name_its_source_line_gives():
    page = (
        "汉江钢铁公司工会举办第三届职工技能运动会\n"
        "作者:公司工会 发布时间:2019年10月25日 来源:陕西汉中钢铁有限责任公司工会\n"
        "10月23日至24日,汉钢公司工会举办第三届职工技能运动会,236名职工参赛。\n"
    )
    assert report(page).org == "陕西汉中钢铁有限责任公司工会"
    assert _trade_name("陕西汉中钢铁有限责任公司工会", "汉钢公司工会")
    # Another enterprise of the same business, or another business, is not its trade name.
    assert not _trade_name("陕西汉中钢铁有限责任公司工会", "柳州钢铁公司工会")
    assert not _trade_name("陕西汉中钢铁有限责任公司工会", "汉中纺织公司工会")
    # Only the source line names the publisher: a body's mention does not rename the title's.
    page = page.replace("来源:陕西汉中钢铁有限责任公司工会", "来源:本站").replace(
        "236名职工参赛", "陕西汉中钢铁有限责任公司工会236名职工参赛"
    )
    assert report(page).org == "汉江钢铁公司工会"
