"""A view that fails half-way leaves nothing half-written, and what it read is still in the access log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path

from mizui.accounts.audit import log_access
from mizui.accounts.models import AccessAction, AccessLog, Membership
from mizui.accounts.tenancy import tenant_context
from mizui.test import MizuiTestCase, login


def deactivate_then_fail(request: HttpRequest, pk: int) -> HttpResponse:
    log_access(request, AccessAction.VIEW, "membership", pk)
    Membership.objects.filter(pk=pk).update(is_active=False)  # the first of two writes that belong together
    raise RuntimeError("the second write failed")


urlpatterns = [path("fail/<int:pk>/", deactivate_then_fail)]


@override_settings(ROOT_URLCONF=__name__)
class FailedRequestTests(MizuiTestCase):
    def test_it_rolls_back_the_writes_of_a_view_that_raised(self) -> None:
        login(self.client, self.michal)
        self.client.raise_request_exception = False
        self.assertEqual(self.client.get(f"/fail/{self.dana_at_a.pk}/").status_code, 500)
        with tenant_context(self.a, self.michal):
            self.assertTrue(Membership.objects.get(pk=self.dana_at_a.pk).is_active)
            logged = AccessLog.objects.filter(user=self.michal, object_id=str(self.dana_at_a.pk))
            self.assertEqual([e.action for e in logged], [AccessAction.VIEW])
