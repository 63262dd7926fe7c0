"""Remove stored evidence files that no entry records: `manage.py remove_evidence_orphans`."""

from django.core.management.base import BaseCommand, CommandError

from ipguard.accounts.models import Company
from ipguard.evidence.orphans import orphans_remove, vault_orphans


class Command(BaseCommand):
    help = (
        "List the stored evidence files that no entry records (left by a process killed "
        "mid-upload), and remove them after confirmation. Files of committed entries still "
        "under their temporary name are moved into place. Entries whose file is missing are "
        "listed, never removed: the chain is append-only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", type=int, help="Only this company (its id).")
        parser.add_argument(
            "--yes", action="store_true", help="Remove without asking (for scripts)."
        )

    def handle(self, *args, company=None, yes=False, **options):
        scope = None
        if company is not None:
            scope = Company.objects.filter(pk=company).first()
            if scope is None:
                raise CommandError(f"There is no company with id {company}.")
        found = vault_orphans(scope)
        for stray in found.files_without_entry:
            self.stdout.write(
                f"no entry: {stray.name} ({stray.size} bytes, {stray.modified:%Y-%m-%d %H:%M} UTC)"
            )
        for entry in found.waiting:
            self.stdout.write(
                f"under its temporary name: entry {entry.position} of company "
                f"{entry.company_id}: {entry.storage_name}"
            )
        for entry in found.missing:
            self.stdout.write(
                f"FILE MISSING: entry {entry.position} of company {entry.company_id}: "
                f"{entry.storage_name}"
            )
        if not (found.files_without_entry or found.waiting):
            self.stdout.write("Nothing to remove.")
        elif yes or self._confirmed(found):
            removed, moved = orphans_remove(found)
            self.stdout.write(f"Removed {removed} file(s); moved {moved} file(s) into place.")
        else:
            self.stdout.write("Nothing removed.")
        if found.missing:
            raise CommandError(f"{len(found.missing)} entries have no stored file.")

    def _confirmed(self, found) -> bool:
        question = (
            f"Remove {len(found.files_without_entry)} file(s) and move "
            f"{len(found.waiting)} into place? [y/N] "
        )
        try:
            return input(question).strip().lower() in {"y", "yes"}
        except EOFError:  # no terminal: never remove without a clear yes
            return False
