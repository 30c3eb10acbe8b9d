from django.db import migrations

TYPES = [
    ("reading", "理论学习/读书"),
    ("preaching", "宣讲"),
    ("moral_forum", "道德讲堂"),
    ("contest", "文体比赛"),
    ("sports", "运动会"),
    ("lecture", "讲座"),
    ("online_quiz", "线上答题"),
    ("selection", "评选"),
    ("condolence", "慰问"),
    ("volunteer", "志愿服务"),
    ("training", "培训"),
    ("publicity", "宣传教育"),
]


def add_types(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    for order, (code, name) in enumerate(TYPES):
        ActivityType.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def remove_types(apps, schema_editor):
    apps.get_model("activities", "ActivityType").objects.filter(
        code__in=[code for code, _name in TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(add_types, remove_types)]
