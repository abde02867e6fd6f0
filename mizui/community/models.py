"""Volunteers, rights trustees, trainings, initiatives (events and forum meetings) and the forum's commitments.

Every row belongs to one authority (row-level security). Volunteers and trustees are members (accounts.Membership)
with a profile here; what a volunteer may do in cases is the tier on the membership, which `services.volunteers`
recomputes from the trainings below.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import Membership, TenantModel, TenantQuerySet, User, VolunteerTier
from mizui.cases.models import Barrier, Case, ConsentMethod, Inquiry
from mizui.directory.models import Organization
from mizui.lib.crypto import EncryptedTextField

# Languages a volunteer or trustee speaks with residents (ISO 639-1, as Resident.preferred_language).
LANGUAGES = [
    ("he", _("עברית")),
    ("ar", _("ערבית")),
    ("ru", _("רוסית")),
    ("en", _("אנגלית")),
    ("am", _("אמהרית")),
    ("fr", _("צרפתית")),
    ("es", _("ספרדית")),
]
WEEKDAYS = [
    ("0", _("ראשון")),
    ("1", _("שני")),
    ("2", _("שלישי")),
    ("3", _("רביעי")),
    ("4", _("חמישי")),
    ("5", _("שישי")),
]


class Skill(models.TextChoices):
    DIGITAL = "digital", _("עזרה בשירותים מקוונים")
    FORMS = "forms", _("מילוי טפסים")
    ACCOMPANY = "accompany", _("ליווי למשרדים ולוועדות")
    TRANSLATE = "translate", _("תרגום")
    ELDERLY = "elderly", _("עבודה עם אזרחים ותיקים")
    DISABILITY = "disability", _("היכרות עם זכויות נכות")
    PHONE = "phone", _("שיחות טלפון ומעקב")


class Volunteer(TenantModel):
    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="volunteer_profile")
    languages = models.JSONField(_("שפות"), default=list)
    neighbourhood = models.CharField(_("שכונה"), max_length=100)
    available_days = models.JSONField(_("ימים פנויים"), default=list)
    availability_note = models.CharField(_("שעות ופרטים נוספים"), max_length=200, blank=True, default="")
    skills = models.JSONField(_("כישורים"), default=list)
    joined_on = models.DateField(_("הצטרפות"), default=timezone.localdate)
    is_active = models.BooleanField(_("פעיל/ה"), default=True)
    # Set by a quality review that found a problem: the tier stays one below what the trainings unlock until the
    # coordinator records a re-training (services/supervision.py).
    held_back_since = models.DateField(_("הורד/ה בשלב מאז"), null=True, blank=True)

    objects = TenantQuerySet["Volunteer"].as_manager()

    class Meta:
        verbose_name = _("מתנדב/ת")
        verbose_name_plural = _("מתנדבים")

    def __str__(self) -> str:
        return f"volunteer {self.pk}"

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def tier(self) -> VolunteerTier:
        return VolunteerTier(self.membership.volunteer_tier)


class Recruitment(models.TextChoices):
    CANDIDATE = "candidate", _("מועמד/ת")
    TRAINING = "training", _("בהכשרה")
    ACTIVE = "active", _("פעיל/ה")
    PAUSED = "paused", _("בהפסקה")
    LEFT = "left", _("סיים/ה")


class RecruitedVia(models.TextChoices):
    EVENT = "event", _("אירוע או סדנה")
    RESIDENT = "resident", _("תושב/ת שקיבל/ה עזרה")
    COMMUNITY = "community", _("מרכז קהילתי או עמותה")
    WORD = "word", _("המלצה מפה לאוזן")
    OTHER = "other", _("אחר")


class RightsTrustee(TenantModel):
    """A neighbourhood activist (נאמן/ת זכויות): brings neighbours to the center and follows them coarsely."""

    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="trustee_profile")
    neighbourhood = models.CharField(_("שכונה"), max_length=100)
    languages = models.JSONField(_("שפות"), default=list)
    status = models.CharField(_("שלב"), max_length=10, choices=Recruitment.choices, default=Recruitment.CANDIDATE)
    recruited_on = models.DateField(_("תאריך גיוס"), default=timezone.localdate)
    recruited_via = models.CharField(_("איך הגיע/ה"), max_length=10, choices=RecruitedVia.choices)
    recruited_at = models.ForeignKey(
        "community.Initiative", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recruited_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["RightsTrustee"].as_manager()

    class Meta:
        verbose_name = _("נאמן/ת זכויות")
        verbose_name_plural = _("נאמני זכויות")

    def __str__(self) -> str:
        return f"trustee {self.pk}"

    @property
    def user(self) -> User:
        return self.membership.user


class Course(models.TextChoices):
    ORIENTATION = "orientation", _("היכרות עם המרכז, פרטיות וסודיות")
    SCREENING = "screening", _("בדיקת זכאות עם השאלון")
    DOCUMENTS = "documents", _("איסוף מסמכים לתיק")
    FORMS = "forms", _("מילוי טפסים מול הגופים")
    TRUSTEE = "trustee", _("נאמנות זכויות בשכונה")


# The courses each tier needs (each tier includes the ones before it): training unlocks the tier.
TIER_COURSES: dict[VolunteerTier, frozenset[Course]] = {
    VolunteerTier.SCREEN: frozenset({Course.ORIENTATION, Course.SCREENING}),
    VolunteerTier.DOCUMENTS: frozenset({Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS}),
    VolunteerTier.FORMS: frozenset({Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS, Course.FORMS}),
}
# What a trustee needs before registering neighbours.
TRUSTEE_COURSES = frozenset({Course.ORIENTATION, Course.TRUSTEE})


class TrainingCompletion(TenantModel):
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    course = models.CharField(_("הכשרה"), max_length=12, choices=Course.choices)
    completed_on = models.DateField(_("תאריך"))
    trainer = models.CharField(_("מדריך/ה"), max_length=120, blank=True, default="")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["TrainingCompletion"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["membership", "course"], name="training_once_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.course} by membership {self.membership_id}"


class Activity(models.TextChoices):
    SCREENING = "screening", _("בדיקת זכאות")
    DOCUMENTS = "documents", _("איסוף מסמכים")
    FORMS = "forms", _("מילוי טפסים")
    ACCOMPANY = "accompany", _("ליווי")
    PHONE = "phone", _("שיחות ומעקב")
    EVENT = "event", _("אירוע או עמדת מידע")
    TRAINING = "training", _("הכשרה")
    OTHER = "other", _("אחר")


class HoursEntry(TenantModel):
    """Hours a volunteer gave. No free text: a note could name a resident, and hours are counted nationally."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="hours")
    on = models.DateField(_("תאריך"))
    hours = models.DecimalField(
        _("שעות"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(12))],
    )
    activity = models.CharField(_("פעילות"), max_length=10, choices=Activity.choices)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        "community.Initiative", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["HoursEntry"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "on"], name="hours_authority_on"),
        ]

    def __str__(self) -> str:
        return f"{self.hours}h on {self.on}"


