"""Django settings for Mizui. Every knob is an environment variable listed in docs/configuration.md."""

from __future__ import annotations

import importlib
import importlib.util
import secrets
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from mizui.lib.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
MIZUI_DEMO = envbool("MIZUI_DEMO", False)

SECRET_KEY = envsecret("SECRET_KEY") or ""
if not SECRET_KEY:
    if "pytest" in sys.modules:  # settings.TESTING, below
        # Under the test runner a throwaway key per run, so plain `pytest` needs nothing exported.
        SECRET_KEY = secrets.token_urlsafe(50)
    elif DEBUG or MIZUI_DEMO:
        # Only for `make run` on a laptop: the demo has no real data to protect.
        SECRET_KEY = "dev-only-insecure-key-for-the-demo-never-use-it-in-production-0123456789"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Export SECRET_KEY (or SECRET_KEY_FILE); see docs/configuration.md."
        )

TESTING = "pytest" in sys.modules
# Keys for field encryption (Fernet, newest first) and for the blind index; see docs/configuration.md.
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS", [])
BLIND_INDEX_KEY = envsecret("BLIND_INDEX_KEY") or ""

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG or MIZUI_DEMO else [])
SITE_ROOT = envstr("SITE_ROOT", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_otp",  # its plugins' models are replaced by mizui.accounts' (secrets encrypted, codes hashed)
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "mizui.accounts",
    "mizui.directory",
    "mizui.screening",
    "mizui.cases",
    "mizui.outreach",
    "mizui.community",
    "mizui.outcomes",
    "mizui.api",
    "mizui.demo",
]

MIDDLEWARE = [
    "mizui.errors.HealthCheckMiddleware",
    "mizui.accounts.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mizui.accounts.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mizui.accounts.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mizui.accounts.middleware.NoStoreMiddleware",
    "mizui.accounts.middleware.PermissionsPolicyMiddleware",
    "mizui.accounts.middleware.TenantMiddleware",
    # django-axes wants to be last so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mizui.urls"
WSGI_APPLICATION = "mizui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "mizui.accounts.context_processors.staff",
            ],
        },
    }
]

# SQLite by default, so a fresh checkout runs with nothing installed; DATABASE_URL switches to PostgreSQL.
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL stops a web request's query that waits on a lock or runs too long, so one held lock cannot tie up
# every worker (the person gets the 503 page of mizui/errors.py). Jobs and commands (MIZUI_PROCESS=command, set by
# manage.py) get long limits: an import or a batch run does real work.
MIZUI_PROCESS = envstr("MIZUI_PROCESS", "web")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _web = MIZUI_PROCESS == "web"
    _limits = {
        "statement_timeout": envint("DB_STATEMENT_TIMEOUT_MS", 15_000)
        if _web
        else envint("JOB_STATEMENT_TIMEOUT_MS", 30 * 60_000),
        "lock_timeout": envint("DB_LOCK_TIMEOUT_MS", 3_000) if _web else envint("JOB_LOCK_TIMEOUT_MS", 60_000),
        # A web request's transaction left open by a crash is ended; a test class keeps one open on purpose.
        "idle_in_transaction_session_timeout": 60_000 if _web and not TESTING else 0,
    }
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(f"-c {k}={v}" for k, v in _limits.items())
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The PostgreSQL role the web app runs as: it owns no table and cannot bypass row-level security.
# Migrations grant it its privileges; see docs/deployment.md.
DATABASE_APP_ROLE = envstr("DATABASE_APP_ROLE", "mizui_app")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job renews its lease at least every quarter of this; one not renewed for this long is taken up again.
JOB_LEASE_SECONDS = envint("JOB_LEASE_SECONDS", 120)
# A change to the ledger, an inquiry, a referral or a barrier rebuilds its authority's outcome tables this many
# seconds later (one rebuild for a burst of changes; mizui/outcomes/freshness.py).
OUTCOMES_REFRESH_DELAY = envint("OUTCOMES_REFRESH_DELAY", 10)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: 30 minutes idle (the cookie is renewed on every request), 12 hours absolute
# (enforced by SessionLimitsMiddleware) — NIST 800-63B AAL2, reference/security-checklist.md §5.10.
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: throttle per (account, IP) pair, never per account alone, so nobody can lock an
# administrator out by typing wrong passwords from elsewhere.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_CLIENT_IP_CALLABLE = "mizui.lib.clientip.client_ip"

# Reverse proxies in front of Mizui that add the client's address to X-Forwarded-For (docs/deployment.md): the
# rate limits, the login lockout and the access log take the address the outermost one saw. 0: no proxy.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)

OTP_TOTP_ISSUER = "Mizui"
# Passkeys (WebAuthn): the domain they are bound to; empty = the host of SITE_ROOT (docs/configuration.md).
WEBAUTHN_RP_ID = envstr("WEBAUTHN_RP_ID", "")

