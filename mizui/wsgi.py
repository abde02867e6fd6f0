from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mizui.settings")
application = get_wsgi_application()

from mizui.accounts.checks import refuse_unsafe_production  # noqa: E402  (needs the apps loaded)

refuse_unsafe_production()
