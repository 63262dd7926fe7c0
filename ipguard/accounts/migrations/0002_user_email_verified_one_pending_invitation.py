from django.db import migrations, models
from django.utils import timezone


def revoke_older_duplicate_invitations(apps, schema_editor):
    """Before the constraint: keep only the newest pending invitation per company and address."""
    Invitation = apps.get_model("accounts", "Invitation")
    pending = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    seen = set()
    for invitation in pending.order_by("-created_at", "-pk"):
        key = (invitation.company_id, invitation.email.lower())
        if key in seen:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="email verified at"),
        ),
        migrations.RunPython(revoke_older_duplicate_invitations, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("accepted_at__isnull", True), ("revoked_at__isnull", True)),
                fields=("company", "email"),
                name="one_pending_invitation_per_address",
            ),
        ),
    ]
