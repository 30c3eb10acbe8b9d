"""The standard kinds and services; both lists stay editable in the admin."""

from django.db import migrations

KINDS = [
    ("union-station", "工会驿站"),
    ("outdoor-worker", "户外劳动者服务站点"),
    ("reading-room", "职工书屋"),
    ("heart-station", "心灵驿站"),
    ("workers-home", "职工之家"),
]
SERVICES = [
    ("water", "饮水"),
    ("rest", "休息"),
    ("heat-food", "热饭"),
    ("charging", "充电"),
    ("toilet", "如厕"),
    ("first-aid", "应急药箱"),
    ("books", "图书"),
    ("counselling", "心理咨询"),
    ("wifi", "无线网络"),
    ("cooling-heating", "纳凉取暖"),
]


def seed(apps, schema_editor):
    for model, rows in (("StationKind", KINDS), ("StationService", SERVICES)):
        cls = apps.get_model("stations", model)
        for order, (code, name) in enumerate(rows, start=1):
            cls.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("stations", "StationKind").objects.filter(code__in=[c for c, _ in KINDS]).delete()
    apps.get_model("stations", "StationService").objects.filter(
        code__in=[c for c, _ in SERVICES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
