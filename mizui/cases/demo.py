"""The demo's residents, inquiries and cases: synthetic people, every channel, every ledger stage.

`load(authorities)` runs from `manage.py load_demo`. Everything goes through the services, so timelines
and the access log look as real work leaves them; the services stamp "now", so each step's rows are then
moved back to the day the story says, relative to the day of loading (overdue tasks stay overdue, the
retroactivity clock runs). A story whose applicant (by ID number) or inquiry (by phone) already exists is
skipped, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone
from stdnum import luhn

from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases import services
from mizui.cases.models import (
    Case,
    CaseEvent,
    CloseReason,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Decision,
    DenialReason,
    Entitlement,
    Household,
    HouseholdRole,
    Inquiry,
    InquiryChannel,
    Note,
    Resident,
    Sensitivity,
    Stage,
    Task,
)
from mizui.directory.models import Organization
from mizui.lib.crypto import blind_index
from mizui.screening.models import Screening
from mizui.screening.services import run_screening

# Synthetic names (Hebrew, Arabic and Russian origin, in Hebrew script; Latin spelling where the resident
# uses one), by slot: slots 0-14 are residents of the stories below, 15-18 inquirers who are not residents yet.
NAMES: dict[str, list[tuple[str, str]]] = {
    "ashdod-demo": [
        ("רוני אזולאי", ""), ("ליאם אזולאי", ""), ("נועה אזולאי", ""), ("טטיאנה מורוזובה", "Tatiana Morozova"),
        ("סאמר חורי", "Samer Khoury"), ("רנא חורי", "Rana Khoury"), ("אדם חורי", "Adam Khoury"),
        ("מירב שושן", ""), ("איתי שושן", ""), ("אלון דהן", ""), ("בוריס קפלן", "Boris Kaplan"),
        ("לריסה קפלן", "Larisa Kaplan"), ("הודיה ביטון", ""), ("שחר ביטון", ""), ("אמל סעדי", "Amal Saadi"),
        ("גלית נחום", ""), ("וואפא דראושה", "Wafa Darawshe"), ("יבגניה רוזן", "Yevgenia Rozen"), ("עדן מלכה", ""),
    ],
    "beersheva-demo": [
        ("אורטל אלמליח", ""), ("עידו אלמליח", ""), ("שירה אלמליח", ""), ("ולנטינה גורדון", "Valentina Gordon"),
        ("ח׳ליל אבו-עמאר", "Khalil Abu-Ammar"), ("סועאד אבו-עמאר", "Suad Abu-Ammar"),
        ("יוסף אבו-עמאר", "Yousef Abu-Ammar"), ("ליאת חדד", ""), ("אורי חדד", ""), ("יניב אוחיון", ""),
        ("ארקדי זילברמן", "Arkadi Zilberman"), ("סבטלנה זילברמן", "Svetlana Zilberman"), ("סתיו עמר", ""),
        ("אגם עמר", ""), ("היבה אלנסאסרה", "Hiba Alnasasra"),
        ("מורן טל", ""), ("מונא אבו-קוידר", "Muna Abu-Kweider"), ("אנה ליבוביץ", "Anna Leibovich"), ("רז בוזגלו", ""),
    ],
}  # fmt: skip
AUTHORITY_CODE = {"ashdod-demo": 1, "beersheva-demo": 2}  # keeps the two demos' ID numbers and phones apart


def demo_id_number(authority_code: int, slot: int) -> str:
    """A synthetic ID number with a valid check digit, in a range (9xxxxxxx) kept for the demo."""
    base = f"9{authority_code:02d}{slot:05d}"
    return base + luhn.calc_check_digit(base)


def demo_phone(authority_code: int, slot: int) -> str:
    return f"05{2 * authority_code}555{slot:04d}"


@dataclass(frozen=True)
class Member:
    slot: int
    born: str
    sex: str = "female"
    role: HouseholdRole = HouseholdRole.APPLICANT
    marital: str = "single"
    employment: str = "not_working"
    work: int = 0
    months_worked: int = 0
    incapacity: int = 0
    immigrated: str | None = None


@dataclass(frozen=True)
class Track:
    """Where one right of the household's ledger has got to, and how."""

    program: str
    path: str  # a key of PATHS
    amount: Decimal | None = None  # the confirmed monthly amount, when the decision gives one
    reason: DenialReason = DenialReason.OTHER


