"""Secrets kept in Prefect `Secret` blocks (production): read by name, never echoed."""

from __future__ import annotations

from mekar.errors import MekarError


def read_secret_block(name: str, what: str, setting: str, text: bool = False):
    """The value of the Secret block `name`. The message of a failure names the block, what
    it should hold and the setting that names it; never the value. `text`: the string as
    stored (Secret.get() decodes JSON, so a password "true" or "1.50" would change)."""
    from prefect.blocks.system import Secret

    try:
        if text:
            value = Secret.load(name).value
            return value.get_secret_value() if hasattr(value, "get_secret_value") else value
        return Secret.load(name).get()
    except Exception as exc:
        raise MekarError(
            f"Blok Secret Prefect '{name}' ({what}) tidak dapat dibaca ({type(exc).__name__}). "
            f"Periksa nama blok di konfigurasi {setting}."
        ) from None
