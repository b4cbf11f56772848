"""Every write a person or a feed makes, each one store transaction.

Roles are judged inside the transaction, against the plan as stored (docs/roles.md); the
command line and the app both come through here, so a rule holds whichever way in.
"""
