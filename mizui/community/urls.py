from __future__ import annotations

from django.urls import path

from mizui.community.views import agencies, initiatives, stories, supervision, trustees, volunteers

app_name = "community"

urlpatterns = [
    path("staff/community/volunteers/", volunteers.volunteers, name="volunteers"),
    path("staff/community/volunteers/<int:pk>/", volunteers.volunteer, name="volunteer"),
    path("staff/community/volunteers/<int:pk>/trainings/", volunteers.volunteer_training, name="volunteer-training"),
    path("staff/community/volunteers/<int:pk>/hours/", volunteers.volunteer_hours, name="volunteer-hours"),
    path("staff/community/volunteers/<int:pk>/review/", supervision.volunteer_review, name="volunteer-review"),
    path("staff/community/volunteers/<int:pk>/retrained/", supervision.volunteer_retrained, name="volunteer-retrained"),
    path("staff/community/supervision/", supervision.supervision, name="supervision"),
    path("staff/community/supervision/<int:pk>/", supervision.session, name="supervision-session"),
    path("staff/community/checklist/", supervision.checklist, name="checklist"),
    path("staff/community/checklist/<int:pk>/", supervision.checklist_item, name="checklist-item"),
    path("staff/community/reviews/<int:pk>/", supervision.review, name="review"),
    path("staff/community/me/", volunteers.me, name="me"),
    path("staff/community/me/hours/", volunteers.my_hours, name="my-hours"),
    path("staff/community/cases/<int:pk>/match/", volunteers.case_match, name="case-match"),
    path("staff/community/cases/<int:pk>/story/", stories.story_new, name="story-new"),
    path("staff/community/stories/", stories.stories, name="stories"),
    path("staff/community/stories/<int:pk>/", stories.story, name="story"),
    path("staff/community/stories/<int:pk>/approve/", stories.story_approve, name="story-approve"),
    path("staff/community/stories/<int:pk>/meeting/", stories.story_meeting, name="story-meeting"),
    path("staff/community/stories/<int:pk>/report/", stories.story_report, name="story-report"),
    path("staff/community/trustees/", trustees.trustees, name="trustees"),
    path("staff/community/trustees/<int:pk>/", trustees.trustee, name="trustee"),
    path("staff/community/trustees/<int:pk>/trainings/", trustees.trustee_training, name="trustee-training"),
    path("staff/community/leads/", trustees.leads, name="leads"),
    path("staff/community/leads/<int:pk>/", trustees.lead, name="lead"),
    path("staff/community/events/", initiatives.events, name="events"),
    path("staff/community/events/new/", initiatives.event_new, name="event-new"),
    path("staff/community/events/<int:pk>/", initiatives.event, name="event"),
    path("staff/community/events/<int:pk>/edit/", initiatives.event_edit, name="event-edit"),
    path("staff/community/events/<int:pk>/partners/", initiatives.event_partner, name="event-partner"),
    path("staff/community/events/<int:pk>/decisions/", initiatives.commitment_add, name="commitment-add"),
    path("staff/community/events/<int:pk>/evidence/", initiatives.event_evidence, name="event-evidence"),
    path("staff/community/decisions/<int:pk>/done/", initiatives.commitment_done, name="commitment-done"),
    path("staff/community/forum/", initiatives.forum, name="forum"),
    path("staff/community/roundtable/", initiatives.roundtable, name="roundtable"),
    path("staff/community/agency-links/", agencies.agency_links, name="agency-links"),
    path("staff/community/agency-links/<int:pk>/revoke/", agencies.agency_link_revoke, name="agency-link-revoke"),
    path("partner/agency/<str:token>/", agencies.agency_barriers, name="agency-barriers"),
]
