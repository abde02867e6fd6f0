"""Campaigns: launch on a list with a seeded, stratified holdout; send SMS, print letters, log calls and visits;
turn a response into an Inquiry through the cases intake. Nobody in the holdout is ever contacted, and nobody
who opted out or whose file restricts contact (cases' safe-contact flags) is reached by any channel."""

from __future__ import annotations

import functools
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, AccessLog, Authority, User
from mizui.cases.models import Inquiry, InquiryChannel, Resident
from mizui.cases.services import record_inquiry
from mizui.lib import messaging
from mizui.lib.money import format_shekels
from mizui.outreach.models import (
    BatchRun,
    Campaign,
    CampaignChannel,
    CampaignStatus,
    CampaignTarget,
    Contact,
    ContactOutcome,
    Group,
    OutreachList,
    PopulationMember,
    TargetStatus,
)
from mizui.outreach.services.lists import Segment, contacts, program_names, segment_households

PLACEHOLDERS = re.compile(r"\{(name|rights|monthly|annual|center)\}")


class CampaignError(ValueError):
    """A campaign step that cannot be taken; the message is for the user."""


def create_campaign(
    actor: User,
    *,
    authority: Authority,
    outreach_list: OutreachList,
    name: str,
    channel: str,
    holdout_percent: int,
    messages: dict[str, str],
    seed: int | None = None,
) -> Campaign:
    campaign = Campaign.objects.create(
        authority=authority,
        outreach_list=outreach_list,
        name=name,
        channel=channel,
        holdout_percent=holdout_percent,
        seed=seed if seed is not None else random.SystemRandom().randrange(1, 2**31),
        created_by=actor,
        **{f"message_{lang}": text for lang, text in messages.items() if lang in {"he", "ar", "ru", "am"}},
    )
    record(actor=actor, authority=authority, action=AccessAction.CREATE, object_type="campaign", object_id=campaign.pk)
    return campaign


def assign_holdout(items: Iterable[tuple[str, str]], percent: int, seed: int) -> set[str]:
    """Keys drawn into the holdout: in each stratum, `percent` of its households, shuffled by a generator
    seeded with the campaign's seed and the stratum (the same seed always draws the same holdout). A
    stratum's fractional share is rounded at random, so small strata are not always rounded the same way."""
    strata: dict[str, list[str]] = defaultdict(list)
    for key, stratum in items:
        strata[stratum].append(key)
    chosen: set[str] = set()
    for stratum in sorted(strata):
        keys = sorted(strata[stratum])
        rng = random.Random(f"{seed}:{stratum}")  # noqa: S311 (a reproducible experiment, not a secret)
        rng.shuffle(keys)
        exact = len(keys) * percent / 100
        count = int(exact) + (1 if rng.random() < exact - int(exact) else 0)
        chosen.update(keys[:count])
    return chosen


def launch(actor: User, campaign: Campaign) -> int:
    """Freeze the campaign's households from the latest batch run and draw the holdout."""
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError(_("הקמפיין כבר הופעל."))
    run = BatchRun.objects.for_authority(campaign.authority).latest_done()
    if run is None:
        raise CampaignError(_("אין עדיין הרצת איתור שהסתיימה."))
    segment = Segment.from_dict(campaign.outreach_list.filters)
    households = list(segment_households(run, segment))
    if not households:
        raise CampaignError(_("אין משקי בית ברשימה."))
    strata = {h.household_key: f"{segment.program or h.program_list()[0]}|{h.neighbourhood}"[:170] for h in households}
    holdout = assign_holdout(strata.items(), campaign.holdout_percent, campaign.seed)
    with transaction.atomic():
        CampaignTarget.objects.bulk_create(
            (
                CampaignTarget(
                    authority=campaign.authority,
                    campaign=campaign,
                    member_id=h.contact_id,
                    household_key=h.household_key,
                    group=Group.HOLDOUT if h.household_key in holdout else Group.TREATMENT,
                    status=TargetStatus.HELD_OUT if h.household_key in holdout else TargetStatus.PENDING,
                    stratum=strata[h.household_key],
                    programs=segment.program or h.programs,
                    monthly=h.monthly,
                    annual=h.annual,
                )
                for h in households
            ),
            batch_size=1000,
        )
        campaign.status, campaign.launched_at, campaign.run = CampaignStatus.LAUNCHED, timezone.now(), run
        campaign.save(update_fields=["status", "launched_at", "run"])
        record(
            actor=actor,
            authority=campaign.authority,
            action=AccessAction.UPDATE,
            object_type="campaign",
            object_id=campaign.pk,
        )
    return len(households)


