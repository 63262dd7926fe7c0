"""The evidence record's action now points at actions.ActionItem: the same table, so only
Django's record changes (see actions 0001)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("evidence", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="evidencerecord",
                    name="action",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="evidence_records",
                        to="actions.actionitem",
                        verbose_name="action item",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
