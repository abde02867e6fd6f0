"""How likely a candidate right is to be confirmed once the household is reached.

A batch run knows four things about a right (`outreach.models.Tier`): eligible on the household's facts; `maybe`
with one question that decides it; `maybe`, but eligible when the facts a municipal file rarely holds take their
usual value (``presumed``); `maybe` with more left open. Until campaigns have outcomes, each tier has a stated
prior: files are partial and go stale, so even "eligible" is not certain, and a right one question decides is
about as likely to go either way.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import polars as pl

from eligibility.catalogue import catalogue
from eligibility.engine import compile_plan
from eligibility.inputs import inputs
from eligibility.parameters import parameter
from mizui.accounts.models import Authority
from mizui.outreach.models import Campaign, CampaignTarget, Group, TargetStatus, Tier, UnclaimedRight
from mizui.outreach.services.measure import confirmed_programs

PRIORS = {Tier.ELIGIBLE: 0.85, Tier.ONE_FACT: 0.45, Tier.LIKELY: 0.35, Tier.OPEN: 0.05}
# How many contacted households the prior weighs as (a Beta prior): with few outcomes the probability stays near the
# prior, with many it is what the outcomes say.
PRIOR_WEIGHT = 20


@dataclass(frozen=True)
class Calibration:
    """A right and tier's chance of a confirmed award once the household is reached: the prior moved by outcomes."""

    program: str
    tier: str
    contacted: int  # households of that right and tier reached by a campaign (treatment group, contacted)
    confirmed: int  # of them, awarded the right on the ledger (confirmed) since their campaign's launch

    @property
    def probability(self) -> float:
        prior = PRIORS[Tier(self.tier)]
        return (self.confirmed + prior * PRIOR_WEIGHT) / (self.contacted + PRIOR_WEIGHT)


def calibrations(authority: Authority) -> dict[tuple[str, str], Calibration]:
    """Per (right, tier): the campaigns' outcomes so far. A campaign's households carry the tier each targeted
    right had in the run it was launched on; a household counts once reached (contacted or responded)."""
    counts: dict[tuple[str, str], list[int]] = {}
    launched = Campaign.objects.for_authority(authority).filter(run__isnull=False).select_related("authority")
    for campaign in launched:
        reached = list(
            CampaignTarget.objects.for_authority(authority).filter(
                campaign=campaign,
                group=Group.TREATMENT,
                status__in=[TargetStatus.CONTACTED, TargetStatus.RESPONDED],
            )
        )
        if not reached:
            continue
        tiers = {
            (key, program): tier
            for key, program, tier in UnclaimedRight.objects.for_authority(authority)
            .filter(run=campaign.run, household_key__in=[t.household_key for t in reached])
            .values_list("household_key", "program", "tier")
        }
        awarded = confirmed_programs(campaign, reached)
        for target in reached:
            for program in target.program_list():
                tier = tiers.get((target.household_key, program))
                if tier is None:
                    continue
                count = counts.setdefault((program, tier), [0, 0])
                count[0] += 1
                count[1] += program in awarded[target.pk]
    return {key: Calibration(key[0], key[1], n, k) for key, (n, k) in counts.items()}


def probabilities(authority: Authority) -> pl.DataFrame:
    """(program, tier, probability) where campaigns have outcomes; a run falls back on the tier's prior elsewhere."""
    rows = [(c.program, c.tier, c.probability) for c in calibrations(authority).values()]
    return pl.DataFrame(rows, schema={"program": pl.String, "tier": pl.String, "calibrated": pl.Float64}, orient="row")


@functools.cache
def opened_by(as_of: dt.date) -> dict[str, frozenset[str]]:
    """Per right, the other rights whose eligibility its own rule reads, directly or not (rent assistance reads
    income support's and the old-age income supplement's): read from the rules' dependencies, not from a list.

    A right that is likely only because such a right is likely is no surer than that right: its chance is its own
    tier's times the opening right's (``gated``)."""
    plan = compile_plan(as_of, (), False)
    rights = {spec["variable"]: pid for pid, spec in catalogue().items()}
    opened: dict[str, frozenset[str]] = {}
    for pid, spec in catalogue().items():
        seen: set[str] = set()
        stack, found = [spec["variable"]], set()
        while stack:
            for dep in plan.deps.get(stack.pop(), ()):
                if dep in seen:
                    continue
                seen.add(dep)
                if rights.get(dep, pid) != pid:
                    found.add(rights[dep])
                else:
                    stack.append(dep)
        opened[pid] = frozenset(found)
    return opened


