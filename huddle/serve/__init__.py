"""`huddle serve`: the board on a TV, read-only, in any browser on the team's network.

One process renders one headless board (`wall_app`) and exports each new frame as SVG
(`svg`); every viewer's page receives it over one Server-Sent Events stream (`server`,
`frames`). The stream runs one way, from the server to the page: a page has no path to
a write, a quit or the palette. Who may look is `access`'s to say; the page is `page`.
"""
