"""Documents on a case: the checklist per ledger row, upload (checked before storing) and download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, VolunteerTier
from mizui.cases.access import access_case, access_document, is_volunteer, volunteer_may
from mizui.cases.forms import AdvanceForm
from mizui.cases.models import NEXT_STAGES, Case, Document, Entitlement, Stage
from mizui.cases.services import documents as service
from mizui.cases.views.staff import ANY_CASEWORKER, program_names
from mizui.lib.forms import error_text

ACCEPT = ",".join(sorted(service.ALLOWED_EXTENSIONS))
# A decision letter can confirm amounts on these steps (see casework._check).
CONFIRMING_STAGES = frozenset({Stage.DECIDED, Stage.PAID})


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("קובץ (PDF, JPEG, PNG או HEIC)"),
        allow_empty_file=True,  # the service refuses it, with the same message for every client
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": gettext_lazy("נא לבחור קובץ להעלאה.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("מהו המסמך?"),
        choices=[],
        error_messages={
            "required": gettext_lazy("נא לבחור מהו המסמך."),
            "invalid_choice": gettext_lazy("נא לבחור מהו המסמך."),
        },
    )
    description = forms.CharField(label=gettext_lazy("תיאור (למסמך שאינו ברשימה)"), required=False, max_length=200)

    def __init__(self, *args: Any, rows: list[LedgerChecklist], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entitlements = {f"e{row.entitlement.pk}": row.entitlement for row in rows}
        self.labels: dict[str, str] = {}
        choices: list[Any] = [("", "—"), ("other", _("מסמך אחר של התיק"))]
        for row in rows:
            prefix = f"e{row.entitlement.pk}"
            options = [(f"{prefix}:{i}", item.label) for i, item in enumerate(row.items)]
            self.labels.update({f"{prefix}:{i}": item.key for i, item in enumerate(row.items)})
            options += [(f"{prefix}:decision", _("מכתב החלטה")), (f"{prefix}:other", _("מסמך אחר לזכות זו"))]
            choices.append((row.name, options))
        cast(forms.ChoiceField, self.fields["kind"]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind", "")
        if kind.endswith("other") and not data.get("description", "").strip():
            self.add_error("description", _("נא לכתוב מהו המסמך."))
        return data

    def target(self) -> tuple[Entitlement | None, str, bool]:
        """(ledger row or None, label to store, is it a decision letter) for the chosen kind."""
        kind = self.cleaned_data["kind"]
        entitlement = self.entitlements.get(kind.split(":")[0])
        if kind.endswith(":decision"):
            return entitlement, service.DECISION_LETTER_LABEL, True
        return entitlement, self.labels.get(kind) or self.cleaned_data["description"], False


@dataclass
class LedgerChecklist:
    entitlement: Entitlement
    name: str
    items: list[service.ChecklistItem]
    letters: list[Document] = field(default_factory=list)
    confirm_form: AdvanceForm | None = None

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)


@dataclass(frozen=True)
class FileRow:
    document: Document
    label: str
    right: str


def _confirm_form(entitlement: Entitlement, letter: Document) -> AdvanceForm | None:
    """The ledger's own advance form, with this decision letter filled in as the evidence."""
    stages = [(s, str(Stage(s).label)) for s in sorted(NEXT_STAGES[entitlement.stage] & CONFIRMING_STAGES)]
    if not stages:
        return None
    return AdvanceForm(
        stages=stages,
        prefix=f"e{entitlement.pk}",  # the prefix entitlement_advance reads
        auto_id=f"letter{letter.pk}-%s",  # the ledger's form for the same row is on the page too
        initial={"on": timezone.localdate(), "evidence": service.evidence_for(letter)},
    )


def _rows(case: Case, documents: list[Document], lang: str, *, staff: bool) -> list[LedgerChecklist]:
    names = program_names(lang)
    rows = []
    for entitlement in case.rights_by_name:
        row = LedgerChecklist(
            entitlement=entitlement,
            name=names.get(entitlement.program, entitlement.program),
            items=service.checklist(entitlement, documents, lang),
            letters=[d for d in documents if d.entitlement_id == entitlement.pk and d.is_decision_letter],
        )
        if staff and row.letters:
            row.confirm_form = _confirm_form(entitlement, row.letters[0])  # the newest letter
        rows.append(row)
    return rows


def documents_panel(request: StaffRequest, case: Case) -> dict[str, Any]:
    """What templates/cases/case_documents.html shows: checklists, files, the upload form."""
    lang = translation.get_language() or "he"
    documents = list(case.documents.select_related("uploaded_by").order_by("-uploaded_at", "-pk"))
    rows = _rows(case, documents, lang, staff=not is_volunteer(request))
    by_pk = {row.entitlement.pk: row for row in rows}
    files = []
    for document in documents:
        row = by_pk.get(document.entitlement_id or 0)
        program = row.entitlement.program if row else None
        files.append(FileRow(document, service.display_label(document, program, lang), row.name if row else ""))
    return {
        "rows": rows,
        "files": files,
        "form": DocumentForm(rows=rows),
        "max_mb": service.max_bytes() // 1_048_576,
    }


@require_POST
@staff_required(ANY_CASEWORKER)
def document_upload(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    if not volunteer_may(request, VolunteerTier.DOCUMENTS):  # a volunteer not yet trained to gather documents
        log_access(request, AccessAction.DENIED, "page", "cases:document-upload")
        return render(request, "accounts/forbidden.html", status=403)
    lang = translation.get_language() or "he"
    documents = list(item.documents.all())
    rows = _rows(item, documents, lang, staff=False)
    form = DocumentForm(request.POST, request.FILES, rows=rows)
    if not form.is_valid():
        messages.error(request, _("המסמך לא נשמר: %(errors)s") % {"errors": error_text(form)})
    else:
        entitlement, label, is_letter = form.target()
        try:
            document = service.upload_document(
                request.user,
                item,
                upload=form.cleaned_data["file"],
                label=label,
                entitlement=entitlement,
                is_decision_letter=is_letter,
            )
        except service.DocumentRejected as error:
            messages.error(request, _("המסמך לא נשמר: %(errors)s") % {"errors": str(error)})
        else:
            messages.success(request, _("המסמך נשמר."))
            if entitlement and is_letter and not is_volunteer(request) and _confirm_form(entitlement, document):
                messages.info(request, _("אפשר לאשר עכשיו את הסכום לפי מכתב ההחלטה, ברשימת המסמכים."))
    return redirect(f"{reverse('cases:case', kwargs={'pk': item.pk})}#documents-title")


@require_GET
@staff_required(ANY_CASEWORKER)
def document_download(request: StaffRequest, pk: int) -> HttpResponse:
    document = access_document(request, pk)  # 404 across authorities and unassigned volunteers; logs the view
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=service.download_name(document), content_type=document.content_type
    )
    return cast(HttpResponse, response)  # streamed; staff_required's type names HttpResponse only
