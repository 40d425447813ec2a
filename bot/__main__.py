"""`python -m bot` is the `httpcode` command."""

from bot.cli import main

raise SystemExit(main())