def gated(pid: str, as_of: dt.date, tier: pl.Expr, chance: dict[str, float], usual: bool) -> pl.Expr:
    """The factor on a candidate's probability from the rights that open it (``opened_by``): where it is likely
    (eligible on the usual values) while no right that opens it is received or eligible on the facts, and some is
    itself only likely, it is that right's chance of being confirmed (``chance``: its likely tier's, calibrated
    where campaigns have outcomes); 1 elsewhere. Run results' columns: ``<id>__status``, ``usual|<id>__status``."""
    openers = sorted(opened_by(as_of).get(pid, ()))
    if not openers or not usual:
        return pl.lit(1.0)
    sure = pl.any_horizontal(pl.col(f"{g}__status").is_in(["eligible", "already_receiving"]) for g in openers)
    factor = pl.lit(None, dtype=pl.Float64)
    for g in openers:  # the likeliest opening right's chance
        likely = (pl.col(f"{g}__status") == "maybe") & (pl.col(f"usual|{g}__status") == "eligible")
        factor = pl.max_horizontal(factor, pl.when(likely).then(pl.lit(chance[g])))
    return pl.when((tier == Tier.LIKELY.value) & ~sure.fill_null(False)).then(factor).otherwise(None).fill_null(1.0)


# What most people's answer is to the facts municipal files rarely hold. Never an age, a family or a tenure, and an
# income only beside another one a file gives (below): those decide means tests and are left unknown. Presumed only
# to rank a list: the list says which rights rest on them, and the answer a resident gets never does.
USUAL: dict[str, object] = {
    "car_value": 0.0,
    "financial_assets": 0.0,
    "owns_other_property": False,
    "student": False,
    "soldier": False,
    "holocaust_survivor": False,
    "chronic_illness": False,
    "blind": False,
    "medical_percent": 0.0,
    "incapacity_percent": 0.0,
    "receives_general_disability": False,
    "debt_total": 0.0,
    "debt_includes_alimony": False,
    "debt_enforcement_file": False,
    # No alimony judgment left unpaid (National Insurance would pay it, and income support only tops it up).
    "unpaid_alimony_judgment": False,
    "receives": "",  # no source says they receive anything: nothing
}


# The kinds of income the household contract declares (income from work, occupational pension, ...).
INCOMES = tuple(spec.column for spec in inputs() if spec.column.startswith("income_"))


# Rights granted only to someone who has reached the retirement age (their rules require it of the applicant:
# `test_likelihood.RetirementAgeTests` checks each against the rules). A source that says a person receives one
# (the arnona payers' file a senior citizen's discount, the national insurer's list an old-age pension) says the
# person has reached that age, even where no file gives their birth date.
FROM_RETIREMENT_AGE = (
    "old_age_pension",
    "old_age_income_supplement",
    "arnona_senior",
    "arnona_senior_income_test",
    "arnona_senior_supplement",
)
# The age past which everyone has reached the retirement age, whatever their sex and birth month, and the
# old-age pension has no income test (a parameter of the law, not a guess).
ABSOLUTE_AGE = "nii.old_age.ages.absolute_age"


# Rights granted only to someone who receives the old-age income supplement or is owed it (the arnona discount of
# its recipients), and the supplement itself: the person's income besides the pension is below its guarantee.
WITH_INCOME_SUPPLEMENT = ("old_age_income_supplement", "arnona_senior_supplement")


# Rights whose rule requires that the household receive another right or be owed it (the arnona discount of the
# income supplement's recipients requires the supplement): a source that says someone receives the first says the
# second is received or owed. Where no source says it is received, it is likely owed (``implied``).
OPENED_BY_RECEIVED = {"arnona_senior_supplement": "old_age_income_supplement"}


def implied(persons: pl.DataFrame) -> pl.DataFrame | None:
    """Per household: ``implied|<right>`` true where a member receives a right that requires it
    (``OPENED_BY_RECEIVED``); None where no source says what anyone receives."""
    columns = []
    for shown, right in sorted(OPENED_BY_RECEIVED.items()):
        found = _receives_any(persons, (shown,))
        if found is None:
            return None
        columns.append(found.any().alias(f"implied|{right}"))
    return persons.group_by("household_id").agg(columns)


def _receives_any(persons: pl.DataFrame, rights: tuple[str, ...]) -> pl.Expr | None:
    """Whether a source says the person receives one of ``rights``; None where no source says what anyone receives."""
    if "receives" not in persons.columns or persons.schema["receives"] != pl.String:
        return None
    listed = pl.col("receives").fill_null("").str.split(";").list.set_intersection(list(rights))
    return listed.list.len() > 0


def _senior_birth_date(persons: pl.DataFrame, as_of: dt.date) -> pl.Expr | None:
    """The birth date presumed for a person no file gives one for and whom a source says receives a right of the
    retirement age: the day they turn the absolute age (the youngest such a person can be and be past every
    retirement age; the amounts of older ages, 80 and over, are not presumed). None where nothing changes."""
    senior = _receives_any(persons, FROM_RETIREMENT_AGE)
    if senior is None:
        return None
    years = int(parameter(ABSOLUTE_AGE, as_of))
    try:
        born = as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February
        born = as_of.replace(year=as_of.year - years, day=28)
    if "birth_date" not in persons.columns:
        return pl.when(senior).then(pl.lit(born)).otherwise(pl.lit(None, dtype=pl.Date)).alias("birth_date")
    kind = persons.schema["birth_date"]
    value = pl.lit(born.isoformat()) if kind == pl.String else pl.lit(born).cast(kind)
    return (
        pl.when(pl.col("birth_date").is_null() & senior).then(value).otherwise(pl.col("birth_date")).alias("birth_date")
    )


