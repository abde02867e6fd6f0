"""Pre-aggregated outcome tables: what dashboards, reports and the national exchange read instead of raw rows.

Per-authority tables (`*Fact`, `Refresh`) carry `authority_id`, so row-level security covers them like the ledger
they summarise; they hold counts and sums by month and coded dimensions, never a resident. They are rebuilt
from the ledger by `refresh.rebuild` (a background task). `NationalCell` has no `authority_id` on purpose: it
holds only suppressed monthly aggregates (every published count ≥ 10), readable across authorities by the
national role (docs/decisions/0009-national-aggregates.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User


def _money() -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))


class InquiryKind(models.TextChoices):
    NEW = "new", _("תושב/ת חדש/ה")
    RETURNING = "returning", _("חוזר/ת (לפני יותר מ-90 יום)")
    REPEAT = "repeat", _("פנייה חוזרת תוך 90 יום")
    UNLINKED = "unlinked", _("טרם שויכה לתושב/ת")


class InquirySource(models.TextChoices):
    SCREENING = "screening", _("שאלון זכאות")
    EVENT = "event", _("אירוע או פעילות")
    DIRECT = "direct", _("ישירה")


class InquiryFact(TenantModel):
    month = models.DateField()
    channel = models.CharField(max_length=10)
    source = models.CharField(max_length=10, choices=InquirySource.choices)
    kind = models.CharField(max_length=10, choices=InquiryKind.choices)
    event_code = models.CharField(max_length=20, blank=True, default="")
    staff = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    inquiries = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["InquiryFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["authority", "month"], name="inquiryfact_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.channel} {self.kind}: {self.inquiries}"


class Measure(models.TextChoices):
    """What a LedgerFact row counts, and which date puts it in its month."""

    IDENTIFIED = "identified", _("זוהו (לפי חודש הזיהוי, במצבן היום)")
    SUBMITTED = "submitted", _("הוגשו (לפי חודש ההגשה)")
    DECIDED = "decided", _("הוחלטו (לפי חודש ההחלטה)")
    PAID = "paid", _("תשלום ראשון (לפי חודש התשלום)")


class LedgerFact(TenantModel):
    """Ledger rows by month and dimensions. `outcome`: the state today (identified), or the decision
    ("approved", "denied:<reason>") for decided rows; `basis` splits money into confirmed and estimated."""

    month = models.DateField()
    measure = models.CharField(max_length=10, choices=Measure.choices)
    outcome = models.CharField(max_length=24, blank=True, default="")
    basis = models.CharField(max_length=10, blank=True, default="")
    program = models.CharField(max_length=64)
    agency = models.CharField(max_length=32)
    channel = models.CharField(max_length=10, blank=True, default="")
    staff = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    rights = models.PositiveIntegerField(default=0)
    monthly = _money()
    one_off = _money()
    retroactive = _money()
    waived = _money()
    months_lost = models.PositiveIntegerField(default=0)
    money_lost = _money()

    objects = TenantQuerySet["LedgerFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "measure", "month"], name="ledgerfact_measure_month")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.measure} {self.program}: {self.rights}"


class Span(models.TextChoices):
    SUBMISSION = "submission", _("מפנייה להגשה")
    DECISION = "decision", _("מפנייה להחלטה")
    PAYMENT = "payment", _("מפנייה לתשלום ראשון")


class DurationFact(TenantModel):
    """How many ledger rows took `days` (to the day up to 31, then to the week, then to 30 days; refresh.bucket)
    from first contact to an event,
    by the event's month: medians over any filter are read from these histograms."""

    month = models.DateField()
    span = models.CharField(max_length=10, choices=Span.choices)
    days = models.PositiveIntegerField()
    program = models.CharField(max_length=64)
    agency = models.CharField(max_length=32)
    channel = models.CharField(max_length=10, blank=True, default="")
    staff = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    rights = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["DurationFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "span", "month"], name="durationfact_span_month")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.span} {self.days}d: {self.rights}"


class ReferralState(models.TextChoices):
    """Where a referral stands today: loop closed or not, and whether the partner answered within its SLA."""

    CLOSED_IN_SLA = "closed_in_sla", _("נסגרה, מענה בזמן")
    CLOSED_LATE = "closed_late", _("נסגרה, מענה באיחור")
    CLOSED_NO_ANSWER = "closed_no_answer", _("נסגרה בלי מענה מהשותף")
    OPEN_IN_SLA = "open_in_sla", _("פתוחה, מענה בזמן")
    OPEN_LATE = "open_late", _("פתוחה, מענה באיחור")
    OVERDUE = "overdue", _("ללא מענה, עבר הזמן")
    WAITING = "waiting", _("ללא מענה, בזמן")


class ReferralFact(TenantModel):
    month = models.DateField()
    organization = models.CharField(max_length=80)  # the directory's national key (HSDS id)
    program = models.CharField(max_length=64, blank=True, default="")
    agency = models.CharField(max_length=32, blank=True, default="")
    staff = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=ReferralState.choices)
    referrals = models.PositiveIntegerField(default=0)
    answer_days = models.PositiveIntegerField(default=0)  # sum over answered referrals

    objects = TenantQuerySet["ReferralFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["authority", "month"], name="referralfact_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.organization} {self.state}: {self.referrals}"


