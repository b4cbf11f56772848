from huddle.cli import main

raise SystemExit(main())
