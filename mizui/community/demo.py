"""The demo's community: volunteers at every tier, trustees with leads, events with attribution codes, and a forum
meeting with partner agencies, decisions and barrier evidence. Synthetic people only.

Runs after the cases demo (it attributes some of those inquiries to events). Loading twice changes nothing: an
authority that already has community events is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from mizui.accounts.demo import ensure_user
from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier, BarrierKind, Basis, Case, ConsentMethod, Entitlement, Inquiry
from mizui.cases.services.barriers import record_barrier
from mizui.community.models import (
    Activity,
    ChecklistItem,
    Course,
    Initiative,
    Kind,
    Lead,
    RecruitedVia,
    RightsTrustee,
    Volunteer,
)
from mizui.community.services import initiatives, supervision, trustees, volunteers
from mizui.community.services.training import record_training
from mizui.directory.models import Organization

DOMAINS = {"ashdod-demo": "ashdod.demo", "beersheva-demo": "beersheva.demo"}
TIER_PATH = {
    "none": (),
    "screen": (Course.ORIENTATION, Course.SCREENING),
    "documents": (Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS),
    "forms": (Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS, Course.FORMS),
}
# (email local part or None for the authority's volunteer@, name, tier, languages, neighbourhood, days, skills)
VOLUNTEERS: dict[str, list[tuple[str | None, str, str, list[str], str, list[str], list[str]]]] = {
    "ashdod-demo": [
        (None, "", "documents", ["he", "ru"], "רובע ג׳", ["0", "2"], ["elderly", "phone"]),
        ("volunteer2", "מרינה גולדברג", "forms", ["he", "ru", "en"], "רובע ז׳", ["1", "3"], ["forms", "digital"]),
        ("volunteer3", "ח׳אלד עבאס", "screen", ["ar", "he"], "רובע א׳", ["4"], ["translate", "accompany"]),
        ("volunteer4", "שני מימון", "none", ["he", "am"], "רובע ט״ו", ["0", "1", "2"], ["digital"]),
    ],
    "beersheva-demo": [
        (None, "", "documents", ["he", "ar"], "שכונה ד׳", ["0", "3"], ["accompany"]),
        ("volunteer2", "אלכסנדר פרידמן", "forms", ["ru", "he"], "נווה זאב", ["2"], ["forms", "elderly"]),
    ],
}
# (email local part or None for trustee@, name, neighbourhood, languages, courses done)
TRUSTEES: dict[str, list[tuple[str | None, str, str, list[str], tuple[Course, ...]]]] = {
    "ashdod-demo": [
        (None, "", "רובע ג׳", ["ru", "he"], (Course.ORIENTATION, Course.TRUSTEE)),
        ("trustee2", "סלאמה אבו-חמד", "רובע א׳", ["ar", "he"], (Course.ORIENTATION,)),
    ],
    "beersheva-demo": [(None, "", "שכונה ה׳", ["ar", "he"], (Course.ORIENTATION, Course.TRUSTEE))],
}
# Synthetic neighbours a trustee brings in: (name, phone, language, need)
LEADS = {
    "ashdod-demo": [
        ("ולנטינה אורלוב", "0527770001", "ru", "אלמנה, לא בטוחה שמקבלת השלמת הכנסה"),
        ("אברהם טייב", "0527770002", "he", "קיבל מכתב מהוצאה לפועל"),
    ],
    "beersheva-demo": [("נג׳לא אלקרינאוי", "0547770001", "ar", "שאלה על קצבת ילדים")],
}


def _member(authority: Authority, email: str, name: str, role: Role) -> Membership:
    user = ensure_user(email, name)
    membership, _created = Membership.objects.get_or_create(user=user, authority=authority, defaults={"role": role})
    return membership


class Loader:
    def __init__(self, authority: Authority) -> None:
        self.authority = authority
        self.domain = DOMAINS[authority.slug]
        self.today = timezone.localdate()
        memberships = Membership.objects.for_authority(authority).select_related("user")
        self.team: dict[str, User] = {m.role: m.user for m in memberships}
        self.coordinator = self.team[Role.COORDINATOR]

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def run(self) -> None:
        events = self.events()
        self.volunteers()
        self.trustees(events[Kind.KIOSK])
        self.attribute(events)
        self.forum()
        self.supervision()

    def events(self) -> dict[str, Initiative]:
        specs = [
            initiatives.Details(
                Kind.AWARENESS,
                "ערב זכויות לאזרחים ותיקים",
                self.ago(75),
                "מתנ״ס רובע ג׳",
                "אזרחים ותיקים, דוברי רוסית",
                64,
                "עלון ברוסית ובעברית; מצגת על השלמת הכנסה וקצבת זקנה",
            ),
            initiatives.Details(
                Kind.KIOSK,
                "עמדת מידע בשוק העירוני",
                self.ago(40),
                "השוק העירוני",
                "כלל התושבים",
                120,
                'רול-אפ, עלון "מה מגיע לי?" עם קוד QR',
            ),
            initiatives.Details(
                Kind.WORKSHOP,
                "סדנה: זכויות בהוצאה לפועל",
                self.ago(20),
                "מרכז מיצוי הזכויות",
                "משפחות עם חובות",
                18,
                "דף מידע של הסיוע המשפטי",
            ),
            initiatives.Details(
                Kind.WHATSAPP,
                "קבוצת וואטסאפ: זכויות בערבית",
                self.ago(120),
                "",
                "דוברי ערבית ברובע א׳",
                210,
                "עדכון שבועי קצר",
            ),
        ]
        found: dict[str, Initiative] = {}
        for details in specs:
            found[details.kind] = initiatives.create_initiative(self.coordinator, self.authority, details)
        for key in ("nii", "legal-aid"):
            organization = Organization.objects.filter(key=key).first()
            if organization is not None:
                initiatives.add_partner(self.coordinator, found[Kind.AWARENESS], organization)
        return found

    def volunteers(self) -> None:
        for local, name, tier, languages, area, days, skills in VOLUNTEERS[self.authority.slug]:
            if local is None:
                membership = Membership.objects.for_authority(self.authority).get(user=self.team[Role.VOLUNTEER])
            else:
                membership = _member(self.authority, f"{local}@{self.domain}", name, Role.VOLUNTEER)
            if Volunteer.objects.filter(membership=membership).exists():
                continue
            profile = volunteers.Profile(languages, area, days, "אחר הצהריים", skills)
            volunteer = volunteers.register_volunteer(self.coordinator, membership, profile=profile)
            for i, course in enumerate(TIER_PATH[tier]):
                record_training(self.coordinator, membership, course=course, completed_on=self.ago(200 - 30 * i))
            volunteer.membership.refresh_from_db()
            for case in volunteers.assigned_cases(volunteer):
                for days_ago, hours, activity in ((12, "2.5", Activity.PHONE), (5, "3", Activity.DOCUMENTS)):
                    volunteers.log_hours(
                        self.coordinator,
                        volunteer,
                        on=self.ago(days_ago),
                        hours=Decimal(hours),
                        activity=activity,
                        case=case,
                    )
            if tier != "none":
                volunteers.log_hours(
                    self.coordinator, volunteer, on=self.ago(40), hours=Decimal(4), activity=Activity.EVENT
                )

    def trustees(self, kiosk: Initiative) -> None:
        leads = list(LEADS[self.authority.slug])
        for local, name, area, languages, courses in TRUSTEES[self.authority.slug]:
            if local is None:
                membership = Membership.objects.for_authority(self.authority).get(user=self.team[Role.TRUSTEE])
            else:
                membership = _member(self.authority, f"{local}@{self.domain}", name, Role.TRUSTEE)
            trustee = trustees.register_trustee(
                self.coordinator,
                membership,
                neighbourhood=area,
                languages=languages,
                recruited_via=RecruitedVia.EVENT if local is None else RecruitedVia.WORD,
                recruited_on=self.ago(150),
                recruited_at=kiosk if local is None else None,
            )
            for i, course in enumerate(courses):
                record_training(self.coordinator, membership, course=course, completed_on=self.ago(140 - 10 * i))
            trustee.refresh_from_db()
            while leads and trustee.status == "active":
                full_name, phone, language, need = leads.pop(0)
                trustees.register_lead(
                    trustee.user,
                    trustee,
                    full_name=full_name,
                    phone=phone,
                    language=language,
                    need=need,
                    consent_method=ConsentMethod.VERBAL,
                    event_code=kiosk.code,
                )
        # The cases demo has trustee-channel cases too: one of them came through the first trustee.
        first = RightsTrustee.objects.for_authority(self.authority).order_by("pk").first()
        inquiry = Inquiry.objects.for_authority(self.authority).filter(channel="trustee", case__isnull=False).first()
        if first is not None and inquiry is not None:
            Lead.objects.get_or_create(
                authority=self.authority,
                inquiry=inquiry,
                defaults={"trustee": first, "consent_method": ConsentMethod.VERBAL},
            )

    def attribute(self, events: dict[str, Initiative]) -> None:
        """Some of the cases demo's inquiries came from the events: those with confirmed money show it."""
        realized = (
            Entitlement.objects.for_authority(self.authority)
            .filter(basis=Basis.CONFIRMED)
            .values_list("case", flat=True)
            .distinct()
        )
        inquiries = list(
            Inquiry.objects.for_authority(self.authority).filter(case__in=list(realized), event_code="").order_by("pk")
        )
        codes = [events[Kind.AWARENESS].code, events[Kind.KIOSK].code, events[Kind.WORKSHOP].code]
        for inquiry, code in zip(inquiries, codes, strict=False):
            Inquiry.objects.filter(pk=inquiry.pk).update(event_code=code)
        open_ones = (
            Inquiry.objects.for_authority(self.authority).filter(case__isnull=True, event_code="").order_by("pk")
        )
        for inquiry in open_ones[:1]:
            Inquiry.objects.filter(pk=inquiry.pk).update(event_code=events[Kind.WHATSAPP].code)

    def forum(self) -> None:
        meeting = initiatives.create_initiative(
            self.coordinator,
            self.authority,
            initiatives.Details(
                Kind.FORUM,
                "פורום מיצוי זכויות עירוני – ישיבה רבעונית",
                self.ago(10),
                "בניין העירייה, חדר ישיבות 3",
                "נציגי הגופים השותפים ומנהלת המרכז",
                14,
                "מצגת נתוני חסמים; טבלת התחייבויות מהישיבה הקודמת",
                "הוצגו החסמים שנרשמו ברבעון. סוכם על ערוץ ישיר לבירור תיקים תקועים בביטוח לאומי ועל טופס מקוצר בארנונה.",
            ),
        )
        organizations = {
            o.key: o for o in Organization.objects.filter(key__in=["nii", "municipal-arnona", "legal-aid", "moch"])
        }
        for key, person in (
            ("nii", "מנהלת סניף"),
            ("municipal-arnona", "מנהל הגבייה"),
            ("legal-aid", ""),
            ("moch", ""),
        ):
            if key in organizations:
                initiatives.add_partner(self.coordinator, meeting, organizations[key], representative=person)
        manager = self.team[Role.MANAGER]
        initiatives.add_commitment(
            manager,
            meeting,
            text="לקבוע איש קשר קבוע לבירור תביעות תקועות",
            due_on=self.today + dt.timedelta(days=2),
            owner_organization=organizations.get("nii"),
            owner=None if "nii" in organizations else manager,
        )
        initiatives.add_commitment(
            manager,
            meeting,
            text="להפיץ טופס מקוצר להנחה בארנונה בערבית וברוסית",
            due_on=self.today + dt.timedelta(days=21),
            owner=self.coordinator,
        )
        initiatives.add_commitment(
            manager, meeting, text="להעביר לפורום נתוני דחיות בגלל מסמכים חסרים", due_on=self.ago(3), owner=manager
        )
        done = initiatives.add_commitment(
            manager, meeting, text="לתאם סדנה משותפת עם הסיוע המשפטי", due_on=self.ago(1), owner=self.team[Role.LAWYER]
        )
        initiatives.complete_commitment(manager, done, on=self.ago(2))
        self.barriers()
        initiatives.attach_evidence(manager, meeting)

    def barriers(self) -> None:
        """Barriers the forum's evidence counts, when the cases demo recorded none this quarter."""
        if Barrier.objects.for_authority(self.authority).exists():
            return
        cases = list(Case.objects.for_authority(self.authority).order_by("pk")[:3])
        coded = [
            (BarrierKind.DELAY, "nii", 30),
            (BarrierKind.EXCESSIVE_DOCUMENTS, "nii", 25),
            (BarrierKind.FORM, "municipality", 15),
            (BarrierKind.LANGUAGE, "nii", 8),
            (BarrierKind.WRONG_DENIAL, "housing", 40),
        ]
        for i, (kind, agency, days) in enumerate(coded):
            if cases:
                record_barrier(
                    self.team[Role.LAWYER], cases[i % len(cases)], kind=kind, agency=agency, occurred_on=self.ago(days)
                )

    def supervision(self) -> None:
        """The suggested checklist, a group supervision session, and a review of one case with its feedback."""
        if ChecklistItem.objects.for_authority(self.authority).exists():
            return
        items = supervision.add_suggested(self.coordinator, self.authority)
        active = list(
            Volunteer.objects.for_authority(self.authority).filter(is_active=True).select_related("membership")
        )
        if not active:
            return
        supervision.record_session(
            self.coordinator,
            self.authority,
            supervisor=self.coordinator,
            held_on=self.ago(21),
            volunteers=active,
            topics=["documents", "boundaries"],
            notes="עברנו על רשימות המסמכים של השלמת הכנסה ועל מתי מעבירים לעו״ד.",
        )
        for volunteer in active:
            cases = supervision.volunteer_cases(volunteer)
            if cases:
                answers = {item.pk: "met" for item in items}
                answers[items[2].pk] = "not_met"
                supervision.record_review(
                    self.coordinator,
                    volunteer,
                    case=cases[0],
                    reviewed_on=self.ago(14),
                    answers=answers,
                    outcome="improve",
                    feedback="עבודה מסודרת. בסוף כל שיחה כדאי לומר לתושב/ת בשפתו/ה מה הצעד הבא ומתי נחזור אליו/ה.",
                )
                break


def load(authorities: list[Authority]) -> None:
    for authority in authorities:
        if authority.slug not in DOMAINS:
            continue
        with tenant_context(authority):
            if Initiative.objects.for_authority(authority).exists():
                continue
            Loader(authority).run()
