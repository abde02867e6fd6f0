"""The shared cast of every test (STYLE.md §9), and small make_* helpers.

Authorities A (Ashdod) and B (Be'er Sheva). Dana is a lawyer at A, Michal manages A, Yael volunteers at A;
Omar is a lawyer at B and Boaz manages B: neither may see anything of A's. Rina works in both.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp import DEVICE_ID_SESSION_KEY

from mizui.accounts.mfa import VERIFIED_AT
from mizui.accounts.middleware import AUTHORITY, LOGIN_AT
from mizui.accounts.models import Authority, Membership, Role, TOTPDevice, User, VolunteerTier
from mizui.accounts.tenancy import tenant_context

PASSWORD = "correct-horse-battery-staple"


def make_authority(slug: str, name_he: str, cbs_code: int, **overrides: Any) -> Authority:
    return Authority.objects.create(slug=slug, name_he=name_he, name_en=slug.title(), cbs_code=cbs_code, **overrides)


def make_user(email: str, full_name: str, *, with_totp: bool = True) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=full_name)
    if with_totp:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def make_membership(user: User, authority: Authority, role: Role, **fields: Any) -> Membership:
    # The cast's volunteers are trained to gather documents (the tier volunteers had before tiers existed);
    # tier tests set `volunteer_tier` themselves.
    if role == Role.VOLUNTEER:
        fields.setdefault("volunteer_tier", VolunteerTier.DOCUMENTS)
    with tenant_context(authority):
        return Membership.objects.create(user=user, authority=authority, role=role, **fields)


def totp_code(user: User, *, at: float | None = None) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{device.totp(time.time() if at is None else at).token():06d}"


def login(client: Client, user: User, *, verified: bool = True, authority: Authority | None = None) -> None:
    """Log `client` in as `user`, past the second factor unless `verified=False`."""
    client.force_login(user)
    session = client.session
    session[LOGIN_AT] = time.time()
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[VERIFIED_AT] = time.time()
    if authority is not None:
        session[AUTHORITY] = authority.pk
    session.save()


class MizuiTestCase(TestCase):
    a: Authority
    b: Authority
    dana: User
    michal: User
    yael: User
    omar: User
    boaz: User
    rina: User
    dana_at_a: Membership
    michal_at_a: Membership
    yael_at_a: Membership
    omar_at_b: Membership
    boaz_at_b: Membership
    rina_at_a: Membership
    rina_at_b: Membership

    @classmethod
    def setUpTestData(cls) -> None:
        cls.a = make_authority("ashdod-test", "אשדוד", 70)
        cls.b = make_authority("beersheva-test", "באר שבע", 9000)
        cls.dana = make_user("dana@a.test", "דנה לוי")
        cls.michal = make_user("michal@a.test", "מיכל אברהמי")
        cls.yael = make_user("yael@a.test", "יעל כהן")
        cls.omar = make_user("omar@b.test", "עומר נסאר")
        cls.boaz = make_user("boaz@b.test", "בועז אלקיים")
        cls.rina = make_user("rina@ab.test", "רינה שגיא")
        cls.dana_at_a = make_membership(cls.dana, cls.a, Role.LAWYER)
        cls.michal_at_a = make_membership(cls.michal, cls.a, Role.MANAGER)
        cls.yael_at_a = make_membership(cls.yael, cls.a, Role.VOLUNTEER)
        cls.omar_at_b = make_membership(cls.omar, cls.b, Role.LAWYER)
        cls.boaz_at_b = make_membership(cls.boaz, cls.b, Role.MANAGER)
        cls.rina_at_a = make_membership(cls.rina, cls.a, Role.MANAGER)
        cls.rina_at_b = make_membership(cls.rina, cls.b, Role.MANAGER)


# URLs open to anyone on purpose: the public screener, the help request, login, health. They show no
# tenant's data, so they are outside the access matrix too.
PUBLIC_URLS = {
    "healthz",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "screening:start",
    "screening:step",
    "screening:results",
    "screening:answer",  # one open question answered on the results page, from the resident's own session
    "screening:check",
    "screening:share",
    "screening:shared",  # the encrypted link is the key (screening/views.py)
    "screening:summary-pdf",
    "screening:reset",
    "cases:help",
    "cases:help-thanks",
    "cases:partner-referral",  # the signed link is the key (cases/services/referrals.py)
    "cases:partner-document",  # the same link; only documents shared with its referral (test_referrals.py)
    "cases:resident-page",  # the resident's signed link is the key (cases/services/resident_links.py)
    "cases:sms-receipt",  # the SMS gateway, with SMS_CALLBACK_SECRET in the URL (cases/views/messages.py)
    "cases:sms-incoming",  # the same: replies to our number (the opt-out word)
    "community:agency-barriers",  # an agency's signed link is the key (community/services/agencies.py)
    "cases:calendar-feed",  # a person's own iCal feed: the signed link is the key (cases/services/calendar.py)
    "directory:public",  # the partner services by need: national data and each city's public offices
}


# URLs whose arguments name a page rather than an object: what to fill them with in URL-walking tests.
PAGE_KWARGS: dict[str, dict[str, str]] = {
    "cases:queue": {"name": "money"},
    "screening:step": {"slug": "household"},
    "screening:answer": {"question": "person.student"},
    "screening:shared": {"token": "not-a-token"},
    "community:agency-barriers": {"token": "not-a-token"},
    "cases:calendar-feed": {"token": "not-a-token"},
    "cases:resident-page": {"token": "not-a-token"},
    "directory:service": {"pk": "1"},  # a national object (below): any id does for the login tests
    "directory:service-edit": {"pk": "1"},
    "directory:organization": {"pk": "1"},
    "directory:organization-edit": {"pk": "1"},
    "directory:service-add": {"pk": "1"},
    "directory:location-add": {"pk": "1"},
    "directory:location-edit": {"pk": "1"},
    "directory:office-add": {"pk": "1"},
    "directory:contact-add": {"pk": "1"},
    "directory:contact-edit": {"pk": "1"},
    "directory:contact-remove": {"pk": "1"},
    "outcomes:figure": {"kpi": "rights_approved"},
}

# URLs with the id of a national object (a directory service), which belongs to no authority: every member may
# open it, so the cross-authority access matrix does not apply. They still need a login.
NATIONAL_OBJECT_URLS = {
    "directory:service",
    # Organizations, national branches and contacts; adding a row under an organization (an office is then this
    # authority's own, made in its tenant); editing one (decision 0007, directory/views.py).
    "directory:service-edit",
    "directory:organization",
    "directory:organization-edit",
    "directory:service-add",
    "directory:location-add",
    "directory:location-edit",
    "directory:office-add",
    "directory:contact-add",
    "directory:contact-edit",
    "directory:contact-remove",
}


def url_patterns() -> list[tuple[str, URLPattern]]:
    """Every named URL pattern of the project as ("namespace:name", pattern)."""
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif p.name:
                found.append((f"{namespace}{p.name}", p))

    walk(get_resolver().url_patterns, "")
    return found


def has_object_id(pattern: URLPattern) -> bool:
    """URLs that name a stored object (`<int:pk>` and friends), as opposed to a page slug."""
    return any(name == "pk" or name.endswith(("_pk", "_id")) for name in pattern.pattern.regex.groupindex)


SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def shoot(page: Any, name: str) -> None:
    """Save a full-page screenshot for a person to look at (artifacts/ is git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def make_resident(authority: Authority, full_name: str = "מרים בן חיים", **overrides: Any) -> Any:
    from mizui.cases.services import ResidentData, create_resident

    data = ResidentData(full_name=full_name, **overrides)
    with tenant_context(authority):
        return create_resident(None, authority=authority, data=data)


def make_case(
    authority: Authority, *, volunteer: User | None = None, lawyer: User | None = None, **overrides: Any
) -> Any:
    """A resident with a case and one identified right (income support, ₪2,000 a month)."""
    import datetime as dt
    from decimal import Decimal

    from mizui.cases.models import Case, Entitlement

    resident = make_resident(authority, **overrides)
    with tenant_context(authority):
        case = Case.objects.create(
            authority=authority,
            household=resident.household,
            resident=resident,
            topic="מיצוי זכויות",
            volunteer=volunteer,
            lawyer=lawyer,
        )
        Entitlement.objects.create(
            authority=authority,
            household=resident.household,
            case=case,
            program="income_support",
            agency="nii",
            monthly_amount=Decimal(2000),
            at_risk_monthly=Decimal(2000),
            retro_cap_months=12,
            identified_on=dt.date(2026, 1, 1),
        )
    return case


def make_inquiry(authority: Authority, **overrides: Any) -> Any:
    from mizui.cases.models import InquiryChannel
    from mizui.cases.services import record_inquiry

    fields = {"channel": InquiryChannel.PHONE, "full_name": "סאמר חורי", "phone": "0521234567", **overrides}
    with tenant_context(authority):
        return record_inquiry(None, authority=authority, **fields)  # type: ignore[arg-type]


def formula_cells(content: bytes, fmt: str) -> list[str]:
    """Cells of an exported CSV or XLSX file that a spreadsheet program would run as a formula."""
    import csv
    import io

    from openpyxl import load_workbook

    from mizui.lib.spreadsheet import TRIGGERS

    if fmt == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        return [cell for row in rows for cell in row if cell.startswith(TRIGGERS) and not _number(cell)]
    book = load_workbook(io.BytesIO(content))
    return [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
        or (isinstance(cell.value, str) and cell.value.startswith(TRIGGERS))
        and not cell.quotePrefix
    ]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def accessibility_problems(page: Any) -> list[str]:
    """What axe-core (bundled with the Python package, offline) finds wrong on the page as it is now: one line per
    rule broken, with the first places it is broken."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found]


# Text nodes with a Hebrew letter that no element marks as Hebrew (lang="he"): on an Arabic, Russian or English page
# a screen reader would read them with the wrong voice, and bidi may reorder the sentence around them.
UNMARKED_HEBREW = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!/[\\u05D0-\\u05EA]/.test(node.textContent)) continue;
    const element = node.parentElement;
    if (element.closest('[lang="he"], script, style')) continue;
    found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""


def answer_field(page: Any, name: str, value: Any) -> None:
    """Answer one question in a browser as a person does: a date's day, month and year boxes, the boxes of a
    checkbox list, a radio, a drop-down or a text box."""
    if page.locator(f'[name="{name}_day"]').count():
        year, month, day = str(value).split("-")
        for part, text in (("day", day), ("month", month), ("year", year)):
            page.locator(f'[name="{name}_{part}"]').fill(str(int(text)))
        return
    field = page.locator(f'[name="{name}"]')
    kind = field.first.get_attribute("type")
    if kind == "checkbox" and isinstance(value, list):
        for each in value:
            page.locator(f'[name="{name}"][value="{each}"]').check()
    elif kind == "checkbox":
        field.set_checked(value in (True, "yes", "on"))
    elif kind == "radio":
        page.locator(f'[name="{name}"][value="{value}"]').check()
    elif field.first.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)
