"""Helpdesk exports: a mapping file (model, loader), the export file (source), its cells
(cells), its agents (agents), and the two shapes of export — one row per ticket
(aggregate) or one row per agent and day (agent_days). `huddle.inputs.mapping` puts
them together for `huddle import --mapping`."""
