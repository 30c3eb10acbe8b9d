"""The history of a wish is its transitions: WishEvent becomes WishTransition (rows kept)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wishes", "0003_event_transition_record"),
    ]

    operations = [
        migrations.RenameModel(old_name="WishEvent", new_name="WishTransition"),
        migrations.AlterField(
            model_name="wishtransition",
            name="wish",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="history",
                to="wishes.wish",
            ),
        ),
    ]
