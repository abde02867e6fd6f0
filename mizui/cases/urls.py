from __future__ import annotations

from django.urls import path

from mizui.cases.views import barriers, calendar, documents, messages, public, queues, referrals, resident_links, staff

app_name = "cases"

urlpatterns = [
    path("help/", public.help_request, name="help"),
    path("help/thanks/", public.help_thanks, name="help-thanks"),
    path("staff/inquiries/", staff.inquiries, name="inquiries"),
    path("staff/inquiries/new/", staff.inquiry_new, name="inquiry-new"),
    path("staff/inquiries/<int:pk>/", staff.inquiry, name="inquiry"),
    path("staff/inquiries/<int:pk>/close/", staff.inquiry_close, name="inquiry-close"),
    path("staff/residents/<int:pk>/", staff.resident, name="resident"),
    path("staff/residents/<int:pk>/consents/", staff.consent_add, name="consent-add"),
    path("staff/residents/<int:pk>/merge/", staff.resident_merge, name="resident-merge"),
    path("staff/cases/<int:pk>/", staff.case, name="case"),
    path("staff/cases/<int:pk>/screen/", staff.case_screen, name="case-screen"),
    path("staff/cases/<int:pk>/tasks/", staff.task_add, name="task-add"),
    path("staff/cases/<int:pk>/notes/", staff.note_add, name="note-add"),
    path("staff/cases/<int:pk>/escalate/", staff.case_escalate, name="case-escalate"),
    path("staff/ledger/<int:pk>/advance/", staff.entitlement_advance, name="entitlement-advance"),
    path("staff/tasks/<int:pk>/done/", staff.task_done, name="task-done"),
    path("staff/calendar/", calendar.calendar, name="calendar"),
    path("staff/calendar/link/", calendar.calendar_link, name="calendar-link"),
    path("staff/calendar/link/stop/", calendar.calendar_link_stop, name="calendar-link-stop"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path("staff/queues/", queues.queue, name="queues"),
    path("staff/queues/<slug:name>/", queues.queue, name="queue"),
    path("staff/residents/", queues.search, name="search"),
    path("staff/cases/<int:pk>/documents/", documents.document_upload, name="document-upload"),
    path("staff/documents/<int:pk>/", documents.document_download, name="document-download"),
    path("staff/cases/<int:pk>/referrals/", referrals.referral_send, name="referral-send"),
    path("staff/referrals/<int:pk>/letter/", referrals.referral_letter, name="referral-letter"),
    path("staff/partners/", referrals.partners, name="partners"),
    path("partner/r/<str:token>/", referrals.partner_referral, name="partner-referral"),
    path("partner/r/<str:token>/documents/<int:pk>/", referrals.partner_document, name="partner-document"),
    path("staff/cases/<int:pk>/resident-link/", resident_links.resident_link_issue, name="resident-link-issue"),
    path("staff/resident-links/<int:pk>/revoke/", resident_links.resident_link_revoke, name="resident-link-revoke"),
    path("my/<str:token>/", resident_links.resident_page, name="resident-page"),
    path("messages/sms/receipt/", messages.sms_receipt, name="sms-receipt"),
    path("messages/sms/incoming/", messages.sms_incoming, name="sms-incoming"),
    path("staff/cases/<int:pk>/barriers/", barriers.barrier_add, name="barrier-add"),
    path("staff/barriers/<int:pk>/resolve/", barriers.barrier_resolve, name="barrier-resolve"),
    path("staff/barriers/", barriers.barriers, name="barriers"),
    path("staff/barriers/export/", barriers.barriers_export, name="barriers-export"),
]