@dataclass(frozen=True)
class Story:
    members: tuple[Member, ...]
    channel: InquiryChannel
    topic: str
    days_ago: int
    language: str = "he"
    housing: dict[str, Any] = field(default_factory=lambda: {"tenure": "renter", "rent_monthly": 2800})
    debts: int = 0
    tracks: tuple[Track, ...] = ()
    tasks: tuple[tuple[str, int, str], ...] = ()  # (title, due in days from today, owner role)
    notes: tuple[tuple[str, bool, str], ...] = ()  # (body, privileged, author role)
    consents: tuple[tuple[ConsentPurpose, ConsentMethod, int | None, str], ...] = (
        (ConsentPurpose.KEEP_DATA, ConsentMethod.SIGNATURE, None, ""),
    )  # (purpose, method, expires in days from today, partner)
    volunteer: bool = False
    sensitive: bool = False
    screen: bool = True
    closed: bool = False
    follow_up: int | None = None  # days after opening when staff screen the household again (outcomes/followup.py)


# Each path is the steps a right takes after it was identified.
PATHS: dict[str, tuple[Stage, ...]] = {
    "documents": (Stage.DOCUMENTS,),
    "submitted": (Stage.DOCUMENTS, Stage.SUBMITTED),
    "approved": (Stage.DOCUMENTS, Stage.SUBMITTED, Stage.DECIDED),
    "denied": (Stage.SUBMITTED, Stage.DECIDED),
    "appealed": (Stage.SUBMITTED, Stage.DECIDED, Stage.APPEALED),
    "paid": (Stage.DOCUMENTS, Stage.SUBMITTED, Stage.DECIDED, Stage.PAID),
    "renewal": (Stage.SUBMITTED, Stage.DECIDED, Stage.PAID, Stage.RENEWAL_DUE),
    "dropped": (Stage.DROPPED,),
}
CHILD = HouseholdRole.CHILD
PARTNER = HouseholdRole.PARTNER

