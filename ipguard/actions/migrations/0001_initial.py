"""The action plan moves out of the playbooks app; its tables and rows stay where they are.

Only Django's record of the models moves (state_operations): the tables keep the names
playbooks_actionitem and playbooks_actioncomment (Meta.db_table), so nothing is copied,
renamed or locked on PostgreSQL or SQLite. A fresh database gets the tables from
playbooks 0001/0002, as before. playbooks 0003 then forgets the old models, after
evidence 0002 has pointed its foreign key here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_to_actions(apps, schema_editor):
    _move_content_types(apps, source="playbooks", target="actions")


def content_types_to_playbooks(apps, schema_editor):
    _move_content_types(apps, source="actions", target="playbooks")


def _move_content_types(apps, *, source, target):
    # Permissions point at content types; moving the type keeps every granted permission.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("actionitem", "actioncomment"):
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("playbooks", "0002_assessments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ActionItem",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("origin", models.CharField(choices=[("assessment", "Health check"), ("incident", "Incident playbook"), ("manual", "Added by hand")], default="manual", max_length=20)),
                        ("key", models.CharField(blank=True, max_length=120)),
                        ("title", models.JSONField(default=dict)),
                        ("why", models.JSONField(blank=True, default=dict)),
                        ("steps", models.JSONField(blank=True, default=dict)),
                        ("source", models.CharField(blank=True, max_length=200)),
                        ("tier", models.CharField(choices=[("urgent", "Urgent (1 month)"), ("strategic", "Strategic (6 months)"), ("long_term", "Long-term (1–3 years)")], max_length=20, verbose_name="tier")),
                        ("due_date", models.DateField(verbose_name="due date")),
                        ("status", models.CharField(choices=[("todo", "To do"), ("in_progress", "In progress"), ("done", "Done"), ("not_applicable", "Not applicable")], default="todo", max_length=20, verbose_name="status")),
                        ("not_applicable_reason", models.TextField(blank=True, verbose_name="reason it does not apply")),
                        ("snoozed_until", models.DateField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("completed_at", models.DateTimeField(blank=True, null=True)),
                        ("company", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="action_items", to="accounts.company")),
                        ("owner", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="action_items", to=settings.AUTH_USER_MODEL, verbose_name="owner")),
                        ("assessment", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="created_actions", to="playbooks.assessment")),
                        ("incident", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="actions", to="playbooks.incidentrun")),
                    ],
                    options={
                        "db_table": "playbooks_actionitem",
                        "ordering": ["due_date", "pk"],
                        "indexes": [
                            models.Index(fields=["company", "status", "due_date"], name="playbooks_a_company_3d7f7d_idx"),
                            models.Index(fields=["status", "due_date"], name="playbooks_a_status_e0a5e7_idx"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ActionComment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("body", models.TextField(verbose_name="comment")),
                        ("is_system", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("action", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="actions.actionitem")),
                        ("author", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "playbooks_actioncomment",
                        "ordering": ["created_at", "pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_actions, content_types_to_playbooks, elidable=True),
    ]
