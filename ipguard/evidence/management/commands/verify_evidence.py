"""Recompute every stored file's hash and every company's chain: `manage.py verify_evidence`."""

from django.core.management.base import BaseCommand, CommandError

from ipguard.accounts.models import Company
from ipguard.evidence.models import EvidenceChain, EvidenceEntry
from ipguard.evidence.orphans import vault_orphans
from ipguard.evidence.verification import vault_verify


class Command(BaseCommand):
    help = (
        "Verify the evidence vault: re-hash every stored file and recompute each company's "
        "hash chain. Exits with status 1 if any chain is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", type=int, help="Only this company (its id).")

    def handle(self, *args, company=None, **options):
        if company is not None:
            companies = Company.objects.filter(pk=company)
            if not companies.exists():
                raise CommandError(f"There is no company with id {company}.")
        else:
            with_evidence = set(EvidenceEntry.objects.values_list("company_id", flat=True))
            with_evidence |= set(EvidenceChain.objects.values_list("company_id", flat=True))
            companies = Company.objects.filter(pk__in=with_evidence).order_by("pk")
        broken = 0
        for each in companies:
            result = vault_verify(each)
            label = f"{each.name} (id {each.pk})"
            if result.intact:
                self.stdout.write(
                    f"{label}: intact, {result.total} entries, head hash {result.head_hash}"
                )
            else:
                broken += 1
                found = result.first_break
                self.stdout.write(
                    f"{label}: BROKEN at entry {found.position} ({found.reason}): {found.message}"
                )
            for check in result.anchors:
                verdict = "valid" if check.valid else "INVALID"
                self.stdout.write(
                    f"  timestamp of entry {check.anchor.position}: {verdict}: {check.message}"
                )
        orphans = vault_orphans(Company.objects.get(pk=company) if company is not None else None)
        for stray in orphans.files_without_entry:
            self.stdout.write(f"stored file with no entry: {stray.name} ({stray.size} bytes)")
        for entry in orphans.waiting:
            self.stdout.write(f"entry {entry.position}'s file is still under its temporary name")
        for entry in orphans.missing:
            self.stdout.write(
                f"entry {entry.position} of company {entry.company_id} has no stored file: "
                f"{entry.storage_name}"
            )
        if orphans.files_without_entry or orphans.waiting:
            self.stdout.write("Run `manage.py remove_evidence_orphans` to clean up.")
        if broken:
            raise CommandError(f"{broken} evidence chain(s) broken.")
        if not companies:
            self.stdout.write("No evidence recorded yet.")
