"""Chinese date and amount formats used by every template."""

import datetime as dt
from decimal import Decimal

from gonghui.core.templatetags.cn import cn_date, cn_datetime, cn_int, wan, yuan


def test_cn_date():
    assert cn_date(dt.date(2020, 6, 3)) == "2020年6月3日"
    assert cn_date(None) == ""


def test_cn_datetime_in_local_time():
    aware = dt.datetime(2020, 5, 26, 7, 30, tzinfo=dt.UTC)
    assert cn_datetime(aware) == "2020年5月26日 15:30"


def test_yuan_exact_with_separators():
    assert yuan(Decimal("1370000")) == "¥1,370,000.00"
    assert yuan(Decimal("5880.5")) == "¥5,880.50"


def test_wan():
    assert wan(24000) == "2.4万"
    assert wan(8674000) == "867.4万"
    assert wan(7207) == "7207"


def test_cn_int():
    assert cn_int(1000000) == "1,000,000"


def test_date_inputs_render_iso_values_in_chinese():
    import datetime as dt

    from django.utils import translation

    from gonghui.core.widgets import DateInput

    with translation.override("zh-hans"):
        html = DateInput().render("d", dt.date(2020, 6, 3))
    assert 'value="2020-06-03"' in html and 'type="date"' in html


def test_dates_follow_the_chosen_language():
    from django.utils import translation

    with translation.override("en"):
        assert cn_date(dt.date(2020, 6, 3)) == "June 3, 2020"
        assert "年" not in cn_datetime(dt.datetime(2020, 6, 3, 14, 5, tzinfo=dt.UTC))
    with translation.override("zh-hans"):
        assert cn_date(dt.date(2020, 6, 3)) == "2020年6月3日"
