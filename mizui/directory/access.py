"""Fetching directory objects by id. Organizations, services and national branches belong to no authority, so
any member may open them; what is tenant-owned (AuthorityLocation) is read only through for_authority().
"""

from __future__ import annotations

from django.http import Http404

from mizui.accounts.http import StaffRequest
from mizui.directory.models import Service


def access_service(request: StaffRequest, pk: int) -> Service:
    service = Service.objects.select_related("organization").prefetch_related("locations").filter(pk=pk).first()
    if service is None:
        raise Http404
    return service
