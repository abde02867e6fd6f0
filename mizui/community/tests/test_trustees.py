"""Rights trustees: recruitment and training, neighbours registered with consent, and only a coarse status back."""

from __future__ import annotations

from django.urls import reverse

from mizui.accounts.models import Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import CloseReason, Inquiry, InquiryChannel
from mizui.cases.services import add_note, close_case, close_inquiry, open_case
from mizui.community.models import Lead, Recruitment
from mizui.community.tests.factories import make_lead, make_trustee
from mizui.test import MizuiTestCase, login, make_membership, make_resident, make_user


class TrusteeTests(MizuiTestCase):
    olga: User
    salame: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.olga = make_user("olga@a.test", "אולגה סמירנובה")
        make_membership(cls.olga, cls.a, Role.TRUSTEE)
        cls.salame = make_user("salame@a.test", "סלאמה אבו-חמד")
        make_membership(cls.salame, cls.a, Role.TRUSTEE)

    def _register(self, **overrides: str) -> object:
        data = {
            "full_name": "ולנטינה אורלוב",
            "phone": "052-7770001",
            "preferred_language": "ru",
            "need": "לא בטוחה שמקבלת השלמת הכנסה",
            "event_code": "",
            "consent_method": "verbal",
            "consent": "on",
            **overrides,
        }
        return self.client.post(reverse("community:leads"), data)

    def test_it_turns_a_neighbour_into_an_inquiry_with_consent(self) -> None:
        make_trustee(self.a, user=self.olga)
        login(self.client, self.olga)
        self.assertEqual(self._register().status_code, 302)  # type: ignore[attr-defined]
        with tenant_context(self.a):
            inquiry = Inquiry.objects.get()
            lead = Lead.objects.get()
        self.assertEqual(
            (inquiry.channel, inquiry.full_name, inquiry.phone),
            (InquiryChannel.TRUSTEE, "ולנטינה אורלוב", "0527770001"),
        )
        self.assertIsNotNone(inquiry.consent_contact_at)
        self.assertEqual((lead.inquiry_id, lead.consent_method), (inquiry.pk, "verbal"))
        # The center's intake sees it like any other inquiry.
        login(self.client, self.dana)
        self.assertContains(
            self.client.get(reverse("cases:inquiries")), reverse("cases:inquiry", kwargs={"pk": inquiry.pk})
        )

    def test_it_refuses_a_neighbour_without_consent(self) -> None:
        make_trustee(self.a, user=self.olga)
        login(self.client, self.olga)
        response = self._register(consent="")
        self.assertContains(response, "בלי הסכמת השכן/ה", status_code=200)  # type: ignore[arg-type]
        with tenant_context(self.a):
            self.assertFalse(Inquiry.objects.exists())

    def test_it_opens_lead_registration_only_after_training(self) -> None:
        trustee = make_trustee(self.a, user=self.olga, trained=False)
        self.assertEqual(trustee.status, Recruitment.CANDIDATE)
        login(self.client, self.olga)
        self._register()
        with tenant_context(self.a):
            self.assertFalse(Inquiry.objects.exists())
        login(self.client, self.michal)
        for course in ("orientation", "trustee"):
            self.client.post(
                reverse("community:trustee-training", kwargs={"pk": trustee.pk}),
                {"course": course, "completed_on": "2026-01-10"},
            )
        trustee.refresh_from_db()
        self.assertEqual(trustee.status, Recruitment.ACTIVE)

    def test_it_shows_a_trustee_only_the_coarse_status_of_their_own_leads(self) -> None:
        mine = make_lead(self.a, make_trustee(self.a, user=self.olga))
        theirs = make_lead(self.a, make_trustee(self.a, user=self.salame), full_name="אברהם טייב", phone="0527770002")
        login(self.client, self.olga)
        page = self.client.get(reverse("community:leads"))
        self.assertContains(page, "ולנטינה אורלוב")
        self.assertNotContains(page, "אברהם טייב")
        self.assertContains(page, 'data-status="received"')
        self.assertEqual(self.client.get(reverse("community:lead", kwargs={"pk": theirs.pk})).status_code, 404)

        # The center opens a case, with a lawyer, money and a note: the trustee sees "in treatment", nothing more.
        with tenant_context(self.a):
            resident = make_resident(self.a, full_name="ולנטינה אורלוב")
            inquiry = Inquiry.objects.get(pk=mine.inquiry_id)
            case = open_case(self.dana, resident=resident, topic="השלמת הכנסה", inquiry=inquiry, lawyer=self.dana)
            add_note(self.dana, case, body="הערה פנימית על המשפחה", privileged=False)
        page = self.client.get(reverse("community:lead", kwargs={"pk": mine.pk}))
        self.assertContains(page, 'data-status="in_treatment"')
        for hidden in ("דנה לוי", "הערה פנימית", "₪", "השלמת הכנסה"):
            self.assertNotContains(page, hidden)

        with tenant_context(self.a):
            close_case(self.dana, case)
        self.assertContains(self.client.get(reverse("community:lead", kwargs={"pk": mine.pk})), 'data-status="closed"')

    def test_it_counts_an_inquiry_closed_without_a_case_as_closed(self) -> None:
        lead = make_lead(self.a, make_trustee(self.a, user=self.olga))
        with tenant_context(self.a):
            close_inquiry(self.dana, Inquiry.objects.get(pk=lead.inquiry_id), reason=CloseReason.NOT_REACHED)
        login(self.client, self.olga)
        self.assertContains(self.client.get(reverse("community:leads")), 'data-status="closed"')

    def test_it_keeps_trustees_out_of_casework_and_staff_pages(self) -> None:
        lead = make_lead(self.a, make_trustee(self.a, user=self.olga))
        login(self.client, self.olga)
        self.assertEqual(self.client.get(reverse("cases:inquiry", kwargs={"pk": lead.inquiry_id})).status_code, 403)
        self.assertEqual(self.client.get(reverse("community:trustees")).status_code, 403)

    def test_it_sends_staff_from_a_lead_to_its_inquiry(self) -> None:
        lead = make_lead(self.a, make_trustee(self.a, user=self.olga))
        login(self.client, self.michal)
        response = self.client.get(reverse("community:lead", kwargs={"pk": lead.pk}))
        self.assertRedirects(response, reverse("cases:inquiry", kwargs={"pk": lead.inquiry_id}))

    def test_it_tracks_recruitment_on_the_staff_list(self) -> None:
        make_trustee(self.a, user=self.olga)
        make_trustee(self.a, user=self.salame, trained=False)
        login(self.client, self.michal)
        page = self.client.get(reverse("community:trustees"))
        self.assertContains(page, "אולגה סמירנובה")
        self.assertContains(page, "פעיל/ה: <strong>1</strong>", html=False)
        self.assertContains(page, "מועמד/ת: <strong>1</strong>", html=False)
