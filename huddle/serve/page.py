"""The wallboard's page, its script and the headers every answer carries.

The page inlines the newest frame's SVG, so its text is in the DOM from the first paint
(screen readers, tests) before any script runs; the script then swaps each new frame in
from the event stream. Nothing is loaded from outside the host: the CSS is inline, the
font is the browser's own monospace, the script comes from the same server, and the
Content-Security-Policy says so to the browser too.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from huddle.serve.frames import RECONNECT_MS, Frame

SCRIPT_PATH = "/wallboard.js"
EVENTS_PATH = "/events"

# The SVG's own <style> needs inline styles; scripts come only from this host (so no
# inline handler could ever run), and the page may connect to nothing else.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

WAITING = "Waiting for the first frame of the board …"
OFFLINE = "⚠ Not connected to the board: reconnecting …"
BACKGROUND = "#121212"  # Textual's dark theme's background: the margins match the board

STYLE = f"""
html, body {{ margin: 0; height: 100%; background: {BACKGROUND}; color: #e0e0e0;
  font-family: monospace; overflow: hidden; }}
#board {{ width: 100vw; height: 100vh; }}
#board > svg {{ display: block; width: 100%; height: 100%; }}
#offline {{ position: fixed; right: 1vw; bottom: 1vh; padding: 0.3em 0.8em;
  background: #b93c5b; color: #fff; font-size: 2vh; border-radius: 0.3em; }}
"""

SCRIPT = f"""\
"use strict";
(function () {{
  var board = document.getElementById("board");
  var offline = document.getElementById("offline");
  var retry = null;
  function connect() {{
    var source = new EventSource("{EVENTS_PATH}" + window.location.search);
    source.addEventListener("frame", function (event) {{
      var frame = JSON.parse(event.data);
      board.innerHTML = frame.svg;  // Textual's export: its text is escaped
      document.title = "huddle · " + frame.title;
      offline.hidden = true;
    }});
    source.addEventListener("error", function () {{
      offline.hidden = false;
      // A dropped stream reconnects by itself; one refused outright is closed for good.
      if (source.readyState === EventSource.CLOSED && retry === null) {{
        retry = setTimeout(function () {{ retry = null; connect(); }}, {RECONNECT_MS * 5});
      }}
    }});
  }}
  connect();
}})();
"""


def page_html(frame: Frame | None, token: str | None) -> str:
    """The page with `frame` inlined; its script asked for with `token`."""
    title = frame.title if frame else "Board"
    board = frame.svg if frame else f"<p>{html.escape(WAITING)}</p>"
    script = SCRIPT_PATH + (f"?token={quote(token, safe='')}" if token else "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>huddle · {html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main id="board">{board}</main>
<div id="offline" role="status" hidden>{html.escape(OFFLINE)}</div>
<script src="{html.escape(script)}"></script>
</body>
</html>
"""
