"""Every read the app and the command line make of a snapshot: what the board shows.

No Textual and no writes; a snapshot in, view data out (writes are `huddle.service`).
"""
