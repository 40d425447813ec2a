"""The built-in knowledge base: YAML shipped inside the package as `bot.knowledge.builtin` (see setup.py)."""
