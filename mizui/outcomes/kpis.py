"""The KPI definitions: one small entry per figure, in code, documented in docs/kpis.md (generated from this file
by `manage.py kpi_docs`).

Each KPI says which rows staff work on it reads (`source`), what it counts (`definition`), how its value comes
out of the pre-aggregated tables (`value`, given a `Summary`), and which list of rows stands behind it
(`drill`: the same rows, read live, for the drill-down page). A test checks that a KPI's value and its drill-down
list agree on hand-built ledgers, so the two can never drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mizui.cases.models import FINAL_STATUSES, Basis, Decision, Stage
from mizui.lib.disclosure import K_ANONYMITY
from mizui.outcomes.followup import FOLLOW_UP_AFTER, WINDOW_MONTHS
from mizui.outcomes.models import InquiryKind, Measure, ReferralState, Span
from mizui.outcomes.refresh import GROUP_LANGUAGES, GROUP_RIGHTS, REPEAT_WINDOW
from mizui.outcomes.summary import Summary, median

Number = int | Decimal | float


@dataclass(frozen=True)
class Drill:
    """The rows behind a figure: which list, which date puts a row in the period, and what else it must meet."""

    rows: str  # "rights", "inquiries", "referrals" or "barriers"
    date: str  # the row's field (a date or datetime) that falls in the period
    where: Callable[[dt.date], Q] | None = None  # given today
    kind: str = ""  # inquiries only: new / returning / repeat (computed from each person's earlier contacts)


@dataclass(frozen=True)
class KPI:
    id: str
    section: str
    label: Any  # lazy Hebrew
    unit: str  # count, money, percent, days, months
    source: str
    definition: str
    value: Callable[[Summary], Number | None]
    drill: Drill | None = None
    # For a share of households: how many it is computed over. Below K_ANONYMITY the share is withheld (value None),
    # as the national exchange withholds a median of fewer people (exchange.py), and the page says so.
    basis: Callable[[Summary], int] | None = None


def _rate(numerator: Number, denominator: Number) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


APPROVED = Q(decision__in=[Decision.APPROVED, Decision.PARTIAL])
LEDGER = "cases.Entitlement (the ledger), with cases.Case and cases.Inquiry for the first contact"


def _months_lost_q(today: dt.date) -> Q:
    # Same arithmetic as refresh.months_between: whole calendar months from identification to submission (or today).
    return (
        Q(retro_cap_months__isnull=False) & ~Q(decision=Decision.DENIED) & Q(months_elapsed__gt=F("retro_cap_months"))
    )


def months_annotation(today: dt.date) -> Any:
    end = Coalesce("submitted_on", Value(today))
    return (ExtractYear(end) - ExtractYear("identified_on")) * 12 + ExtractMonth(end) - ExtractMonth("identified_on")


INQUIRIES = [
    KPI(
        "inquiries",
        "inquiries",
        _("פניות"),
        "count",
        "cases.Inquiry",
        "Inquiries recorded in the period, every channel (screener help requests, walk-ins, phone, trustees, "
        "outreach, partners). The right and agency filters do not apply to inquiries.",
        lambda s: s.inquiry_count(),
        Drill("inquiries", "created_at"),
    ),
    KPI(
        "new_residents",
        "inquiries",
        _("תושבים חדשים"),
        "count",
        "cases.Inquiry",
        "Inquiries that are a person's first contact with the center. A person is their resident file when the "
        "inquiry is linked to one, otherwise the (blind-indexed) phone number they gave.",
        lambda s: s.inquiry_count(kind=InquiryKind.NEW),
        Drill("inquiries", "created_at", kind=InquiryKind.NEW),
    ),
    KPI(
        "returning_residents",
        "inquiries",
        _("תושבים חוזרים"),
        "count",
        "cases.Inquiry",
        f"Inquiries from a person whose previous contact was more than {REPEAT_WINDOW.days} days earlier.",
        lambda s: s.inquiry_count(kind=InquiryKind.RETURNING),
        Drill("inquiries", "created_at", kind=InquiryKind.RETURNING),
    ),
    KPI(
        "repeat_contacts",
        "inquiries",
        _("פניות חוזרות תוך 90 יום"),
        "count",
        "cases.Inquiry",
        f"Inquiries from a person who had contacted the center within the previous {REPEAT_WINDOW.days} days "
        "(a sign the first answer did not settle the matter).",
        lambda s: s.inquiry_count(kind=InquiryKind.REPEAT),
        Drill("inquiries", "created_at", kind=InquiryKind.REPEAT),
    ),
    KPI(
        "residents_served",
        "inquiries",
        _("תושבים בקשר (חודשי)"),
        "count",
        "cases.Inquiry, cases.Case",
        "Residents with an inquiry linked to their file or a case opened, counted once in each month they were "
        "in contact (resident-months: over several months a resident counts once per month). Filters other than "
        "the period do not apply.",
        lambda s: s.reach["all"],
    ),
]


def _ledger_kpi(
    id: str, label: Any, definition: str, measure: str, outcome: str | None, drill: Drill, unit: str = "count"
) -> KPI:
    return KPI(
        id, "rights", label, unit, LEDGER, definition, lambda s: s.ledger_sum(measure, outcome=outcome).rights, drill
    )


RIGHTS = [
    _ledger_kpi(
        "rights_identified",
        _("זכויות שזוהו"),
        "Ledger rows (household × right) identified in the period.",
        Measure.IDENTIFIED,
        None,
        Drill("rights", "identified_on"),
    ),
    _ledger_kpi(
        "rights_submitted",
        _("בקשות שהוגשו"),
        "Ledger rows submitted to the agency in the period (by submission date).",
        Measure.SUBMITTED,
        None,
        Drill("rights", "submitted_on"),
    ),
    _ledger_kpi(
        "rights_approved",
        _("זכויות שאושרו"),
        "Ledger rows with an approval (full or partial) decided in the period.",
        Measure.DECIDED,
        "approved",
        Drill("rights", "decided_on", lambda today: APPROVED),
    ),
    _ledger_kpi(
        "rights_denied",
        _("בקשות שנדחו"),
        "Ledger rows with a denial decided in the period; the dashboard splits them by the coded denial reason.",
        Measure.DECIDED,
        "denied",
        Drill("rights", "decided_on", lambda today: Q(decision=Decision.DENIED)),
    ),
    _ledger_kpi(
        "rights_paid",
        _("זכויות ששולמו לראשונה"),
        "Ledger rows whose first payment was recorded in the period.",
        Measure.PAID,
        None,
        Drill("rights", "paid_on"),
    ),
    KPI(
        "realization_rate",
        "rights",
        _("שיעור מימוש"),
        "percent",
        LEDGER,
        "Of the rights identified in the period, the share approved by today (approved, paid or due for renewal).",
        lambda s: _rate(
            s.ledger_sum(Measure.IDENTIFIED, outcome="approved").rights, s.ledger_sum(Measure.IDENTIFIED).rights
        ),
        Drill(
            "rights",
            "identified_on",
            lambda today: Q(stage__in=[Stage.PAID, Stage.RENEWAL_DUE]) | (Q(stage=Stage.DECIDED) & APPROVED),
        ),
    ),
    KPI(
        "approval_rate",
        "rights",
        _("שיעור אישור"),
        "percent",
        LEDGER,
        "Approvals ÷ all decisions (approvals and denials) decided in the period.",
        lambda s: _rate(s.ledger_sum(Measure.DECIDED, outcome="approved").rights, s.ledger_sum(Measure.DECIDED).rights),
        Drill("rights", "decided_on", lambda today: ~Q(decision="")),
    ),
]

COMPONENTS: list[tuple[str, Any, str, int]] = [
    ("annual", _("קצבאות חודשיות × 12"), "monthly", 12),
    ("one_off", _("חד-פעמי"), "one_off", 1),
    ("retroactive", _("רטרואקטיבי"), "retroactive", 1),
    ("waived", _("חובות ואגרות שנמחלו"), "waived", 1),
]
BASES: list[tuple[str, Any]] = [(Basis.CONFIRMED, _("מאושר")), (Basis.ESTIMATED, _("הערכה"))]


def _money_kpi(basis: str, basis_label: Any, component: str, label: Any, field: str, factor: int) -> KPI:
    def value(s: Summary) -> Decimal:
        return Decimal(getattr(s.ledger_sum(Measure.DECIDED, outcome="approved", basis=basis), field)) * factor

    wording = "monthly amount × 12" if factor == 12 else f"{field.replace('_', '-')} amount"
    state = "confirmed by evidence (decision letter, payment, partner status)" if basis == Basis.CONFIRMED else (
        "still estimated (from a screening; no evidence recorded yet)"
    )  # fmt: skip
    return KPI(
        f"money_{basis}_{component}",
        "money",
        format_lazy("{} ({})", label, basis_label),
        "money",
        LEDGER,
        f"₪ realized: the {wording} of ledger rows approved in the period whose amounts are {state}.",
        value,
        Drill("rights", "decided_on", lambda today: APPROVED & Q(basis=basis) & Q(**{f"{field}_amount__gt": 0})),
    )


MONEY = [_money_kpi(b, bl, c, cl, f, x) for b, bl in BASES for c, cl, f, x in COMPONENTS]


def _median_of(span: str) -> Callable[[Summary], Number | None]:
    return lambda s: median(s.durations[span])


def _reach_of(group: str) -> Callable[[Summary], Number | None]:
    return lambda s: s.reach[group]


TIMES = [
    KPI(
        f"days_to_{span}",
        "time",
        label,
        "days",
        LEDGER,
        f"Median days from the first contact (the case's first inquiry, or the day the case was opened) to the "
        f"{event}, over ledger rows whose {event} fell in the period. Exact up to 31 days; beyond, the first day of its "
        "week (to 185 days) or of its 30 days (the lower median of the buckets).",
        _median_of(span),
        Drill("rights", field),
    )
    for span, label, event, field in [
        (Span.SUBMISSION, _("ימים חציוניים מפנייה להגשה"), "submission", "submitted_on"),
        (Span.DECISION, _("ימים חציוניים מפנייה להחלטה"), "decision", "decided_on"),
        (Span.PAYMENT, _("ימים חציוניים מפנייה לתשלום ראשון"), "first payment", "paid_on"),
    ]
]
TIMES += [
    KPI(
        "retro_months_lost",
        "time",
        _("חודשי רטרואקטיביות שאבדו"),
        "months",
        LEDGER,
        "For rights identified in the period with a retroactivity cap (e.g. National Insurance pays back at most 12 "
        "months before the claim) and not denied: the calendar months from identification to submission (or to "
        "today, while unclaimed) beyond the cap, summed.",
        lambda s: s.ledger_sum(Measure.IDENTIFIED).months_lost,
        Drill("rights", "identified_on", _months_lost_q),
    ),
    KPI(
        "retro_money_lost",
        "time",
        _("כסף שאבד בשל עיכוב"),
        "money",
        LEDGER,
        "The same months lost, each times the row's monthly amount (₪ that can no longer be claimed back).",
        lambda s: s.ledger_sum(Measure.IDENTIFIED).money_lost,
        Drill("rights", "identified_on", _months_lost_q),
    ),
]

ANSWERED = [ReferralState.CLOSED_IN_SLA, ReferralState.CLOSED_LATE, ReferralState.OPEN_IN_SLA, ReferralState.OPEN_LATE]
CLOSED = [ReferralState.CLOSED_IN_SLA, ReferralState.CLOSED_LATE, ReferralState.CLOSED_NO_ANSWER]
IN_SLA = [ReferralState.CLOSED_IN_SLA, ReferralState.OPEN_IN_SLA]
REFERRAL_SOURCE = "cases.Referral (its first partner answer and status history, cases.ReferralStatusChange)"

REFERRALS = [
    KPI(
        "referrals_sent",
        "referrals",
        _("הפניות שנשלחו"),
        "count",
        REFERRAL_SOURCE,
        "Referrals sent to partner agencies in the period. The channel filter does not apply.",
        lambda s: s.referral_count(),
        Drill("referrals", "sent_at"),
    ),
    KPI(
        "referrals_answered",
        "referrals",
        _("הפניות שנענו"),
        "count",
        REFERRAL_SOURCE,
        "Referrals sent in the period that the partner has answered (a status given through its signed link).",
        lambda s: s.referral_count(*ANSWERED),
        Drill("referrals", "sent_at", lambda today: Q(first_answer_at__isnull=False)),
    ),
    KPI(
        "loop_closure",
        "referrals",
        _("סגירת מעגל"),
        "percent",
        REFERRAL_SOURCE,
        "Of the referrals sent in the period, the share in a final status today (approved, denied, closed without "
        "a result, no capacity).",
        lambda s: _rate(s.referral_count(*CLOSED), s.referral_count()),
        Drill("referrals", "sent_at", lambda today: Q(status__in=list(FINAL_STATUSES))),
    ),
    KPI(
        "partner_sla",
        "referrals",
        _("עמידה בזמן מענה של השותף"),
        "percent",
        REFERRAL_SOURCE,
        "Of the referrals sent in the period whose answer is due or given, the share the partner answered within "
        "its service level (the organization's days to a first answer). Referrals still within it are left out.",
        lambda s: _rate(s.referral_count(*IN_SLA), s.referral_count(*ANSWERED, ReferralState.OVERDUE)),
        Drill("referrals", "sent_at", lambda today: Q(first_answer_at__isnull=False)),
    ),
]

BARRIERS = [
    KPI(
        "barriers_recorded",
        "barriers",
        _("חסמים שתועדו"),
        "count",
        "cases.Barrier",
        "Barriers met at agencies, by the day they occurred in the period. Channel and team filters do not apply.",
        lambda s: sum(n for (_m, k), n in s.barriers.items() if k == "recorded"),
        Drill("barriers", "occurred_on"),
    ),
    KPI(
        "barriers_resolved",
        "barriers",
        _("חסמים שנפתרו"),
        "count",
        "cases.Barrier",
        "Of the barriers that occurred in the period, those resolved by today.",
        lambda s: sum(n for (_m, k), n in s.barriers.items() if k == "resolved"),
        Drill("barriers", "occurred_on", lambda today: Q(resolved_on__isnull=False)),
    ),
]

GROUP_LABELS: dict[str, Any] = {
    "elderly": _("אזרחים ותיקים"),
    "disability": _("אנשים עם מוגבלות"),
    "immigrants": _("עולים חדשים"),
    "arabic": _("דוברי ערבית"),
    "russian": _("דוברי רוסית"),
    "single_parents": _("הורים יחידים"),
}


def _group_rule(group: str) -> str:
    if group in GROUP_LANGUAGES:
        return f"whose preferred language is `{GROUP_LANGUAGES[group]}`"
    rights = ", ".join(f"`{p}`" for p in sorted(GROUP_RIGHTS[group]))
    return f"whose household's ledger holds one of {rights}"


REACH = [
    KPI(
        f"reach_{group}",
        "reach",
        label,
        "count",
        "cases.Inquiry, cases.Case, cases.Resident, cases.Entitlement",
        f"Residents in contact in the period (resident-months, as `residents_served`) {_group_rule(group)}.",
        _reach_of(group),
    )
    for group, label in GROUP_LABELS.items()
]


def _share(part: str, whole: str) -> Callable[[Summary], Decimal | None]:
    def value(s: Summary) -> Decimal | None:
        return _rate(s.follow_ups[part], s.follow_ups[whole]) if s.follow_ups[whole] >= K_ANONYMITY else None

    return value


def _counted(name: str) -> Callable[[Summary], int]:
    return lambda s: s.follow_ups[name]


FOLLOW_UP_SOURCE = "cases.CaseScreening (a case's stored screenings), screening.Screening (the household's facts)"
COHORT = (
    f"Accompanied households (a household with a screening on one of its cases) whose {WINDOW_MONTHS} months from "
    "that first screening (the baseline) ended in the period, counted in that month once they have ended."
)
FOLLOWED = (
    f"screened again on a case more than {FOLLOW_UP_AFTER.days} days and at most {WINDOW_MONTHS} months after the "
    "baseline (the last such screening is the follow-up)"
)

DEPENDENCE = [
    KPI(
        "followup_households",
        "dependence",
        _("משקי בית שמלאו 12 חודשים מתחילת הליווי"),
        "count",
        FOLLOW_UP_SOURCE,
        f"{COHORT} Filters other than the period do not apply.",
        _counted("households"),
    ),
    KPI(
        "followup_screened",
        "dependence",
        _("מהם נבדקו שוב בתוך 12 חודשים"),
        "count",
        FOLLOW_UP_SOURCE,
        f"Of those households, the ones {FOLLOWED}. The two shares below are computed over these only.",
        _counted("followed"),
    ),
    KPI(
        "work_income_rose",
        "dependence",
        _("ניעות: משקי בית שהכנסתם מעבודה עלתה בתוך 12 חודשים"),
        "percent",
        FOLLOW_UP_SOURCE,
        "Of the households followed up whose income from work is known both times (the sum of every member's "
        "`income.work`; a child given no income has none), the share whose income from work at the follow-up is "
        f"higher than at the baseline, in shekels of each day (not adjusted for prices). Withheld below "
        f"{K_ANONYMITY} households.",
        _share("work_rose", "work_compared"),
        basis=_counted("work_compared"),
    ),
    KPI(
        "income_support_ended",
        "dependence",
        _("תלות: משקי בית שהפסיקו לקבל הבטחת הכנסה בתוך 12 חודשים"),
        "percent",
        FOLLOW_UP_SOURCE,
        "Of the households followed up that received income support (גמלת הבטחת הכנסה, listed in a member's "
        "`receives`) at the baseline and whose benefits are known at the follow-up, the share no longer receiving it "
        f"at the follow-up. Withheld below {K_ANONYMITY} households.",
        _share("support_ended", "support_compared"),
        basis=_counted("support_compared"),
    ),
]

KPIS: list[KPI] = [*INQUIRIES, *RIGHTS, *MONEY, *TIMES, *REFERRALS, *BARRIERS, *REACH, *DEPENDENCE]
BY_ID: dict[str, KPI] = {kpi.id: kpi for kpi in KPIS}

SECTIONS: dict[str, Any] = {
    "inquiries": _("פניות ותושבים"),
    "rights": _("זכויות: מזיהוי ועד תשלום"),
    "money": _("כסף שמומש"),
    "time": _("זמנים ורטרואקטיביות"),
    "referrals": _("הפניות לגופים שותפים"),
    "barriers": _("חסמים"),
    "reach": _("הגעה לאוכלוסיות"),
    "dependence": _("תלות וניעות חברתית"),
}

# Said under a section wherever its figures are shown (the dashboard, the monthly report).
SECTION_HELP: dict[str, Any] = {
    "dependence": _(
        "לפי בדיקות הזכאות של משק הבית: הראשונה בתיק מול בדיקה חוזרת בתוך 12 חודשים. שיעור מוצג רק כשיש לפחות 10 "
        "משקי בית. הוא מתאר שינוי, ואינו מראה שהליווי גרם לו."
    ),
}

# Said in docs/kpis.md after a section's table: where a definition comes from, and what its figures cannot show.
SECTION_NOTES: dict[str, str] = {
    "dependence": (
        '**Why these two.** The program\'s own words: "עיר מקדמת זכויות" is "a local working model for raising the '
        "take-up of rights among residents, with an emphasis on weakened populations, in order to reduce their "
        'dependence on welfare services and to help advance social mobility" (מודל עבודה יישובי להגדלת שיעור '
        "מימוש הזכויות בקרב התושבים, בדגש על אוכלוסיות מוחלשות, על מנת להקטין את תלותם בשירותי הרווחה ולסייע "
        "בקידום מוביליות חברתית); the same page names the residents' socio-economic mobility as what higher take-up "
        "should improve (Rashi Foundation, the program's page, https://rashi.org.il/programs/city-of-rights/ ; a "
        "joint program of the Ministry of Welfare and Social Security, the Rashi Foundation and JDC). "
        "`work_income_rose` reads mobility as income from work; `income_support_ended` reads dependence as the "
        "subsistence benefit, the one dependence the screenings record.\n\n"
        "**How the households are followed.** Every screening of a case is stored with the household's facts and "
        "linked to the case (`cases.CaseScreening`, also for a help request's screening once its inquiry becomes a "
        "case). The first is the baseline; screening the household again from the case page, more than 90 days and "
        "at most 12 months later, is the follow-up; the home of a coordinator or manager lists the households due for "
        "it (six months or more from their first screening, not screened again yet). The staff screening form asks "
        "the income from work and, since this change, which "
        'benefits the household already receives (left blank, it is unknown, never "none"). Only a baseline and '
        "its follow-up are decrypted, in the rebuild; the tables hold counts by month, never a household.\n\n"
        "**What they cannot show.**\n"
        "- Cause: a rise in income or the end of income support is a change, not the center's effect; there is no "
        "comparison group (outreach's holdout measures its campaigns, not accompaniment).\n"
        "- Households never screened again: the shares cover only those followed up (`followup_screened` of "
        "`followup_households`), who may differ from the rest; a center that re-screens only the households that "
        "did well would flatter them.\n"
        "- Welfare services beyond income support: the municipal social-services department's support, housing "
        "or food aid, are recorded nowhere in Mizui, so their end cannot be measured.\n"
        "- Reasons: income support also ends on reaching the retirement age (old-age pension replaces it), on a "
        "new partner's income, or on a move; income from work also changes with who lives in the household.\n"
        "- Amounts are in shekels of each day, not adjusted for prices: a small rise may be a fall in real terms.\n"
        "- Anything after 12 months, and a second episode of the same household (its baseline is its first "
        "screening ever).\n"
        "- Small numbers: a share over fewer than 10 households is withheld; the counts above it are shown, as the "
        "other counts of the dashboard are. They are not in the national exchange (its schema has no such table yet)."
    ),
}

# Figures read live from the outreach and community apps through their own report functions (outcomes/wired.py);
# listed here so docs/kpis.md documents them with the rest.
WIRED: list[tuple[str, str, str]] = [
    ("take_up_estimated", "outreach.services.batch.estimated_eligible_by_right, cases.Entitlement",
     "Per right: households the ledger shows approved or paid today ÷ (those + households with the right on the "
     "ledger and still in progress — not denied, not given up — + households the latest finished batch screening run "
     "estimates eligible and not on the ledger). An estimate: the batch works on municipal records."),
    ("campaign_funnel", "outreach.services.measure.campaign_funnel",
     "Per campaign launched in the period, its treatment group: list → contacted → responded → applied → approved → "
     "paid (ledger steps on or after the launch)."),
    ("campaign_uplift", "outreach.services.measure.campaign_uplift",
     "Confirmed take-up in the treatment group minus the randomized holdout's, in percentage points "
     "(intention to treat), with outreach's 95% interval."),
    ("population_share", "outreach.PopulationMember, outreach.BatchRun.group_counts",
     "Each group's share of the imported municipal population, beside its share of residents served: Arabic and "
     "Russian speakers from the imported people's language today; elderly (65+ on the run's date), people with "
     "disabilities, new immigrants (< 24 months) and single parents from the person counts of the latest finished "
     "batch screening run, which reads the encrypted facts while it screens (a person counts in every group any "
     "member of their household belongs to, as reach does)."),
    ("volunteer_hours", "community.services.reports.volunteer_hours",
     "Hours volunteers logged in the period, how many volunteers, and the cases they gave hours to."),
    ("event_attribution", "community.services.reports.event_attribution",
     "Per event or activity (its code on `Inquiry.event_code`): inquiries in the period, the cases they became, and "
     "the confirmed money on those cases."),
]  # fmt: skip

# Figures the issue asks for that cannot be computed yet; listed so nobody mistakes their absence for a zero.
MISSING: list[tuple[str, str]] = []
