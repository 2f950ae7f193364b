"""Secrets kept in Prefect `Secret` blocks (production): read by name, never echoed."""

from __future__ import annotations

from mekar.errors import MekarError


def read_secret_block(name: str, what: str, setting: str):
    """The value of the Secret block `name`. The message of a failure names the block, what
    it should hold and the setting that names it; never the value."""
    from prefect.blocks.system import Secret

    try:
        return Secret.load(name).get()
    except Exception as exc:
        raise MekarError(
            f"Blok Secret Prefect '{name}' ({what}) tidak dapat dibaca ({type(exc).__name__}). "
            f"Periksa nama blok di konfigurasi {setting}."
        ) from None