class BarrierFact(TenantModel):
    month = models.DateField()
    agency = models.CharField(max_length=32)
    program = models.CharField(max_length=64, blank=True, default="")
    kind = models.CharField(max_length=12)
    barriers = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["BarrierFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["authority", "month"], name="barrierfact_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.agency} {self.kind}: {self.barriers}"


class ReachFact(TenantModel):
    """Residents in contact with the center in a month (an inquiry or a case opened), per group ("all" too)."""

    month = models.DateField()
    group = models.CharField(max_length=20)
    residents = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["ReachFact"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["authority", "month"], name="reachfact_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.group}: {self.residents}"


class FollowUpFact(TenantModel):
    """Accompanied households whose 12 months from their first screening on a case ended in `month`, and what their
    own screenings show of that time (outcomes/followup.py defines each count). Counts only, never a household."""

    month = models.DateField()
    households = models.PositiveIntegerField(default=0)
    followed = models.PositiveIntegerField(default=0)  # screened again, 90 days to 12 months after the first
    work_compared = models.PositiveIntegerField(default=0)  # income from work known both times
    work_rose = models.PositiveIntegerField(default=0)
    support_compared = models.PositiveIntegerField(default=0)  # received income support at first; known at follow-up
    support_ended = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["FollowUpFact"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "month"], name="followupfact_one_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} follow-ups: {self.followed} of {self.households}"


class Refresh(TenantModel):
    """When the authority's tables were last rebuilt, and from how many ledger rows."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField()
    ledger_rows = models.PositiveIntegerField()

    objects = TenantQuerySet["Refresh"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority"], name="refresh_one_per_authority")
        ]

    def __str__(self) -> str:
        return f"refresh of authority {self.authority_id} at {self.finished_at:%Y-%m-%d %H:%M}"


class NationalCell(models.Model):
    """One published cell of a monthly exchange document (docs/data-exchange.md), per reporting authority.

    No `authority_id` column: the national role reads every authority's cells, so row-level security does not
    apply; what makes that safe is that nothing here is personal or small. Hidden cells are stored as NULL.
    """

    locality = models.PositiveIntegerField()  # the CBS locality code (סמל יישוב) of the reporting authority
    locality_name = models.CharField(max_length=100)
    month = models.DateField()
    table = models.CharField(max_length=24)
    row = models.CharField(max_length=80)  # "" for a column total
    col = models.CharField(max_length=40)  # "" for a row total; both "" for the grand total
    count = models.PositiveIntegerField(null=True)
    amounts = models.JSONField(default=dict)  # {"monthly": "1234.00", …}; only where `count` is published
    schema_version = models.CharField(max_length=10)
    source = models.CharField(max_length=100)  # the deployment that produced it
    loaded_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["locality", "month", "table", "row", "col"], name="nationalcell_once")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["table", "month"], name="nationalcell_table_month")
        ]

    def __str__(self) -> str:
        return f"{self.locality} {self.month:%Y-%m} {self.table}[{self.row},{self.col}]"


class NationalFigure(models.Model):
    """A published non-count figure of the exchange (a median in days), with the number of people behind it."""

    locality = models.PositiveIntegerField()
    locality_name = models.CharField(max_length=100)
    month = models.DateField()
    name = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    people = models.PositiveIntegerField()
    schema_version = models.CharField(max_length=10)
    source = models.CharField(max_length=100)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["locality", "month", "name"], name="nationalfigure_once")
        ]

    def __str__(self) -> str:
        return f"{self.locality} {self.month:%Y-%m} {self.name}={self.value}"
