"""The demo data loads on this database and reproduces the seeds' organisations and accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gonghui.organizations.models import Department, Organization
from gonghui.people.models import Person


@pytest.mark.slow
def test_load_demo(db, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    henan = Organization.objects.get(name="河南省总工会")
    departments = set(Department.objects.filter(organization=henan).values_list("name", flat=True))
    assert {
        "省总政策研究室",
        "宣传教育部",
        "劳动和经济工作部",
        "基层工作部",
        "女职工部",
    } <= departments
    for name in [
        "郑州市总工会",
        "南阳市总工会",
        "漯河市总工会",
        "三门峡市总工会",
        "鹤壁市总工会",
        "新乡市总工会",
        "广元市总工会",
        "安徽省总工会",
        "娄底市总工会",
        "冷水江市总工会",
        "河南省财贸轻纺烟草工会",
        "河南省国防邮电工会",
        "河南省煤矿工会",
    ]:
        assert Organization.objects.filter(name=name).exists(), name
    assert Organization.objects.filter(kind="grassroots").count() > 300
    assert Person.objects.count() > 3000
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "henan", "zhengzhou", "liaison", "outsider"} <= users
    assert get_user_model().objects.get(username="henan").check_password("gonghui-demo")
    personas = {
        u.username: (
            u.organization.name if u.organization else None,
            u.department.name if u.department else None,
            u.role.code if u.role else None,
            u.person.name if u.person else None,
        )
        for u in get_user_model().objects.select_related(
            "organization", "department", "role", "person"
        )
    }
    assert personas["henan"] == ("河南省总工会", "省总文明办", "campaign_admin", "王建华")
    assert personas["zhengzhou"] == ("郑州市总工会", None, "campaign_admin", "张建华")
    assert personas["liaison"] == ("河南省总工会", "基层工作部", "liaison", "李晓燕")
    assert personas["leader"] == ("河南省总工会", "办公室", "leader", "寇武江")
    assert personas["helper"] == ("河南省总工会", None, "assistance_officer", None)
    assert personas["outsider"][2] == "grassroots_admin"
    assert personas["admin"] == (None, None, None, None)
    # The monthly meeting opens on the month of seed 000's meeting, the latest with reports.
    client.force_login(get_user_model().objects.get(username="henan"))
    assert "2020年5月" in client.get("/ledger/meeting/").content.decode()
    # Loading twice is harmless.
    call_command("load_demo", stdout=open(tmp_path / "out2.txt", "w"))  # noqa: SIM115
    assert Organization.objects.filter(name="河南省总工会").count() == 1
