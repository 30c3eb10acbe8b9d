"""The standard reasons for hardship and the default tier rules (a province may add its own,
which then replace the defaults for it); both stay editable in the admin."""

from django.db import migrations

REASONS = [
    ("illness", "因病"),
    ("disability", "因残"),
    ("study", "因学"),
    ("accident", "意外致困"),
    ("single-parent", "单亲"),
    ("unemployment", "失业"),
    ("disaster", "因灾"),
    ("low-income", "收入低"),
    ("other", "其他"),
]
# (tier, priority, max percent of the local standard or None, reason codes (any), note)
RULES = [
    ("accident", 10, None, ["accident", "disaster"], "因突发意外或灾害致困"),
    ("deep", 20, 100, [], "家庭人均收入不高于当地最低生活保障标准"),
    ("deep", 30, 150, ["illness", "disability"], "因病因残且人均收入不高于标准的1.5倍"),
    ("relative", 40, 200, [], "家庭人均收入不高于当地最低生活保障标准的2倍"),
]


def seed(apps, schema_editor):
    Reason = apps.get_model("assistance", "HardshipReason")
    Rule = apps.get_model("assistance", "TierRule")
    for order, (code, name) in enumerate(REASONS, start=1):
        Reason.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    if not Rule.objects.filter(province__isnull=True).exists():
        for tier, priority, percent, reasons, note in RULES:
            rule = Rule.objects.create(
                tier=tier, priority=priority, max_income_percent=percent, note=note
            )
            rule.reasons.set(Reason.objects.filter(code__in=reasons))


def unseed(apps, schema_editor):
    apps.get_model("assistance", "TierRule").objects.filter(province__isnull=True).delete()
    apps.get_model("assistance", "HardshipReason").objects.filter(
        code__in=[c for c, _ in REASONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
