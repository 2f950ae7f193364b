"""Secrets kept in Prefect `Secret` blocks (production): read by name, never echoed."""

from __future__ import annotations

import os
import re

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


# A password inside a URL (`scheme://user:password@host`) or a libpq / query-string key
# (`password=...`): what an operator may type on the command line or in mekar.toml.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^\s:/@'\"]*:)[^\s'\"]+(?P<at>@)")
_KEY_PASSWORD = re.compile(r"(?i)(?P<head>\b(?:password|passwd|pwd)=)[^\s&;'\",]+")
MASK = "***"


def mask_secrets(text: str) -> str:
    """`text` with every password written in it replaced by ***: applied to whatever mekar
    writes to a log (the command line, a traceback, a log record), since a traceback may
    quote a URL the code never meant to print."""
    if "://" not in text and "=" not in text:
        return text
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['at']}", text)
    return _KEY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", text)


def url_for_flow(url: str | None) -> str | None:
    """The warehouse URL a flow run may carry as a parameter. Prefect stores parameters in
    its database and shows them in its UI, so a URL with a password is handed over through
    this process's MEKAR_WAREHOUSE_URL instead (the flow then reads it from Settings, and a
    Dask worker started from this process inherits it); the parameter stays empty."""
    if not url or mask_secrets(url) == url:
        return url
    os.environ["MEKAR_WAREHOUSE_URL"] = url
    return None
