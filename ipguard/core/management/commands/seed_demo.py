"""Create (or refresh) the demo company and its users, then print how to log in."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from ipguard.accounts.choices import Role
from ipguard.accounts.models import Company, Membership, User

DEMO_PASSWORD = "ipguard-demo-2026"
DEMO_USERS = [
    ("demo@ipguard.local", "Li Wei", Role.OWNER, "en"),
    ("editor@ipguard.local", "Zhang Min", Role.EDITOR, "zh-hans"),
    ("viewer@ipguard.local", "Chen Jing", Role.VIEWER, "en"),
]
# Apps that add demo data for the company, in order; each module has seed_demo(company, owner).
DEMO_SEEDERS = [
    "ipguard.playbooks.demo",
    "ipguard.evidence.demo",
    "ipguard.portfolio.demo",
    "ipguard.reminders.demo",
    "ipguard.products.demo",  # after the register: its marks are the products' brands
]


class Command(BaseCommand):
    help = "Create the demo company with an owner, an editor and a viewer (safe to re-run)."

    def handle(self, *args, **options):
        with transaction.atomic():
            company, _ = Company.objects.get_or_create(
                name="Sunrise Lighting Co., Ltd.",
                defaults={
                    "country": "CN",
                    "size_band": "50-249",
                    "industry": "electronics",
                    "export_markets": ["US", "EU", "SEA"],
                    "revenue_band": "5m_50m_usd",
                },
            )
            owner = None
            for email, name, role, language in DEMO_USERS:
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(
                        email, DEMO_PASSWORD, full_name=name, language=language
                    )
                Membership.objects.get_or_create(
                    user=user, company=company, defaults={"role": role}
                )
                if role == Role.OWNER:
                    owner = user
            for dotted in DEMO_SEEDERS:
                import_module(dotted).seed_demo(company, owner)
        self.stdout.write(self.style.SUCCESS(f"Demo company: {company.name}"))
        for email, _name, role, _language in DEMO_USERS:
            self.stdout.write(f"  {role:<7} {email}  password: {DEMO_PASSWORD}")
