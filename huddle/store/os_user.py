"""The OS user at the keyboard: the real uid's login name (docs/roles.md).

Not $USER, which anyone can set. Every write records it, and `huddle.domain.roles`
judges who may write what by it.
"""

from __future__ import annotations

import os
import pwd


def current_os_user() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid with no passwd entry, e.g. in some containers
        return str(os.getuid())
