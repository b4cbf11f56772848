"""Builders the tests share, one module per purpose; import them from here, e.g.
`from tests.factories.builders import kr, plan`.

- builders:     any KR, plan or entry on a standard four-week cycle (domain, engine)
- three_months: a plan spanning three month tables, entries, databases (store)
- logging_team: a team with logins and every kind of KR (logging rules, service, form)
- board_db:     a small hand-computed board and its database (TUI pilot tests, snapshots)
- demo_board:   the demo board driven by pilot tests: the app, its rows, the KR detail
- terminal:     what the terminal shows of a running app (TUI tests)
- command_line: a two-week plan file and a child-process runner (CLI, plan file, CSV)
- plan_toml:    the one builder of plan files (TOML): usual members and KRs, overridable
- apps:         the app subclasses the TUI tests drive (loads Textual)
- roles:        the OS user running the tests, made a feed user (to import)
- leads:        a board with every status a lead reviews, logins for a lead and an agent
                (leads' pilot tests, the status colours)
"""
