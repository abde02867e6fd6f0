"""The home's worklist of a rights trustee (accounts/home.py): the neighbours they brought and where each stands
(coarse status only, as on their leads page)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mizui.accounts.audit import log_access
from mizui.accounts.home import Panel
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Role
from mizui.cases.home import SHOWN, Row
from mizui.community.access import own_trustee
from mizui.community.models import LeadStatus
from mizui.community.services.trustees import leads_of


def provider(request: StaffRequest) -> list[Panel]:
    if request.membership.role != Role.TRUSTEE:
        return []
    trustee = own_trustee(request)
    leads = leads_of(trustee) if trustee is not None else []
    labels = dict(LeadStatus.choices)
    rows = [
        Row(lead.neighbour, reverse("community:lead", args=[lead.pk]), lead.registered_on, 0, str(labels[lead.status]))
        for lead in leads[:SHOWN]
    ]
    if rows:  # neighbours' names on the page: in the access log, as on the leads page
        log_access(request, AccessAction.VIEW, "home_worklist", "neighbours")
    context = {
        "key": "my-leads",
        "title": _("השכנים שהבאתי"),
        "rows": rows,
        "count": len(leads),
        "more_url": reverse("community:leads"),
        "empty": _("עוד לא הבאת שכנים. אפשר למסור פרטים של שכן/ה בדף הפניות שלך."),
        "since": True,
    }
    return [Panel(10, "cases/home_list.html", context)]
