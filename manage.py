#!/usr/bin/env python
from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mizui.settings")
    # Commands and the job worker get the long database limits (settings.py); `runserver` serves people.
    os.environ.setdefault("MIZUI_PROCESS", "web" if sys.argv[1:2] == ["runserver"] else "command")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