class LeadStatus(models.TextChoices):
    """All a trustee sees of a neighbour's file: no staff names, no amounts, no notes."""

    RECEIVED = "received", _("התקבלה במרכז")
    IN_TREATMENT = "in_treatment", _("בטיפול")
    CLOSED = "closed", _("הטיפול הסתיים")


class Lead(TenantModel):
    """A neighbour a trustee brought in, with the neighbour's consent: an Inquiry in cases, channel "trustee"."""

    trustee = models.ForeignKey(RightsTrustee, on_delete=models.PROTECT, related_name="leads")
    inquiry = models.OneToOneField(Inquiry, on_delete=models.PROTECT, related_name="+")
    consent_method = models.CharField(_("איך ניתנה ההסכמה"), max_length=12, choices=ConsentMethod.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = TenantQuerySet["Lead"].as_manager()

    def __str__(self) -> str:
        return f"lead {self.pk}"


class Kind(models.TextChoices):
    AWARENESS = "awareness", _("אירוע הסברה")
    KIOSK = "kiosk", _("עמדת מידע")
    WORKSHOP = "workshop", _("סדנה")
    WHATSAPP = "whatsapp", _("קבוצת וואטסאפ")
    FORUM = "forum", _("פורום ושולחן עגול")


CODE_PREFIX = {Kind.AWARENESS: "E", Kind.KIOSK: "K", Kind.WORKSHOP: "W", Kind.WHATSAPP: "G", Kind.FORUM: "F"}


class Initiative(TenantModel):
    """An awareness event, kiosk, workshop, WhatsApp group or forum meeting, with its attribution code."""

    kind = models.CharField(_("סוג"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("שם"), max_length=200)
    held_on = models.DateField(_("תאריך"))
    place = models.CharField(_("מקום"), max_length=200, blank=True, default="")
    audience = models.CharField(_("קהל יעד"), max_length=200, blank=True, default="")
    attendance = models.PositiveIntegerField(_("משתתפים"), null=True, blank=True)
    materials = models.TextField(_("חומרים"), blank=True, default="")
    # Minutes of a forum meeting may name people: encrypted.
    summary = EncryptedTextField(_("סיכום"), blank=True, default="")
    code = models.CharField(_("קוד ייחוס"), max_length=20)
    organizer = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Barrier counts as shown at a forum meeting (agency × kind, no personal data), frozen when attached.
    barrier_evidence = models.JSONField(default=dict, blank=True)

    objects = TenantQuerySet["Initiative"].as_manager()

    class Meta:
        verbose_name = _("פעילות")
        verbose_name_plural = _("פעילויות")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "code"], name="initiative_code_per_authority")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "held_on"], name="initiative_authority_held"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_forum(self) -> bool:
        return self.kind == Kind.FORUM


