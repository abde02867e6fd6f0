"""Tasks, notes and documents on a case."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User
from mizui.cases.models.cases import Case
from mizui.cases.models.ledger import Entitlement
from mizui.lib.crypto import EncryptedTextField


class TaskKind(models.TextChoices):
    GENERAL = "general", _("כללי")
    DOCUMENTS = "documents", _("איסוף מסמכים")
    APPEAL_DEADLINE = "appeal", _("מועד אחרון לערר")
    RENEWAL = "renewal", _("חידוש זכות")
    FOLLOW_UP = "follow_up", _("מעקב מול גורם")


class TaskQuerySet(TenantQuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(done_at__isnull=True)


class Task(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    entitlement = models.ForeignKey(Entitlement, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=10, choices=TaskKind.choices, default=TaskKind.GENERAL)
    title = models.CharField(_("משימה"), max_length=200)
    due_on = models.DateField(_("תאריך יעד"))
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "due_on"], condition=Q(done_at__isnull=True), name="task_open_by_owner")
        ]

    def __str__(self) -> str:
        return f"task {self.pk} on case {self.case_id}"


class Note(TenantModel):
    """A note on a case. Privileged notes (attorney-client) are for lawyers and managers only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    body = EncryptedTextField(_("הערה"))
    privileged = models.BooleanField(_("חיסיון עו״ד-לקוח"), default=False)

    objects = TenantQuerySet["Note"].as_manager()

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


def document_path(instance: Any, filename: str) -> str:
    # Server-generated names only (ASVS 5.3.2): the resident's file name is kept, encrypted, in the row.
    return f"cases/{instance.authority_id}/{uuid.uuid4().hex}"


class Document(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    entitlement = models.ForeignKey(
        Entitlement, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    label = models.CharField(_("מסמך"), max_length=200)
    is_decision_letter = models.BooleanField(_("מכתב החלטה"), default=False)
    file = models.FileField(upload_to=document_path)
    original_name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["Document"].as_manager()

    def __str__(self) -> str:
        return f"document {self.pk} on case {self.case_id}"
