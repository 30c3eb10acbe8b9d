"""The standard demand types with their limits, and the topics; both stay editable in the admin."""

from django.db import migrations

# code, name, 受理 working days, 办结 working days, may be anonymous
TYPES = [
    ("consult", "咨询", 1, 5, False),
    ("help", "求助", 1, 15, False),
    ("complaint", "投诉", 1, 15, False),
    ("suggestion", "意见建议", 1, 15, True),
]
TOPICS = [
    ("contract", "劳动合同"),
    ("wages", "工资拖欠"),
    ("social-insurance", "社会保险"),
    ("injury", "工伤"),
    ("occupational-disease", "职业病"),
    ("safety", "劳动安全"),
    ("hardship", "帮扶救助"),
    ("legal-aid", "法律援助"),
    ("union-organising", "工会组织"),
    ("other", "其他"),
]


def seed(apps, schema_editor):
    kind = apps.get_model("demands", "DemandType")
    for order, (code, name, accept, finish, anonymous) in enumerate(TYPES, start=1):
        kind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order,
                "accept_days": accept,
                "finish_days": finish,
                "allows_anonymous": anonymous,
            },
        )
    topic = apps.get_model("demands", "DemandTopic")
    for order, (code, name) in enumerate(TOPICS, start=1):
        topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("demands", "DemandType").objects.filter(code__in=[t[0] for t in TYPES]).delete()
    apps.get_model("demands", "DemandTopic").objects.filter(code__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("demands", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
