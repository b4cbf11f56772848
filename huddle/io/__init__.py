"""Reading files from the operating system, below both the store and the inputs.

The one I/O the two share; it knows nothing of plans, entries or the database.
"""
