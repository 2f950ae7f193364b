"""The Jinja2 templates, as package data (read with importlib.resources)."""
