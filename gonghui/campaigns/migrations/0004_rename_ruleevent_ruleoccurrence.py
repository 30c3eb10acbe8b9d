"""A bonus, deduction or veto recorded against a campaign rule is an occurrence, not an event:
RuleEvent becomes RuleOccurrence (rows kept)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_campaign_history"),
    ]

    operations = [
        migrations.RenameModel(old_name="RuleEvent", new_name="RuleOccurrence"),
        migrations.AlterField(
            model_name="ruleoccurrence",
            name="rule",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="occurrences",
                to="campaigns.campaignrule",
            ),
        ),
    ]
