"""Who may see the wallboard: the token, the Host a request names, the stream's Origin."""

from __future__ import annotations

import pytest

from huddle.domain.errors import InvalidInput
from huddle.serve.access import Access, checked_token, is_loopback, new_token

TOKEN = "a-token-of-24-characters"


def refusal(access: Access, *, token: str | None = None, host: str = "127.0.0.1:8765",
            origin: str | None = None, stream: bool = False) -> str:  # fmt: skip
    return access.refusal(token=token, host=host, origin=origin, stream=stream)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "tv.example", ""])
def test_other_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_with_a_token_only_the_token_lets_in() -> None:
    access = Access(TOKEN)
    assert refusal(access, token=TOKEN) == ""
    assert refusal(access, token=TOKEN, host="tv-box.lan:8765") == ""
    assert "token" in refusal(access)
    assert "token" in refusal(access, token=TOKEN[:-1])
    assert "token" in refusal(access, token=TOKEN + "x")


def test_without_a_token_only_loopback_names_are_served() -> None:
    access = Access(None)
    assert refusal(access, host="127.0.0.1:8765") == ""
    assert refusal(access, host="localhost:8765") == ""
    assert refusal(access, host="[::1]:8765") == ""
    # A page elsewhere whose name now points at 127.0.0.1 (DNS rebinding).
    assert refusal(access, host="rebind.example:8765") != ""


def test_the_stream_is_refused_to_other_origins() -> None:
    access = Access(None)
    assert refusal(access, stream=True) == ""  # no Origin: not sent by a browser page
    assert refusal(access, stream=True, origin="http://127.0.0.1:8765") == ""
    assert refusal(access, stream=True, origin="http://evil.example") != ""
    assert refusal(access, stream=True, origin="http://127.0.0.1:9999") != ""
    assert refusal(access, origin="http://evil.example") == ""  # the page itself: no data


def test_tokens() -> None:
    assert checked_token(TOKEN) == TOKEN
    assert new_token() != new_token()
    assert len(new_token()) >= 24
    for bad in ("short", "has space in it ok", "a" * 201, "ünïcödé-tokens-here"):
        with pytest.raises(InvalidInput, match="--token"):
            checked_token(bad)
