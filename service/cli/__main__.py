"""`python -m service.cli`: the same as the `dispatch-assist` command."""

from service.cli.main import main

raise SystemExit(main())
