"""The standard award types and vetting bodies; both lists stay editable in the admin."""

from django.db import migrations

# code, name, level, subject, 劳模 level an individual honoured with it holds
AWARDS = [
    ("national-labour-medal", "全国五一劳动奖章", "national", "individual", "national"),
    ("national-labour-award", "全国五一劳动奖状", "national", "collective", ""),
    ("national-worker-pioneer", "全国工人先锋号", "national", "collective", ""),
    ("provincial-labour-medal", "省五一劳动奖章", "provincial", "individual", "provincial"),
    ("provincial-labour-award", "省五一劳动奖状", "provincial", "collective", ""),
    ("worker-pioneer", "工人先锋号", "provincial", "collective", ""),
    ("women-model-post", "五一巾帼标兵岗", "provincial", "collective", ""),
    ("provincial-craftsman", "省级工匠", "provincial", "individual", "craftsman"),
    ("city-craftsman", "市级工匠", "city", "individual", "craftsman"),
    ("city-labour-medal", "市五一劳动奖章", "city", "individual", "city"),
    ("most-beautiful-worker", "最美劳动者", "city", "individual", ""),
    ("civilized-family", "文明家庭", "city", "collective", ""),
    ("civilized-worker", "文明职工", "provincial", "individual", ""),
    ("civilized-window", "文明窗口", "provincial", "collective", ""),
    ("advanced-collective", "先进集体", "city", "collective", ""),
]
BODIES = [
    ("discipline", "纪检监察"),
    ("work-safety", "应急管理（安全生产）"),
    ("tax", "税务"),
    ("environment", "生态环境"),
    ("human-resources", "人力资源社会保障"),
    ("market", "市场监管"),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("honours", "AwardType")
    for order, (code, name, level, subject, mw) in enumerate(AWARDS, start=1):
        AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order * 10,
                "level": level,
                "subject": subject,
                "model_worker_level": mw,
            },
        )
    VettingBody = apps.get_model("honours", "VettingBody")
    for order, (code, name) in enumerate(BODIES, start=1):
        VettingBody.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("honours", "AwardType").objects.filter(code__in=[a[0] for a in AWARDS]).delete()
    apps.get_model("honours", "VettingBody").objects.filter(
        code__in=[b[0] for b in BODIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