STORIES = [
    Story(
        members=(
            Member(0, "1988-03-14", marital="divorced", employment="employed", work=3200, months_worked=18),
            Member(1, "2016-01-09", sex="male", role=CHILD),
            Member(2, "2019-05-21", role=CHILD),
        ),
        channel=InquiryChannel.WALK_IN,
        topic="אם יחידנית: הבטחת הכנסה, קצבת ילדים והנחה בארנונה",
        days_ago=150,
        housing={"tenure": "renter", "rent_monthly": 3500},
        tracks=(
            Track("income_support", "paid"),
            Track("child_allowance", "approved"),
            Track("arnona_single_parent", "documents"),
        ),
        tasks=(("להביא אישורי לימודים של הילדים", -6, "coordinator"),),
        notes=(("הגיעה עם שני הילדים. צריכה עזרה במילוי הטפסים המקוונים.", False, "coordinator"),),
        consents=(
            (ConsentPurpose.KEEP_DATA, ConsentMethod.SIGNATURE, None, ""),
            (ConsentPurpose.CONTACT, ConsentMethod.VERBAL, None, ""),
        ),
    ),
    Story(
        members=(Member(3, "1950-03-01", marital="widowed", employment="retired"),),
        channel=InquiryChannel.PHONE,
        topic="אזרחית ותיקה: השלמת הכנסה, קצבת זקנה והנחות",
        days_ago=420,
        language="ru",
        housing={"tenure": "renter", "rent_monthly": 2500},
        tracks=(
            Track("old_age_income_supplement", "denied", reason=DenialReason.INCOME),
            Track("old_age_pension", "renewal", amount=Decimal("1838")),
            Track("electricity", "dropped"),
            Track("arnona_senior", "submitted"),
        ),
        tasks=(
            ("להתקשר ולבדוק אם הגיע מכתב מביטוח לאומי", -3, "volunteer"),
            ("לאסוף תדפיסי בנק לשלושה חודשים", 7, "volunteer"),
        ),
        notes=(("ביקור בית: מבינה עברית מעט, נוח לה ברוסית. הבת עוזרת בטלפון.", False, "volunteer"),),
        consents=(
            (ConsentPurpose.KEEP_DATA, ConsentMethod.SIGNATURE, None, ""),
            (ConsentPurpose.SHARE_PARTNER, ConsentMethod.SIGNATURE, -30, "המוסד לביטוח לאומי"),
        ),
        volunteer=True,
        follow_up=250,
    ),
    Story(
        members=(
            Member(4, "1975-03-01", sex="male", marital="married", incapacity=75),
            Member(
                5, "1977-01-15", role=PARTNER, marital="married", employment="employed", work=2500, months_worked=18
            ),
            Member(6, "2012-01-30", sex="male", role=CHILD),
        ),
        channel=InquiryChannel.TRUSTEE,
        topic="נכות: הנחה בארנונה וערר על סיוע בשכר דירה",
        days_ago=240,
        language="ar",
        housing={"tenure": "renter", "rent_monthly": 3000},
        tracks=(
            Track("rent_assistance", "appealed", reason=DenialReason.DOCUMENTS),
            Track("arnona_incapacity_75", "approved", amount=Decimal("210")),
        ),
        tasks=(("להשלים נימוקי ערר למשרד הבינוי והשיכון", -2, "lawyer"),),
        notes=(
            ("הדחייה בטענת מסמכים חסרים שגויה: יש אישור מסירה. בערר נבקש גם רטרואקטיביות.", True, "lawyer"),
            ("הנאמנת בשכונה הביאה את המשפחה; נוח להם בערבית.", False, "coordinator"),
        ),
    ),
    Story(
        members=(
            Member(7, "1990-07-07", marital="separated", employment="employed", work=2100, months_worked=10),
            Member(8, "2018-11-02", sex="male", role=CHILD),
        ),
        channel=InquiryChannel.PARTNER,
        topic="הפניה מהרווחה: הבטחת הכנסה וסיוע בשכר דירה",
        days_ago=60,
        housing={"tenure": "renter", "rent_monthly": 3200},
        tracks=(Track("income_support", "documents"), Track("rent_assistance", "documents")),
        notes=(("מופנית מהמרכז לטיפול באלימות במשפחה. לא לשלוח דואר הביתה; רק לנייד.", True, "lawyer"),),
        consents=((ConsentPurpose.CONTACT, ConsentMethod.VERBAL, None, ""),),
        sensitive=True,
    ),
    Story(
        members=(Member(9, "1982-03-01", sex="male", employment="unemployed", months_worked=14),),
        channel=InquiryChannel.SCREENER,
        topic="הבטחת הכנסה אחרי פיטורים",
        days_ago=45,
        housing={"tenure": "renter", "rent_monthly": 2200},
        tracks=(Track("income_support", "submitted"),),
        tasks=(("לבדוק רישום בשירות התעסוקה", -10, "coordinator"),),
    ),
    Story(
        members=(
            Member(10, "1958-01-20", sex="male", marital="married", employment="retired", immigrated="2024-06-01"),
            Member(11, "1960-03-11", role=PARTNER, marital="married", immigrated="2024-06-01"),
        ),
        channel=InquiryChannel.OUTREACH,
        topic="עולים חדשים: הנחה בארנונה וקצבת זקנה",
        days_ago=300,
        language="ru",
        housing={"tenure": "renter", "rent_monthly": 2600},
        tracks=(Track("arnona_new_immigrant", "paid", amount=Decimal("160")),),
    ),
    Story(
        members=(
            Member(12, "1979-03-01", marital="divorced", employment="employed", work=4000, months_worked=18),
            Member(13, "2010-01-01", role=CHILD),
        ),
        channel=InquiryChannel.WALK_IN,
        topic="חובות בהוצאה לפועל",
        days_ago=90,
        debts=60000,
        tracks=(Track("arnona_income_test", "submitted"), Track("child_allowance", "approved")),
        tasks=(("לקבוע פגישה עם עו״ד מהסיוע המשפטי", 14, "lawyer"),),
    ),
    Story(
        members=(Member(14, "1966-09-09", marital="married", employment="employed", work=7000, months_worked=18),),
        channel=InquiryChannel.WALK_IN,
        topic="בירור זכויות כללי",
        days_ago=200,
        language="ar",
        notes=(("הפונה כבר מקבלת את כל מה שמגיע לה; התיק נסגר.", False, "coordinator"),),
        screen=False,
        closed=True,
    ),
]
# Inquiries that are not (yet) cases: (slot, channel, days ago, note, closed with reason).
OPEN_INQUIRIES: list[tuple[int, InquiryChannel, int, str, CloseReason | None]] = [
    (15, InquiryChannel.PHONE, 2, "שואלת על הנחה בארנונה לפי הכנסה", None),
    (16, InquiryChannel.TRUSTEE, 4, "שכנה מבוגרת שלא יודעת אם היא מקבלת השלמת הכנסה", None),
    (17, InquiryChannel.SCREENER, 1, "", None),
    (18, InquiryChannel.PHONE, 30, "השאיר הודעה; לא עונה לשלוש שיחות חוזרות", CloseReason.NOT_REACHED),
]

