"""Who is at the keyboard, from the real uid (not $USER, which anyone can set)."""

from __future__ import annotations

import os
import pwd


def current_os_user() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid with no passwd entry, e.g. in some containers
        return str(os.getuid())