def presumed(persons: pl.DataFrame, as_of: dt.date | None = None) -> pl.DataFrame:
    """A batch's persons with the usual value where a fact is missing (``USUAL``); a person without a known
    immigration date has lived in Israel since birth, and one with it since that date, an unemployed person is
    registered with the employment service and past the unemployment benefit (no months of work in the last 18), one
    not working is not registered, a
    renter or a public-housing tenant never owned a home, and (given
    ``as_of``) one a source says receives a right of the retirement age has reached it (``FROM_RETIREMENT_AGE``)."""
    if as_of is not None and (born := _senior_birth_date(persons, as_of)) is not None:
        persons = persons.with_columns(born)
    columns = persons.columns
    filled = [(pl.col(c).fill_null(pl.lit(v)) if c in columns else pl.lit(v)).alias(c) for c, v in USUAL.items()]
    if "birth_date" in columns:
        kind = persons.schema["birth_date"]
        since = pl.col("resident_since") if "resident_since" in columns else pl.lit(None, dtype=kind)
        arrived = pl.col("immigration_date") if "immigration_date" in columns else pl.lit(None, dtype=kind)
        # An immigrant whose arrival a file gives (the new immigrants' list) has lived here since that day.
        filled.append(
            pl.when(since.is_null() & arrived.is_null())
            .then(pl.col("birth_date"))
            .when(since.is_null())
            .then(arrived.cast(kind))
            .otherwise(since.cast(kind))
            .alias("resident_since")
        )
    # A person some file gives an income for has, of the kinds no file gives, none: a welfare export lists the
    # incomes a family has. A person no file gives any income for keeps every income unknown.
    # One a source says receives the income supplement, or a right granted only with it, has an income below the
    # supplement's guarantee: where no file gives their incomes, the ranking presumes the pension alone.
    given = [c for c in INCOMES if c in columns]
    topped_up = _receives_any(persons, WITH_INCOME_SUPPLEMENT)
    if given or topped_up is not None:
        some = pl.any_horizontal(pl.col(c).is_not_null() for c in given) if given else pl.lit(False)
        if topped_up is not None:
            some = some | topped_up
        filled += [
            (
                pl.when(some).then(pl.col(c).fill_null(0.0)).otherwise(pl.col(c))
                if c in columns
                else pl.when(some).then(pl.lit(0.0)).otherwise(pl.lit(None, dtype=pl.Float64))
            ).alias(c)
            for c in INCOMES
        ]
    if "employment" in columns:
        # "Unemployed" (מובטל) is how a file writes a job seeker, and a job seeker is registered with the
        # employment service: the work test of income support reads the registration, which no file holds.
        registered = (
            pl.col("employment_service_registered")
            if "employment_service_registered" in columns
            else pl.lit(None, dtype=pl.Boolean)
        )
        # Files tell a job seeker (מובטל, דורש עבודה) from someone not working (לא עובד, עקרת בית): the registration is
        # how one seeks work, so the second is not registered. Income support's employment test reads it of both
        # members of a couple.
        filled.append(
            pl.when(registered.is_null() & (pl.col("employment") == "unemployed"))
            .then(pl.lit(True))
            .when(registered.is_null() & (pl.col("employment") == "not_working"))
            .then(pl.lit(False))
            .otherwise(registered)
            .alias("employment_service_registered")
        )
        # A job seeker no source names as paid unemployment benefit is past it (the welfare department's job seekers
        # mostly are; the benefit lasts months, not years): income support waits on an unemployment benefit owed and
        # not yet paid, and the months of work that would make it owed are in no municipal file. The call asks them.
        worked = pl.col("months_worked_last_18") if "months_worked_last_18" in columns else pl.lit(None, dtype=pl.Int64)
        filled.append(
            pl.when(worked.is_null() & (pl.col("employment") == "unemployed"))
            .then(pl.lit(0))
            .otherwise(worked)
            .alias("months_worked_last_18")
        )
    if "tenure" in columns:
        owned = pl.col("ever_owned_home") if "ever_owned_home" in columns else pl.lit(None, dtype=pl.Boolean)
        filled.append(
            pl.when(owned.is_null() & pl.col("tenure").is_in(["renter", "public_housing"]))
            .then(pl.lit(False))
            .otherwise(owned)
            .alias("ever_owned_home")
        )
    return persons.with_columns(filled)
