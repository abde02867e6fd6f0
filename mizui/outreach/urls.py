from __future__ import annotations

from django.urls import path

from mizui.outreach.views import campaigns, imports, screening

app_name = "outreach"

urlpatterns = [
    path("outreach/", imports.index, name="index"),
    path("outreach/sources/new/", imports.source_new, name="source-new"),
    path("outreach/imports/new/", imports.import_new, name="import-new"),
    path("outreach/imports/<int:pk>/", imports.import_detail, name="import"),
    path("outreach/imports/<int:pk>/start/", imports.import_start, name="import-start"),
    path("outreach/imports/<int:pk>/sheet/", imports.import_sheet, name="import-sheet"),
    path("outreach/imports/<int:pk>/recode/", imports.import_recode, name="import-recode"),
    path("outreach/imports/<int:pk>/quarantine/<int:row>/", imports.quarantine_fix, name="quarantine-fix"),
    path("outreach/runs/new/", screening.run_new, name="run-new"),
    path("outreach/runs/<int:pk>/", screening.run_detail, name="run"),
    path("outreach/runs/<int:pk>/resume/", screening.run_resume, name="run-resume"),
    path("outreach/lists/", screening.outreach_lists, name="lists"),
    path("outreach/lists/export/", screening.list_export, name="list-export"),
    path("outreach/lists/save/", screening.list_save, name="list-save"),
    path("outreach/campaigns/new/", campaigns.campaign_new, name="campaign-new"),
    path("outreach/campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("outreach/campaigns/<int:pk>/launch/", campaigns.campaign_launch, name="campaign-launch"),
    path("outreach/campaigns/<int:pk>/send/", campaigns.campaign_send, name="campaign-send"),
    path("outreach/campaigns/<int:pk>/letters/", campaigns.campaign_letters, name="campaign-letters"),
    path("outreach/targets/<int:pk>/contact/", campaigns.target_contact, name="target-contact"),
    path("outreach/targets/<int:pk>/respond/", campaigns.target_respond, name="target-respond"),
    path("outreach/targets/<int:pk>/call/", campaigns.target_call, name="target-call"),
    path("outreach/targets/<int:pk>/confirm/", campaigns.target_confirm, name="target-confirm"),
]
