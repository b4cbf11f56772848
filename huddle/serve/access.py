"""Who may see the wallboard: the rules, apart from any web server (no aiohttp here).

- It listens on the loopback address unless told otherwise; any other address needs a
  token, generated when none is given, and every request must carry it (`?token=`).
  A token given on loopback is required there too.
- Without a token, the Host a request names must be a loopback name: a web page from
  elsewhere that re-points its own name at 127.0.0.1 (DNS rebinding) is refused.
- The event stream is refused to a page of any other origin than the server's own.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from urllib.parse import urlsplit

from huddle.domain.errors import InvalidInput

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_~.-]{12,200}")


def is_loopback(host: str) -> bool:
    """Is `host` (an address or name, IPv6 with or without brackets) this machine only?"""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


def checked_token(text: str) -> str:
    """A token given with --token: long enough to guess never, and safe in a URL as is."""
    if not TOKEN_PATTERN.fullmatch(text):
        raise InvalidInput(
            "--token", "must be 12 to 200 letters, digits or - _ . ~ (leave it out for one)"
        )
    return text


class Access:
    """The rules for one server: its token (None: loopback only, no token)."""

    def __init__(self, token: str | None) -> None:
        self.token = token

    def refusal(self, *, token: str | None, host: str, origin: str | None, stream: bool) -> str:
        """Why a request is refused ("" when it is allowed): the `token` it carries, the
        Host it names, its Origin header, whether it asks for the event stream."""
        if self.token is not None:
            given = (token or "").encode()
            if not hmac.compare_digest(given, self.token.encode()):
                return "a token is needed: open the address the server printed"
        elif not is_loopback(urlsplit(f"//{host}").hostname or ""):
            return "this board is served to this machine only"
        if stream and origin is not None and origin != f"http://{host}":
            return "the event stream is for the board's own page only"
        return ""