def _restricted(authority: Authority, members: list[PopulationMember]) -> dict[str, dict[str, Any]]:
    """Safe-contact flags of residents the center already knows (matched by the ID number's blind index)."""
    keys = [m.id_index for m in members]
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(keys), 2000):
        rows = Resident.objects.for_authority(authority).active().filter(id_index__in=keys[start : start + 2000])
        for row in rows.values("id_index", "sensitivity", "no_sms", "no_letters"):
            found[row["id_index"]] = dict(row)
    return found


def blocked_reason(member: PopulationMember, channel: str, resident: dict[str, Any] | None) -> str:
    """Why this person may not be reached on `channel` ("" when they may)."""
    resident = resident or {}
    if member.opted_out:
        return _("ביקש/ה שלא לפנות")
    if resident.get("sensitivity"):
        return _("הגבלת קשר בתיק במרכז")
    if channel == CampaignChannel.SMS:
        if member.no_sms or resident.get("no_sms"):
            return _("ביקש/ה לא לקבל SMS")
        return "" if member.has_phone else _("אין טלפון")
    if channel in {CampaignChannel.LETTER, CampaignChannel.VISIT}:
        if member.no_letters or resident.get("no_letters"):
            return _("ביקש/ה שלא יפנו אליו/ה הביתה")
        return "" if member.has_address else _("אין כתובת")
    return "" if member.has_phone else _("אין טלפון")


def merge(template: str, values: dict[str, str]) -> str:
    """Mail merge of the named placeholders only (str.format would let a template reach object attributes)."""
    return PLACEHOLDERS.sub(lambda m: values[m.group(1)], template)


def _values(campaign: Campaign, target: CampaignTarget, person: dict[str, Any], lang: str) -> dict[str, str]:
    names = program_names(lang)
    return {
        "name": str(person.get("full_name") or ""),
        "rights": ", ".join(names.get(p, p) for p in target.program_list()),
        "monthly": format_shekels(target.monthly),
        "annual": format_shekels(target.annual),
        "center": campaign.authority.name_he,
    }


def script(target: CampaignTarget, person: dict[str, Any], lang: str) -> str:
    """What the caller says first: the campaign's message in the resident's language, merged for them."""
    return merge(target.campaign.message_for(lang), _values(target.campaign, target, person, lang))


def _pending(campaign: Campaign) -> list[CampaignTarget]:
    targets = campaign.targets.filter(group=Group.TREATMENT, status=TargetStatus.PENDING)
    return list(targets.select_related("member").order_by("-annual", "pk"))


def _screen(campaign: Campaign, targets: list[CampaignTarget]) -> list[CampaignTarget]:
    """Targets that may be reached on the campaign's channel; the others are marked skipped, with the reason."""
    flags = _restricted(campaign.authority, [t.member for t in targets])
    allowed = []
    for target in targets:
        reason = blocked_reason(target.member, campaign.channel, flags.get(target.member.id_index))
        if reason:
            target.status, target.skip_reason = TargetStatus.SKIPPED, reason[:120]
            target.save(update_fields=["status", "skip_reason"])
        else:
            allowed.append(target)
    return allowed


def _contacted(actor: User | None, target: CampaignTarget, outcome: str, now: Any) -> None:
    Contact.objects.create(
        authority=target.authority, target=target, channel=target.campaign.channel, outcome=outcome, at=now, by=actor
    )
    target.status, target.contacted_at = TargetStatus.CONTACTED, now
    target.save(update_fields=["status", "contacted_at"])


def _log_exports(actor: User | None, authority: Authority, targets: list[CampaignTarget]) -> None:
    # Each person's contact details left the system (to the SMS gateway or onto paper).
    AccessLog.objects.bulk_create(
        AccessLog(
            user=actor,
            authority=authority,
            action=AccessAction.EXPORT,
            object_type="population_member",
            object_id=str(t.member_id),
        )
        for t in targets
    )


def send_sms(actor: User | None, campaign: Campaign) -> int:
    if campaign.channel != CampaignChannel.SMS or campaign.status != CampaignStatus.LAUNCHED:
        raise CampaignError(_("אפשר לשלוח SMS רק בקמפיין SMS פעיל."))
    sent = 0
    with transaction.atomic():
        targets = _screen(campaign, _pending(campaign))
        people = contacts(campaign.authority, [t.member_id for t in targets])
        now = timezone.now()
        for target in targets:
            person = people[target.member_id]
            lang = target.member.language
            body = merge(campaign.message_for(lang), _values(campaign, target, person, lang))
            messaging.send("sms", messaging.Message(person["phone"], body, language=lang))
            _contacted(actor, target, ContactOutcome.SENT, now)
            sent += 1
        _log_exports(actor, campaign.authority, targets)
    return sent