LANGUAGE_CODE = "he"
LANGUAGES = [("he", "עברית"), ("ar", "العربية"), ("ru", "Русский"), ("en", "English")]
LANGUAGES_BIDI = ["he", "ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jerusalem"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "mizui_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Encrypted at rest with FIELD_ENCRYPTION_KEYS, files 0600 and folders 0700 (mizui/lib/storage.py).
    "default": {"BACKEND": "mizui.lib.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# JSON API rate limits, requests per minute per operation: per client address without a key, per key with one.
# Counters are shared by every worker: in Redis when REDIS_URL is set, in the database otherwise.
API_ANON_RATE = envint("API_ANON_RATE", 60)
API_TOKEN_RATE = envint("API_TOKEN_RATE", 600)
REDIS_URL = envstr("REDIS_URL", "")

# Days a partner agency's signed referral link stays valid.
REFERRAL_LINK_DAYS = envint("REFERRAL_LINK_DAYS", 14)
# How often one partner link may answer, and attach a document: the link is a bearer key, so it has a quota.
REFERRAL_LINK_ANSWERS = envint("REFERRAL_LINK_ANSWERS", 20)
REFERRAL_LINK_UPLOADS = envint("REFERRAL_LINK_UPLOADS", 5)

# Uploaded documents (decision letters, payslips): size cap; the type is read from the bytes.
DOCUMENT_MAX_BYTES = envint("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Hours an outreach import file that was only previewed or queued is kept (`manage.py purge_import_files`).
IMPORT_FILE_RETENTION_HOURS = envint("IMPORT_FILE_RETENTION_HOURS", 24)
# Text messages and email to residents and partners. The console backends print them (demo, development, tests);
# with DEBUG off they are refused (mizui/accounts/checks.py) and the defaults are SMTP and "no SMS gateway yet".
_CONSOLE_DEFAULT = DEBUG or MIZUI_DEMO or TESTING
SMS_BACKEND = envstr(
    "SMS_BACKEND",
    "mizui.lib.messaging.ConsoleSMSBackend" if _CONSOLE_DEFAULT else "mizui.lib.messaging.UnconfiguredSMSBackend",
)
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if _CONSOLE_DEFAULT
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "mizui@localhost")
# Django's SMTP backend (the production default above), configured by environment.
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL (port 465), not both")
# The InforU SMS gateway (SMS_BACKEND=mizui.lib.messaging.InforuSMSBackend; docs/configuration.md).
SMS_INFORU_URL = envstr("SMS_INFORU_URL", "https://api.inforu.co.il/SendMessageXml.ashx")
SMS_INFORU_USERNAME = envstr("SMS_INFORU_USERNAME", "")
SMS_INFORU_API_TOKEN = envsecret("SMS_INFORU_API_TOKEN")
SMS_SENDER = envstr("SMS_SENDER", "")
SMS_TIMEOUT_SECONDS = envint("SMS_TIMEOUT_SECONDS", 10)
if SMS_BACKEND == "mizui.lib.messaging.InforuSMSBackend" and not (
    SMS_INFORU_USERNAME and SMS_INFORU_API_TOKEN and SMS_SENDER
):
    raise ImproperlyConfigured("The InforU SMS backend needs SMS_INFORU_USERNAME, SMS_INFORU_API_TOKEN and SMS_SENDER")
# The secret in the URLs the SMS gateway posts delivery receipts and replies to; empty: those URLs refuse all.
SMS_CALLBACK_SECRET = envsecret("SMS_CALLBACK_SECRET") or ""
# Each email or SMS is queued as a background task and tried this many times, waiting
# MESSAGE_RETRY_SECONDS, then twice that, and so on, before it is marked failed.
MESSAGE_SEND_ATTEMPTS = envint("MESSAGE_SEND_ATTEMPTS", 5)
MESSAGE_RETRY_SECONDS = envint("MESSAGE_RETRY_SECONDS", 60)
# Days an email's or SMS's address and text are kept once it has been sent or has failed (`manage.py purge_messages`).
MESSAGE_KEEP_DAYS = envint("MESSAGE_KEEP_DAYS", 90)

# Security headers. With DEBUG off these are the production defaults that
# `manage.py check --deploy --fail-level WARNING` demands; each can be relaxed only by env var.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses (passkeys, publickey-credentials-*, stay allowed for the site itself).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Logs carry request ids and object ids, never names, ID numbers or incomes (ASVS 16.2.5).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# An optional, git-ignored mizui/local_settings.py for a developer's own overrides, applied last.
if importlib.util.find_spec("mizui.local_settings") is not None:
    _local = importlib.import_module("mizui.local_settings")
    globals().update({name: value for name, value in vars(_local).items() if name.isupper()})