class PartnerAttendance(TenantModel):
    """A partner agency (from the directory) at an event or forum meeting."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    representative = models.CharField(_("נציג/ה"), max_length=120, blank=True, default="")

    objects = TenantQuerySet["PartnerAttendance"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["initiative", "organization"], name="partner_once_per_initiative")
        ]

    def __str__(self) -> str:
        return f"organization {self.organization_id} at {self.initiative_id}"


class CommitmentQuerySet(TenantQuerySet["Commitment"]):
    def open(self) -> CommitmentQuerySet:
        return self.filter(done_on__isnull=True)

    def overdue(self, today: dt.date) -> CommitmentQuerySet:
        return self.open().filter(due_on__lt=today)


class Commitment(TenantModel):
    """A forum decision or commitment: what, who (a staff member or a partner agency), by when."""

    meeting = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(_("החלטה או התחייבות"), max_length=300)
    owner = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("תאריך יעד"))
    done_on = models.DateField(_("בוצע"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "due_on"], name="commitment_authority_due"),
        ]

    def __str__(self) -> str:
        return f"commitment {self.pk}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on < today


# --- Supervision (הנחיה) and quality review (בקרת איכות) of volunteers -----------------------------------------

# How often each active volunteer should be supervised and have a sample of their cases reviewed: the center's
# practice, not the law (the coordinator's "due" list reads them).
SUPERVISION_EVERY_DAYS = 60
REVIEW_EVERY_DAYS = 180
REVIEW_SAMPLE_SIZE = 3


class SupervisionTopic(models.TextChoices):
    ELIGIBILITY = "eligibility", _("בדיקת זכאות וזכויות")
    DOCUMENTS = "documents", _("מסמכים וטפסים")
    RESIDENT = "resident", _("הקשר עם התושב/ת")
    BOUNDARIES = "boundaries", _("גבולות התפקיד והעברה לעו״ד")
    PRIVACY = "privacy", _("פרטיות וסודיות")
    WELLBEING = "wellbeing", _("שחיקה ותמיכה במתנדב/ת")
    OTHER = "other", _("אחר")


class SupervisionSession(TenantModel):
    """A supervision session (מפגש הנחיה): who supervised, which volunteers, when, the topics, the cases discussed."""

    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("תאריך"))
    volunteers: models.ManyToManyField[Volunteer, SupervisionParticipant] = models.ManyToManyField(
        Volunteer, through="SupervisionParticipant", related_name="sessions"
    )
    topics = models.JSONField(_("נושאים"), default=list)
    cases: models.ManyToManyField[Case, SupervisionCase] = models.ManyToManyField(
        Case, through="SupervisionCase", related_name="+"
    )
    # The supervisor's notes may name residents: encrypted, and never shown to the volunteers.
    notes = EncryptedTextField(_("הערות המנחה"), blank=True, default="")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["SupervisionSession"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "held_on"], name="supervision_authority_held"),
        ]

    def __str__(self) -> str:
        return f"supervision {self.pk}"


class SupervisionParticipant(TenantModel):
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="participants")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["SupervisionParticipant"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["session", "volunteer"], name="supervision_volunteer_once")
        ]

    def __str__(self) -> str:
        return f"volunteer {self.volunteer_id} at supervision {self.session_id}"


class SupervisionCase(TenantModel):
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="discussed")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["SupervisionCase"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["session", "case"], name="supervision_case_once")
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} at supervision {self.session_id}"


class ChecklistItemQuerySet(TenantQuerySet["ChecklistItem"]):
    def current(self) -> ChecklistItemQuerySet:
        return self.filter(retired_on__isnull=True)


class ChecklistItem(TenantModel):
    """One question of the center's quality checklist. Retired, not deleted: past reviews keep their answers."""

    text = models.CharField(_("סעיף"), max_length=300)
    position = models.PositiveIntegerField(_("סדר"), default=0)
    retired_on = models.DateField(_("הוצא משימוש"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChecklistItemQuerySet.as_manager()

    def __str__(self) -> str:
        return self.text


class ReviewOutcome(models.TextChoices):
    GOOD = "good", _("תקין")
    IMPROVE = "improve", _("יש מה לשפר")
    PROBLEM = "problem", _("נמצאה בעיה")


class QualityReview(TenantModel):
    """A review of one of a volunteer's cases against the checklist, with the feedback the volunteer reads."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="reviews")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(_("תאריך"))
    outcome = models.CharField(_("ממצא"), max_length=10, choices=ReviewOutcome.choices)
    # Addressed to the volunteer, who reads it on their own page; may mention the case: encrypted.
    feedback = EncryptedTextField(_("משוב למתנדב/ת"), blank=True, default="")
    held_back = models.BooleanField(_("הורדה בשלב עד הכשרה חוזרת"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["QualityReview"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "reviewed_on"], name="review_authority_reviewed"),
        ]

    def __str__(self) -> str:
        return f"review {self.pk}"


class CheckResult(models.TextChoices):
    MET = "met", _("כן")
    NOT_MET = "not_met", _("לא")
    NOT_APPLICABLE = "na", _("לא רלוונטי")


class ReviewAnswer(TenantModel):
    """The answer to one checklist item; its text is kept as it read on the day, whatever the center edits later."""

    review = models.ForeignKey(QualityReview, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    item_text = models.CharField(max_length=300)
    result = models.CharField(max_length=8, choices=CheckResult.choices)

    objects = TenantQuerySet["ReviewAnswer"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "item"], name="review_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.result} on item {self.item_id}"


# --- Agencies answer the barriers found about them ------------------------------------------------------------


class AgencyLink(TenantModel):
    """A signed link (services/agencies.py) for one agency's contact: the agency's barriers in this authority,
    and a form to answer them. Only the hash of its nonce is kept; it expires and can be revoked."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    contact = models.CharField(_("איש/אשת הקשר בגורם"), max_length=200, blank=True, default="")
    token_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["AgencyLink"].as_manager()

    def __str__(self) -> str:
        return f"agency link {self.pk}"

    def is_active(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class AgencyAnswer(TenantModel):
    """An agency's answer to one of its barriers: a response, and optionally a commitment with a date. The forum
    meeting after it shows it; the round table counts answers per ministry."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    link = models.ForeignKey(AgencyLink, on_delete=models.PROTECT, related_name="answers")
    # Written by the agency for the forum; it could still name someone: encrypted.
    response = EncryptedTextField(_("תגובה"))
    commitment = models.CharField(_("התחייבות"), max_length=300, blank=True, default="")
    commit_by = models.DateField(_("עד תאריך"), null=True, blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["AgencyAnswer"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "answered_at"], name="agency_answer_authority_at"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk} to barrier {self.barrier_id}"


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("טיוטה")
    APPROVED = "approved", _("מאושר")


class StoryFlag(models.TextChoices):
    """Facts that could point at one resident even without a name; the approver ticks each."""

    OLD_AGE = "old_age", _("גיל מעל 90")
    MANY_CHILDREN = "many_children", _("יותר מחמישה ילדים")
    RARE_ORIGIN = "rare_origin", _("ארץ מוצא או אזרחות נדירה")
    SMALL_LOCALITY = "small_locality", _("יישוב קטן בשמו")


class CaseStory(TenantModel):
    """An anonymised story from a closed case (סיפור מקרה), with the resident's consent for this purpose, approved by
    a second staff member; an approved story can be shown at a forum meeting and printed in a monthly report.

    The consent is recorded on the story (who confirmed it, when and how), not as a cases.Consent purpose.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # What the author wrote may name the resident: encrypted, shown to staff only.
    text = EncryptedTextField(_("הסיפור כפי שנכתב"))
    # After strip_story and the approver's corrections; still encrypted, as a stripped story can leak.
    stripped_text = EncryptedTextField(_("הסיפור לאחר הסרת פרטים מזהים"))
    flags = models.JSONField(default=list, blank=True)
    flags_checked = models.JSONField(default=list, blank=True)
    status = models.CharField(_("מצב"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    consent_method = models.CharField(_("איך ניתנה ההסכמה"), max_length=12, choices=ConsentMethod.choices)
    consent_note = models.CharField(_("פרטי ההסכמה"), max_length=300, blank=True, default="")
    consent_confirmed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    consent_confirmed_at = models.DateTimeField()
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories", verbose_name=_("פגישה")
    )
    # The monthly report (outcomes/reports.py) that prints this approved story, chosen by staff; its stripped text only.
    report_month = models.DateField(_("בדוח החודשי של"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["CaseStory"].as_manager()

    class Meta:
        verbose_name = _("סיפור מקרה")
        verbose_name_plural = _("סיפורי מקרה")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("author")),
                name="story_approver_not_author",
            )
        ]

    def __str__(self) -> str:
        return f"story {self.pk}"

    @property
    def flag_labels(self) -> list[tuple[str, str]]:
        names = dict(StoryFlag.choices)
        return [(f, str(names.get(f, f))) for f in self.flags]
