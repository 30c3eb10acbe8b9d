"""The standard 星级评定 checklist (100 points); it stays editable in the admin."""

from django.db import migrations

ITEMS = [
    ("signage", "标识标牌醒目规范", 10, "门口有统一标识，地图可查，服务内容上墙"),
    ("space", "场所面积与环境", 15, "面积适宜，通风明亮，整洁卫生"),
    ("facilities", "基本设施齐全", 25, "饮水、休息、热饭、充电、如厕等设施可用"),
    ("hours", "开放时间公示并落实", 10, "开放时间公示，抽查时按时开放"),
    ("staff", "专人管理", 10, "有管理员及联系电话，职责明确"),
    ("records", "服务台账完整", 10, "按月登记服务人次，台账连续"),
    ("safety", "安全与应急", 10, "应急药箱在有效期内，消防设施完好"),
    ("satisfaction", "职工满意度", 10, "随机询问户外劳动者的评价"),
]


def seed(apps, schema_editor):
    Item = apps.get_model("stations", "InspectionItem")
    for order, (code, name, points, guidance) in enumerate(ITEMS, start=1):
        Item.objects.get_or_create(
            code=code,
            defaults={"name": name, "sort_order": order, "max_score": points, "guidance": guidance},
        )


def unseed(apps, schema_editor):
    apps.get_model("stations", "InspectionItem").objects.filter(
        code__in=[row[0] for row in ITEMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("stations", "0003_photos_usage_inspections")]
    operations = [migrations.RunPython(seed, unseed)]
