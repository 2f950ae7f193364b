"""The SQL models, as package data (read with importlib.resources)."""
