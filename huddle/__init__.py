"""huddle: the daily huddle board of a customer-service team that runs on OKRs."""

__version__ = "0.1.0"