# What the services stamp "now", and the field to move back to the story's day.
DATED: dict[type[models.Model], str] = {
    Household: "created_at",
    Resident: "created_at",
    Inquiry: "created_at",
    Case: "opened_at",
    Task: "created_at",
    Note: "created_at",
    Consent: "given_at",
    Entitlement: "identified_on",
    CaseEvent: "at",
    Screening: "created_at",
}


def _last_pks() -> dict[type[models.Model], int]:
    """The highest id of every DATED table, in one query (the demo asks before and after each step)."""
    qn = connection.ops.quote_name
    # S608: no outside input, only the models' own table names.
    tables = ", ".join(f"(SELECT MAX(id) FROM {qn(model._meta.db_table)})" for model in DATED)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}")
        row = cursor.fetchone() or ()
    return {model: int(pk or 0) for model, pk in zip(DATED, row, strict=True)}


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@contextmanager
def _dated(authority: Authority, day: dt.date) -> Iterator[None]:
    """Move what the block creates to `day` (events a minute apart, to keep the timeline in order)."""
    before = _last_pks()
    yield
    after = _last_pks()
    for model, name in DATED.items():
        if after[model] == before[model]:
            continue
        new = model._default_manager.filter(authority=authority, pk__gt=before[model])
        if model is CaseEvent:
            for i, pk in enumerate(new.order_by("pk").values_list("pk", flat=True)):
                new.filter(pk=pk).update(at=_at(day) + dt.timedelta(minutes=i))
        else:
            new.update(**{name: day if model is Entitlement else _at(day)})


