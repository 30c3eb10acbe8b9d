"""The history of an evidence item is its transitions: EvidenceEvent becomes EvidenceTransition
(rows kept)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0002_history_on_the_workflow_kernel"),
    ]

    operations = [
        migrations.RenameModel(old_name="EvidenceEvent", new_name="EvidenceTransition"),
        migrations.AlterField(
            model_name="evidencetransition",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="history",
                to="ledger.evidenceitem",
            ),
        ),
        migrations.AlterField(
            model_name="evidencetransition",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="history",
                to="ledger.evidenceversion",
            ),
        ),
    ]
