"""Textual's SVG export, made fit for a page: no fonts from the internet, no window.

Textual (through Rich) exports a screen as an SVG drawn like a terminal window: a title
bar with three dots around the screen, and `@font-face` rules that fetch Fira Code from
a CDN. A wallboard must load nothing from outside its host, so the fonts go (the
browser's own monospace draws the text; each run of text carries its `textLength`, so
the columns still line up) and the view is cropped to the screen itself. Text stays as
Rich escaped it: nothing here adds any.
"""

from __future__ import annotations

import re

FONT_FACES = re.compile(r"@font-face\s*\{[^}]*\}\s*")
COMMENTS = re.compile(r"<!--.*?-->\s*", re.DOTALL)
NAMESPACE = re.compile(r'\s+xmlns="[^"]*"')
FIRA_CODE = re.compile(r"font-family:\s*Fira Code,\s*monospace")
VIEW_BOX = re.compile(r'viewBox="[^"]*"')
# The screen's own area: its clip rectangle, and where the window puts it.
SCREEN_SIZE = re.compile(r'-clip-terminal">\s*<rect x="0" y="0" width="([\d.]+)" height="([\d.]+)"')
SCREEN_OFFSET = re.compile(r'<g transform="translate\(([\d.]+), ?([\d.]+)\)" clip-path=')


def wallboard_svg(exported: str) -> str:
    """`exported` (from `App.export_screenshot`) without fonts to fetch, a namespace URL or
    comments, its view cropped to the screen."""
    svg = FONT_FACES.sub("", exported)
    svg = COMMENTS.sub("", svg)
    svg = NAMESPACE.sub("", svg, count=1)  # inlined in HTML, an <svg> needs none
    svg = FIRA_CODE.sub("font-family: monospace", svg)
    size, offset = SCREEN_SIZE.search(svg), SCREEN_OFFSET.search(svg)
    if size and offset:
        x, y = offset.groups()
        width, height = size.groups()
        box = f'viewBox="{x} {y} {width} {height}" preserveAspectRatio="xMidYMin meet"'
        svg = VIEW_BOX.sub(box, svg, count=1)
    return svg