class Loader:
    """One demo authority: its team (from accounts.demo) and the stories above, told through the services."""

    def __init__(self, authority: Authority) -> None:
        self.authority = authority
        self.code = AUTHORITY_CODE[authority.slug]
        self.names = NAMES[authority.slug]
        self.today = timezone.localdate()
        memberships = Membership.objects.for_authority(authority).select_related("user")
        self.team: dict[str, User] = {m.role: m.user for m in memberships}

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def run(self) -> None:
        for story in STORIES:
            if not Resident.objects.for_authority(self.authority).filter(id_index=self._id_index(story)).exists():
                self.tell(story)
        for slot, channel, days, note, closed in OPEN_INQUIRIES:
            known = Inquiry.objects.for_authority(self.authority).filter(
                phone_index=blind_index(demo_phone(self.code, slot), "phone")
            )
            if not known.exists():
                self.inquiry_only(slot, channel, days, note, closed)

    def _id_index(self, story: Story) -> str:
        return blind_index(demo_id_number(self.code, story.members[0].slot), "id")

    def inquiry(self, slot: int, channel: InquiryChannel, note: str, language: str = "he") -> Inquiry:
        name, phone = self.names[slot][0], demo_phone(self.code, slot)
        if channel == InquiryChannel.SCREENER:
            household = {"members": [{"id": "p1", "role": "applicant", "birth_date": "1984-02-01"}]}
            result = run_screening(household, lang=language)
            return services.request_help(
                authority=self.authority,
                full_name=name,
                phone=phone,
                language=language,
                note=note,
                screening=(household, result),
            )
        return services.record_inquiry(
            self.team[Role.COORDINATOR],
            authority=self.authority,
            channel=channel,
            full_name=name,
            phone=phone,
            language=language,
            note=note,
        )

    def inquiry_only(
        self, slot: int, channel: InquiryChannel, days: int, note: str, closed: CloseReason | None
    ) -> None:
        with _dated(self.authority, self.ago(days)):
            inquiry = self.inquiry(slot, channel, note)
        if closed is not None:
            services.close_inquiry(self.team[Role.COORDINATOR], inquiry, reason=closed)

    def residents(self, story: Story) -> list[Resident]:
        people: list[Resident] = []
        for member in story.members:
            name, latin = self.names[member.slot]
            adult = member.role != CHILD
            data = services.ResidentData(
                full_name=name,
                name_latin=latin,
                id_number=demo_id_number(self.code, member.slot),
                phone=demo_phone(self.code, member.slot) if adult else "",
                birth_date=dt.date.fromisoformat(member.born),
                address=f"רחוב הדגמה {member.slot + 3}",
                preferred_language=story.language,
                no_letters=story.sensitive,
                no_sms=story.sensitive,
                sensitivity=Sensitivity.DOMESTIC_VIOLENCE if story.sensitive and adult else "",
            )
            household = people[0].household if people else None
            people.append(
                services.create_resident(
                    self.team[Role.COORDINATOR],
                    authority=self.authority,
                    data=data,
                    household=household,
                    role=member.role,
                )
            )
        return people

    def tell(self, story: Story) -> None:
        lawyer, coordinator = self.team[Role.LAWYER], self.team[Role.COORDINATOR]
        opened = self.ago(story.days_ago)
        with _dated(self.authority, opened):
            inquiry = self.inquiry(story.members[0].slot, story.channel, story.topic, story.language)
            people = self.residents(story)
            case = services.open_case(
                coordinator,
                resident=people[0],
                topic=story.topic,
                inquiry=inquiry,
                lawyer=lawyer,
                coordinator=coordinator,
                volunteer=self.team[Role.VOLUNTEER] if story.volunteer else None,
            )
            for purpose, method, expires, partner in story.consents:
                services.give_consent(
                    coordinator,
                    resident=people[0],
                    purpose=purpose,
                    method=method,
                    expires_on=self.today + dt.timedelta(days=expires) if expires is not None else None,
                    partner=partner,
                    # Picked from the directory, as the consent form does.
                    organization=Organization.objects.filter(name_he=partner).first() if partner else None,
                )
            if story.screen:
                services.screen_case(lawyer, case, household=household_contract(story), lang="he")
        self.follow(story, case, opened)

    def follow(self, story: Story, case: Case, opened: dt.date) -> None:
        lawyer = self.team[Role.LAWYER]
        ledger = Entitlement.objects.for_authority(self.authority).filter(case=case).order_by("pk")
        rows = {e.program: e for e in ledger}
        for track in story.tracks:
            # When the rules stop identifying this right for the household, the story goes on with another.
            row = rows.pop(track.program, None) or next(
                (rows.pop(p) for p, e in list(rows.items()) if e.stage == Stage.IDENTIFIED), None
            )
            if row is None:
                continue
            steps = PATHS[track.path]
            gap = max(1, (self.today - opened).days // (len(steps) + 1))
            for i, stage in enumerate(steps, start=1):
                day = opened + dt.timedelta(days=gap * i)
                with _dated(self.authority, day):
                    row = services.advance(lawyer, row, step(track, stage, day, row))
        for i, (body, privileged, role) in enumerate(story.notes):
            with _dated(self.authority, opened + dt.timedelta(days=i + 1)):
                services.add_note(self.team[role], case, body=body, privileged=privileged)
        for title, due, role in story.tasks:
            with _dated(self.authority, min(self.today, self.ago(-due + 14))):
                services.add_task(
                    self.team[role],
                    case,
                    title=title,
                    due_on=self.today + dt.timedelta(days=due),
                    owner=self.team[role],
                )
        if story.follow_up is not None:  # the household screened again: its follow-up
            with _dated(self.authority, opened + dt.timedelta(days=story.follow_up)):
                services.screen_case(lawyer, case, household=household_contract(story), lang="he")
        if story.closed:
            closed = self.ago(story.days_ago - 20)
            with _dated(self.authority, closed):
                services.close_case(self.team[Role.COORDINATOR], case)
            Case.objects.for_authority(self.authority).filter(pk=case.pk).update(closed_at=_at(closed))


def step(track: Track, stage: Stage, day: dt.date, row: Entitlement) -> services.Step:
    """The step a staff member would record: decisions come with a reason or a confirmed amount and evidence."""
    if stage == Stage.DECIDED and track.path in {"denied", "appealed"}:
        return services.Step(stage=stage, on=day, decision=Decision.DENIED, denial_reason=track.reason)
    if stage == Stage.DECIDED:
        amount = track.amount if track.amount is not None else row.monthly_amount
        evidence = f"מכתב החלטה מיום {day:%d.%m.%Y}"
        return services.Step(stage=stage, on=day, decision=Decision.APPROVED, monthly_amount=amount, evidence=evidence)
    if stage == Stage.PAID:
        retro = row.monthly_amount * 3
        evidence = f"אישור תשלום מיום {day:%d.%m.%Y}"
        return services.Step(stage=stage, on=day, retroactive_amount=retro, evidence=evidence)
    return services.Step(stage=stage, on=day)


# Answers staff give for every adult in these stories, so the rules have nothing left to guess.
ALWAYS = {
    "receives": [],
    "student": False,
    "soldier": False,
    "holocaust_survivor": False,
    "chronic_illness": False,
    "unpaid_alimony_judgment": False,
}
INCOMES = ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other")


def _adult(pid: str, m: Member) -> dict[str, Any]:
    return {
        **ALWAYS,
        "id": pid,
        "role": str(m.role),
        "birth_date": m.born,
        "sex": m.sex,
        "marital_status": m.marital,
        "resident_since": m.immigrated or "1995-01-01",
        "immigration_date": m.immigrated,
        "disability": {
            "medical_percent": m.incapacity,
            "incapacity_percent": m.incapacity,
            "blind": False,
            "receives_general_disability": False,
        },
        "employment": m.employment,
        "income": {**dict.fromkeys(INCOMES, 0), "work": m.work},
        "months_worked_last_18": m.months_worked,
        "employment_service_registered": m.employment == "unemployed",
    }


def household_contract(story: Story) -> dict[str, Any]:
    """The household as staff would enter it (contract v1, every question answered).

    Evaluated as of today, not as of the story's first day: the rules compile once per legal date, and one
    date for every story keeps the demo quick to load (the stored screenings say so in `as_of`).
    """
    members = [
        {"id": f"p{i}", "role": "child", "birth_date": m.born} if m.role == CHILD else _adult(f"p{i}", m)
        for i, m in enumerate(story.members, start=1)
    ]
    return {
        "members": members,
        "housing": {"arnona_area_sqm": 70, "owns_other_property": False, "ever_owned_home": False, **story.housing},
        "assets": {"car_value": 0, "financial_assets": 2000},
        "debts": {"total": story.debts, "includes_alimony": False, "enforcement_file": story.debts > 0},
    }


def load(authorities: list[Authority]) -> None:
    for authority in authorities:
        if authority.slug not in NAMES:
            continue
        with tenant_context(authority):
            Loader(authority).run()
