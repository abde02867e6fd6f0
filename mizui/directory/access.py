"""Fetching directory objects by id. Organizations, services and national branches belong to no authority, so
any member may open them; what is tenant-owned (AuthorityLocation) is read only through for_authority().
"""

from __future__ import annotations

from django.http import Http404

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.http import StaffRequest
from mizui.directory.models import AuthorityLocation, Contact, Location, Organization, Service


def access_service(request: StaffRequest, pk: int) -> Service:
    service = Service.objects.select_related("organization").prefetch_related("locations").filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def access_organization(request: StaffRequest, pk: int) -> Organization:
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None:
        raise Http404
    return organization


def access_location(request: StaffRequest, pk: int) -> Location:
    location = Location.objects.select_related("organization").filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


def access_contact(request: StaffRequest, pk: int) -> Contact:
    contact = Contact.objects.select_related("organization").filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


def access_office(request: StaffRequest, pk: int) -> AuthorityLocation:
    """This authority's own office; another authority's is a 404, logged as a denial (decision 0006)."""
    offices = AuthorityLocation.objects.select_related("organization")
    return fetch_for_authority(request, offices, pk, object_type="directory_office")
