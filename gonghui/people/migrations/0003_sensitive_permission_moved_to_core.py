"""The permission that lifts the masking moves from people.view_sensitive to core's own
core.view_sensitive: every role and user holding the old one is given the new one, and the old
one is deleted. Reversible."""

from django.db import migrations

OLD = ("people", "person", "view_sensitive")
NEW = ("core", "sensitivedata", "view_sensitive")
NAME = "查看敏感个人信息（身份证号、手机号）"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": NAME}
    )
    return permission


def _move(apps, source, target):
    Permission = apps.get_model("auth", "Permission")
    Role = apps.get_model("accounts", "Role")
    User = apps.get_model("accounts", "User")
    app_label, _model, codename = source
    old = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if old is None:
        return
    new = _permission(apps, *target)
    for role in Role.objects.filter(permissions=old):
        role.permissions.add(new)
    for user in User.objects.filter(user_permissions=old):
        user.user_permissions.add(new)
    old.delete()


def forwards(apps, schema_editor):
    _move(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _move(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_search_and_tag_indexes"),
        ("core", "0003_sensitive_data_permission"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["org_path", "name", "pk"],
                "verbose_name": "人员",
                "verbose_name_plural": "人员",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
