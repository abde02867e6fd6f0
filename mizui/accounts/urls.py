from __future__ import annotations

from django.urls import path

from mizui.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/mfa/", views.mfa_view, name="mfa"),
    path("accounts/mfa/setup/", views.mfa_setup, name="mfa-setup"),
    path("accounts/mfa/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("accounts/mfa/passkey/", views.passkey_login, name="passkey-login"),
    path("accounts/mfa/passkey/new/", views.passkey_register, name="passkey-register"),
    path("accounts/security/", views.security, name="security"),
    path("accounts/security/passkeys/<int:pk>/remove/", views.passkey_remove, name="passkey-remove"),
    path("accounts/security/authenticator/remove/", views.totp_remove, name="totp-remove"),
    path("staff/", views.home, name="home"),
    path("staff/my-activity/", views.my_activity, name="my-activity"),
    path("staff/switch-authority/", views.switch_authority, name="switch-authority"),
    path("staff/team/", views.team, name="team"),
    path("staff/team/<int:pk>/", views.member, name="member"),
    path("staff/team/<int:pk>/deactivate/", views.member_deactivate, name="member-deactivate"),
    path("staff/access-log/", views.access_log, name="access-log"),
    path("staff/access-log.csv", views.access_log_csv, name="access-log-csv"),
]