def letters(actor: User | None, campaign: Campaign) -> list[dict[str, Any]]:
    """The letters of the campaign (new ones are marked printed and contacted), for the PDF."""
    if campaign.channel != CampaignChannel.LETTER or campaign.status != CampaignStatus.LAUNCHED:
        raise CampaignError(_("אפשר להפיק מכתבים רק בקמפיין מכתבים פעיל."))
    with transaction.atomic():
        now = timezone.now()
        for target in _screen(campaign, _pending(campaign)):
            _contacted(actor, target, ContactOutcome.PRINTED, now)
        printed = list(
            campaign.targets.filter(group=Group.TREATMENT, status__in=[TargetStatus.CONTACTED, TargetStatus.RESPONDED])
            .select_related("member")
            .order_by("-annual", "pk")
        )
        people = contacts(campaign.authority, [t.member_id for t in printed])
        _log_exports(actor, campaign.authority, printed)
    out = []
    for target in printed:
        person = people[target.member_id]
        lang = target.member.language
        rights, documents = what_to_bring(target.program_list(), lang)
        out.append(
            {
                "name": person["full_name"],
                "address": person["address"],
                "language": lang,
                "rtl": lang in {"he", "ar"},
                "body": merge(campaign.message_for(lang), _values(campaign, target, person, lang)),
                "rights": rights,
                "documents": documents,
            }
        )
    return out


LETTER_RIGHTS = 5
LETTER_DOCUMENTS = 8


@functools.cache
def _catalogue(lang: str) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in eligibility.programs(lang)}


def what_to_bring(programs: list[str], lang: str) -> tuple[list[str], list[str]]:
    """The likely rights a letter names (most expected money first) and the documents to bring for them, each
    once, in the letter's language (Hebrew where the rules do not declare it)."""
    catalogue = _catalogue(lang if lang in eligibility.LANGUAGES else "he")
    named = [catalogue[p] for p in programs if p in catalogue][:LETTER_RIGHTS]
    documents: list[str] = []
    for program in named:
        for document in program.get("documents") or []:
            if document not in documents:
                documents.append(str(document))
    return [str(p["label"]) for p in named], documents[:LETTER_DOCUMENTS]


def letters_pdf(actor: User | None, campaign: Campaign) -> bytes:
    from weasyprint import HTML

    html = render_to_string("outreach/letters_pdf.html", {"campaign": campaign, "letters": letters(actor, campaign)})
    return bytes(HTML(string=html).write_pdf())


def log_contact(actor: User, target: CampaignTarget, *, outcome: str) -> None:
    """A call or a visit, as staff report it. Someone who refuses is never contacted again."""
    if target.group == Group.HOLDOUT:
        raise CampaignError(_("משק בית בקבוצת הביקורת: לא פונים אליו במסגרת הקמפיין."))
    if outcome == ContactOutcome.RESPONDED:
        record_response(actor, target)
        return
    now = timezone.now()
    with transaction.atomic():
        if outcome in {ContactOutcome.REACHED, ContactOutcome.REFUSED}:
            if target.status == TargetStatus.PENDING:
                _contacted(actor, target, outcome, now)
            else:
                Contact.objects.create(
                    authority=target.authority,
                    target=target,
                    channel=target.campaign.channel,
                    outcome=outcome,
                    at=now,
                    by=actor,
                )
        else:
            Contact.objects.create(
                authority=target.authority,
                target=target,
                channel=target.campaign.channel,
                outcome=outcome,
                at=now,
                by=actor,
            )
        if outcome == ContactOutcome.REFUSED:
            PopulationMember.objects.filter(pk=target.member_id).update(opted_out=True)
        record(
            actor=actor,
            authority=target.authority,
            action=AccessAction.UPDATE,
            object_type="campaign_target",
            object_id=target.pk,
        )


def record_response(actor: User, target: CampaignTarget, *, note: str = "") -> Inquiry:
    """The household answered the campaign: an Inquiry (channel outreach) for the center's intake."""
    if target.inquiry_id is not None:
        raise CampaignError(_("התגובה כבר נרשמה."))
    if target.group == Group.HOLDOUT:
        raise CampaignError(_("משק בית בקבוצת הביקורת: לא פונים אליו במסגרת הקמפיין."))
    person = contacts(target.authority, [target.member_id])[target.member_id]
    now = timezone.now()
    with transaction.atomic():
        inquiry = record_inquiry(
            actor,
            authority=target.authority,
            channel=InquiryChannel.OUTREACH,
            full_name=str(person["full_name"] or _("ללא שם")),
            phone=str(person["phone"] or ""),
            language=target.member.language,
            note=note,
            event_code=f"campaign-{target.campaign_id}",
        )
        Contact.objects.create(
            authority=target.authority,
            target=target,
            channel=target.campaign.channel,
            outcome=ContactOutcome.RESPONDED,
            at=now,
            by=actor,
        )
        target.status, target.responded_at, target.inquiry = TargetStatus.RESPONDED, now, inquiry
        target.contacted_at = target.contacted_at or now
        target.save(update_fields=["status", "responded_at", "inquiry", "contacted_at"])
    return inquiry
