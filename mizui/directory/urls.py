from __future__ import annotations

from django.urls import path

from mizui.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.public, name="public"),
    path("staff/directory/", views.index, name="index"),
    path("staff/directory/services/<int:pk>/", views.service, name="service"),
    path("staff/directory/services/<int:pk>/edit/", views.service_edit, name="service-edit"),
    path("staff/directory/organizations/", views.organizations, name="organizations"),
    path("staff/directory/organizations/new/", views.organization_add, name="organization-add"),
    path("staff/directory/organizations/<int:pk>/", views.organization, name="organization"),
    path("staff/directory/organizations/<int:pk>/edit/", views.organization_edit, name="organization-edit"),
    path("staff/directory/organizations/<int:pk>/services/new/", views.service_add, name="service-add"),
    path("staff/directory/organizations/<int:pk>/branches/new/", views.location_add, name="location-add"),
    path("staff/directory/organizations/<int:pk>/offices/new/", views.office_add, name="office-add"),
    path("staff/directory/organizations/<int:pk>/contacts/new/", views.contact_add, name="contact-add"),
    path("staff/directory/branches/<int:pk>/edit/", views.location_edit, name="location-edit"),
    path("staff/directory/offices/<int:pk>/edit/", views.office_edit, name="office-edit"),
    path("staff/directory/contacts/<int:pk>/edit/", views.contact_edit, name="contact-edit"),
    path("staff/directory/contacts/<int:pk>/remove/", views.contact_remove, name="contact-remove"),
]
