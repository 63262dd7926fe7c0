"""factory_boy factories shared by every app's tests."""

import datetime

import factory

from ipguard.accounts.choices import Role
from ipguard.accounts.models import Company, Invitation, Membership, User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} Ltd.")
    country = "CN"
    size_band = "10-49"
    industry = "manufacturing"
    export_markets = factory.LazyFunction(lambda: ["US", "EU"])
    revenue_band = "5m_50m_usd"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Role.EDITOR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = Role.EDITOR
    invited_by = factory.SubFactory(UserFactory)


def member(company, role, **user_fields):
    """A user with `role` in `company`, whose current company it is."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, company=company, role=role)
    user.current_company = company
    user.save(update_fields=["current_company"])
    return user


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.ActionItem"

    company = factory.SubFactory(CompanyFactory)
    origin = "assessment"
    key = factory.Sequence(lambda n: f"action-{n}")
    title = factory.Sequence(lambda n: {"en": f"Register mark {n}", "zh_hans": f"注册商标 {n}"})
    why = factory.LazyFunction(lambda: {"en": "Because.", "zh_hans": "因为。"})
    tier = "urgent"
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A submitted health check (scores as the scoring service stores them)."""

    class Meta:
        model = "playbooks.Assessment"

    company = factory.SubFactory(CompanyFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = "submitted"
    answers = factory.LazyFunction(lambda: {"cn_mark_registered": "yes"})
    overall_score = 62
    scores = factory.LazyFunction(
        lambda: {
            "overall": 62,
            "content_versions": {},
            "areas": [
                {
                    "key": "trademarks",
                    "title": {"en": "Trademarks", "zh_hans": "商标"},
                    "weight": 3,
                    "score": 62,
                    "applicable": True,
                    "answered": 1,
                    "unanswered": 0,
                    "deductions": [],
                }
            ],
        }
    )
    submitted_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    )


class IncidentRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "playbooks.IncidentRun"

    company = factory.SubFactory(CompanyFactory)
    playbook_key = "counterfeits_abroad"
    title = factory.LazyFunction(lambda: {"en": "Counterfeits abroad", "zh_hans": "海外出现假货"})
    opened_on = factory.LazyFunction(datetime.date.today)


class EvidenceRecordFactory(factory.django.DjangoModelFactory):
    """A bare record row (no files or chain entries): for access tests. Tests of the vault
    itself record real files through `evidence_record_create`."""

    class Meta:
        model = "evidence.EvidenceRecord"

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Drawing set {n}")
    recorded_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.Asset"

    company = factory.SubFactory(CompanyFactory)
    right = "trademark"
    name = factory.Sequence(lambda n: f"SUNBEAM {n}")
    mark_type = "word"
    nice_classes = factory.LazyFunction(lambda: [9, 11])


class FilingFactory(factory.django.DjangoModelFactory):
    """A filing with its deadlines computed, as the register's service would store them."""

    class Meta:
        model = "portfolio.Filing"
        skip_postgeneration_save = True

    asset = factory.SubFactory(AssetFactory)
    office = "CN"
    number = factory.Sequence(lambda n: f"{40000000 + n}")
    status = "registered"
    filing_date = datetime.date(2019, 5, 6)
    registration_date = datetime.date(2020, 3, 14)

    @factory.post_generation
    def sync_deadlines(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            from ipguard.portfolio.services import filing_deadlines_sync

            filing_deadlines_sync(filing=obj)


def deadline_of(company):
    """An open deadline of `company` (a CN mark's renewal)."""
    filing = FilingFactory(asset=AssetFactory(company=company))
    return filing.deadlines.first()


class ReportFactory(factory.django.DjangoModelFactory):
    """A queued quarterly report (no PDF yet)."""

    class Meta:
        model = "reports.Report"

    company = factory.SubFactory(CompanyFactory)
    quarter = "2026-Q4"
    language = "en"
    paper = "A4"


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A checked one-row spreadsheet import waiting for confirmation."""

    class Meta:
        model = "portfolio.ImportJob"

    company = factory.SubFactory(CompanyFactory)
    file_name = "register.csv"
    rows = factory.LazyFunction(
        lambda: [
            {"asset": "SUNBEAM", "right": "trademark", "mark_type": "word", "nice_classes": [9],
             "owner_email": "", "office": "", "number": "", "route": "", "status": "pending",
             "designated_countries": [], "filing_date": None, "priority_date": None,
             "publication_date": None, "registration_date": None,
             "international_registration_date": None}
        ]
    )  # fmt: skip
    total = 1


class OtsProofFactory(factory.django.DjangoModelFactory):
    """A pending OpenTimestamps proof row (bytes not a real proof): for access tests."""

    class Meta:
        model = "evidence.OtsProof"

    company = factory.SubFactory(CompanyFactory)
    position = factory.Sequence(lambda n: n + 1)
    entry_hash = "ab" * 32
    proof = b"pending"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.Product"

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Desk lamp {n}")
    nice_classes = factory.LazyFunction(lambda: [11])
    channels = factory.LazyFunction(lambda: ["own_shop"])


class ProductMarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.ProductMarket"

    product = factory.SubFactory(ProductFactory)
    market = "US"
    status = "planned"


class FtoReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.FtoReview"

    product = factory.SubFactory(ProductFactory)
    market = "US"
    scope = "LED driver and hinge"
    searched_on = factory.LazyFunction(datetime.date.today)
    reviewer = "A. Counsel"
    reviewed_on = factory.LazyFunction(datetime.date.today)
    design_version = factory.SelfAttribute("product.design_version")


class WatchedApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.WatchedApplication"

    product = factory.SubFactory(ProductFactory)
    company = factory.SelfAttribute("product.company")
    number = factory.Sequence(lambda n: f"US 2026/{n:07d}")
    status = "pending"
    status_date = factory.LazyFunction(datetime.date.today)


class PlatformRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.PlatformBrandRegistration"

    company = factory.SubFactory(CompanyFactory)
    platform = "amazon"
    brand = factory.SubFactory(AssetFactory, company=factory.SelfAttribute("..company"))
    status = "registered"


class AiToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.AiTool"

    company = factory.SubFactory(CompanyFactory)
    name = "Stable Diffusion"
    kind = "open_model"
    version = "3.5 Large"
    licence = "Stability AI Community Licence"
    commercial_use = "allowed"
    revenue_threshold_usd = 1_000_000


class AiAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "products.AiAsset"

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Banner {n}")
    tool = factory.SubFactory(AiToolFactory, company=factory.SelfAttribute("..company"))
    tool_version = factory.SelfAttribute("tool.version")
    made_by = "Wang Fang"
    created_on = factory.LazyFunction(datetime.date.today)
    market = "US"
