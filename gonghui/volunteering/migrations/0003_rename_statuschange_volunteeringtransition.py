"""The one history table of the volunteering workflows is named like every other history model:
StatusChange becomes VolunteeringTransition (rows kept)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0002_history_on_the_workflow_kernel"),
    ]

    operations = [
        migrations.RenameModel(old_name="StatusChange", new_name="VolunteeringTransition"),
    ]
