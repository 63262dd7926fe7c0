"""The action plan now lives in ipguard.actions (actions 0001): forget the models here without
touching their tables, which actions.ActionItem and actions.ActionComment keep using."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("evidence", "0002_action_item_in_actions_app"),
        ("playbooks", "0002_assessments"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ActionComment"),
                migrations.DeleteModel(name="ActionItem"),
            ],
            database_operations=[],
        ),
    ]
