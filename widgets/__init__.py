"""Reusable Textual widgets for huddle. They render view data and post messages; no store."""
