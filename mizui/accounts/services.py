"""State changes of accounts: each takes the acting user first and writes the access log."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest

from mizui.accounts.audit import log_access
from mizui.accounts.models import AccessAction, Membership, User, UserSession
from mizui.accounts.tenancy import set_db_tenant


def remember_session(request: HttpRequest, user: User) -> None:
    # The user is known from here on (at the password step the middleware saw an anonymous visitor).
    authority = getattr(request, "authority", None)
    set_db_tenant(authority_id=authority.pk if authority else None, user_id=user.pk)
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.get_or_create(user=user, session_key=request.session.session_key)
    log_access(request, AccessAction.LOGIN, "user", user.pk, user=user, authority=None)


def choose_language(actor: User, *, language: str) -> None:
    """Keep the language a staff member chose for their pages, for every browser they sign in from."""
    if actor.preferred_language != language:
        actor.preferred_language = language
        actor.save(update_fields=["preferred_language"])


def end_sessions(user: User) -> int:
    """Delete every server-side session of `user`; their cookies stop working at once."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return deleted


def deactivate_membership(request: HttpRequest, actor: User, *, membership: Membership) -> None:
    """Take `membership.user` out of this authority and end all their sessions at once.

    Their memberships in other authorities are not this manager's to touch; they sign in again there.
    """
    with transaction.atomic():
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        end_sessions(membership.user)
        log_access(request, AccessAction.UPDATE, "membership", membership.pk, user=actor)


def disable_user(user: User) -> int:
    """Disable a user everywhere (an administrator's command) and end their sessions."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        return end_sessions(user)
