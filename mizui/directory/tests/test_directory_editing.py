"""Managers add and edit the directory from the staff pages, with a history; who may edit what (decision 0007)."""

from __future__ import annotations

from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.directory import demo
from mizui.directory.models import AuthorityLocation, Change, Contact, OfficeChange, Organization, Service
from mizui.directory.tests.factories import make_office
from mizui.test import MizuiTestCase, login


def _organization_fields(org: Organization, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name_he": org.name_he,
        "name_en": org.name_en,
        "description": org.description,
        "url": org.url,
        "email": org.email,
        "phone": org.phone,
        "mobile": org.mobile,
        "channels": list(org.channels),
        "sla_days": org.sla_days,
    }
    return {**fields, **changes}


class EditingTests(MizuiTestCase):
    nii: Organization

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        demo.load([cls.a, cls.b])
        cls.nii = Organization.objects.get(key="nii")

    def _edit_url(self) -> str:
        return reverse("directory:organization-edit", kwargs={"pk": self.nii.pk})

    def test_a_manager_changes_an_email_and_the_history_shows_it(self) -> None:
        login(self.client, self.michal)
        before = self.nii.email
        response = self.client.post(self._edit_url(), _organization_fields(self.nii, email="nii.new@example.org"))
        self.assertRedirects(response, reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        self.nii.refresh_from_db()
        self.assertEqual(self.nii.email, "nii.new@example.org")
        page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        history = page.content.decode().split('id="history-title"')[1]
        self.assertIn("מיכל אברהמי", history)
        self.assertIn(f"<del>{before}</del>", history)
        self.assertIn("<ins>nii.new@example.org</ins>", history)
        # Another authority's manager sees the same national history: the row changed for them too.
        login(self.client, self.boaz)
        self.assertContains(
            self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk})), "nii.new@example.org"
        )
        with tenant_context(self.a):  # the access log is the tenant's (row-level security on PostgreSQL)
            updates = AccessLog.objects.filter(action=AccessAction.UPDATE, object_type="directory_organization")
            self.assertEqual(updates.get().user, self.michal)

    def test_an_edit_that_changes_nothing_leaves_no_history(self) -> None:
        login(self.client, self.michal)
        self.client.post(self._edit_url(), _organization_fields(self.nii))
        self.assertFalse(Change.objects.exists())

    def test_a_landline_as_mobile_is_refused_at_its_field(self) -> None:
        login(self.client, self.michal)
        response = self.client.post(self._edit_url(), _organization_fields(self.nii, mobile="08-8675309"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-error-summary")
        self.assertContains(response, 'id="id_mobile_error"')
        self.assertContains(response, "נא לכתוב מספר נייד ישראלי")
        self.nii.refresh_from_db()
        self.assertNotEqual(self.nii.mobile, "0886753090")
        self.assertFalse(Change.objects.exists())

    def test_channels_need_their_address(self) -> None:
        login(self.client, self.michal)
        response = self.client.post(self._edit_url(), _organization_fields(self.nii, mobile="", channels=["sms"]))
        self.assertContains(response, "כדי לקבל הפניות ב-SMS צריך מספר נייד.")

    def test_a_volunteer_and_a_lawyer_may_look_but_not_edit(self) -> None:
        for user in (self.yael, self.dana):
            with self.subTest(user=user.email):
                login(self.client, user)
                page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, self._edit_url())
                self.assertEqual(self.client.get(self._edit_url()).status_code, 403)
                response = self.client.post(self._edit_url(), _organization_fields(self.nii, email="x@example.org"))
                self.assertEqual(response.status_code, 403)
                self.assertEqual(self.client.get(reverse("directory:organization-add")).status_code, 403, "nor add one")
        self.nii.refresh_from_db()
        self.assertNotEqual(self.nii.email, "x@example.org")

    def test_an_office_is_this_authoritys_own(self) -> None:
        login(self.client, self.michal)
        url = reverse("directory:office-add", kwargs={"pk": self.nii.pk})
        response = self.client.post(url, {"name": "ביטוח לאומי – עמדה בעירייה", "city": "אשדוד", "hours": "א׳ 9–12"})
        self.assertEqual(response.status_code, 302)
        with tenant_context(self.a):
            office = AuthorityLocation.objects.for_authority(self.a).get(name="ביטוח לאומי – עמדה בעירייה")
            self.assertEqual(OfficeChange.objects.for_authority(self.a).get().office, office)
        page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        self.assertContains(page, "ביטוח לאומי – עמדה בעירייה")
        # Be'er Sheva's manager: neither the office nor its history, and its edit page is a 404.
        login(self.client, self.boaz)
        page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        self.assertNotContains(page, "ביטוח לאומי – עמדה בעירייה")
        edit = reverse("directory:office-edit", kwargs={"pk": office.pk})
        self.assertEqual(self.client.get(edit).status_code, 404)
        self.assertEqual(self.client.post(edit, {"name": "נחטף"}).status_code, 404)
        with tenant_context(self.a):
            office.refresh_from_db()
        self.assertEqual(office.name, "ביטוח לאומי – עמדה בעירייה")

    def test_a_manager_edits_an_office_and_its_history_shows_the_hours(self) -> None:
        office = make_office(self.a)
        login(self.client, self.michal)
        url = reverse("directory:office-edit", kwargs={"pk": office.pk})
        self.assertContains(self.client.get(url), office.name)
        self.client.post(url, {"name": office.name, "hours": "א׳–ה׳ 8:00–13:00"})
        page = self.client.get(reverse("directory:organization", kwargs={"pk": office.organization_id}))
        self.assertContains(page, "<ins>א׳–ה׳ 8:00–13:00</ins>")

    def test_a_manager_adds_a_service_a_branch_and_a_contact(self) -> None:
        login(self.client, self.michal)
        org = self.nii
        self.client.post(
            reverse("directory:service-add", kwargs={"pk": org.pk}),
            {
                "name_he": "מענק בדיקה",
                "status": "active",
                "programs": ["income_support"],
                "taxonomy_terms": ["human_services:housing"],
                "documents": "תעודת זהות\n\nחוזה שכירות\n",
            },
        )
        service = Service.objects.get(name_he="מענק בדיקה")
        self.assertEqual((service.organization, service.documents), (org, ["תעודת זהות", "חוזה שכירות"]))
        self.assertTrue(service.key)
        self.client.post(
            reverse("directory:location-add", kwargs={"pk": org.pk}),
            {"name": "ביטוח לאומי – סניף בדיקה", "city": "אשדוד", "cbs_code": "70", "services": [service.pk]},
        )
        self.assertEqual(list(service.locations.values_list("name", flat=True)), ["ביטוח לאומי – סניף בדיקה"])
        self.client.post(
            reverse("directory:contact-add", kwargs={"pk": org.pk}),
            {"name": "נועה בדיקה", "service": service.pk, "email": "noa@example.org", "phone": "052-5559999"},
        )
        contact = Contact.objects.get(name="נועה בדיקה")
        self.client.post(
            reverse("directory:contact-edit", kwargs={"pk": contact.pk}),
            {"name": "נועה בדיקה", "service": "", "email": "noa@example.org", "phone": "052-5559999"},
        )
        contact.refresh_from_db()
        self.assertIsNone(contact.service)
        kinds = sorted(Change.objects.values_list("object_type", "action"))
        expected = [("contact", "create"), ("contact", "update"), ("location", "create"), ("service", "create")]
        self.assertEqual(kinds, expected)

    def test_the_directory_links_to_the_organizations_and_each_service_to_its_editor(self) -> None:
        login(self.client, self.michal)
        self.assertContains(self.client.get(reverse("directory:index")), reverse("directory:organizations"))
        service = Service.objects.get(key="nii-income-support")
        page = self.client.get(reverse("directory:service", kwargs={"pk": service.pk}))
        self.assertContains(page, reverse("directory:service-edit", kwargs={"pk": service.pk}))
        listing = self.client.get(reverse("directory:organizations"))
        self.assertContains(listing, "nii@example.org")

    def test_a_service_page_says_how_its_partner_takes_referrals(self) -> None:
        login(self.client, self.dana)
        moch = Service.objects.get(key="moch-rent-assistance")
        page = self.client.get(reverse("directory:service", kwargs={"pk": moch.pk}))
        self.assertContains(page, "moch@example.org")
        self.assertContains(page, "דוא״ל · מכתב מודפס")  # the ministry takes no SMS

    def test_an_import_that_overwrites_an_edit_says_so_in_the_history(self) -> None:
        login(self.client, self.michal)
        self.client.post(self._edit_url(), _organization_fields(self.nii, email="nii.new@example.org"))
        demo.load([self.a, self.b])  # the reviewed file, loaded again
        self.nii.refresh_from_db()
        self.assertEqual(self.nii.email, "nii@example.org")
        page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        history = page.content.decode().split('id="history-title"')[1]
        self.assertIn("עודכן מקובץ המדריך (HSDS)", history)
        self.assertIn("<del>nii.new@example.org</del>", history)
        demo.load([self.a, self.b])  # nothing changes: nothing more in the history
        self.assertEqual(Change.objects.count(), 2)

    def test_a_manager_removes_a_contact_who_stays_in_the_history(self) -> None:
        contact = Contact.objects.get(key="nii-referrals")
        url = reverse("directory:contact-remove", kwargs={"pk": contact.pk})
        login(self.client, self.yael)
        self.assertEqual(self.client.post(url).status_code, 403)
        login(self.client, self.michal)
        self.assertRedirects(self.client.post(url), reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        self.assertFalse(Contact.objects.filter(pk=contact.pk).exists())
        page = self.client.get(reverse("directory:organization", kwargs={"pk": self.nii.pk}))
        history = page.content.decode().split('id="history-title"')[1]
        self.assertIn(f"הוסר: {contact.name}", history)
        self.assertIn(f"<del>{contact.phone}</del>", history)
