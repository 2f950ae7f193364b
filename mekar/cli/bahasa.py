"""`mekar --help` in Indonesian, as every other line mekar prints.

Typer (0.29, pinned) writes its own words in English: the panel titles, "Usage:", the help
option's "Show this message and exit.", and a `<bool>`/`<int>`/`<path>` type beside every
option. Typer has no setting for a language, so the few places that print them are set here
once, when the command line is built (tests/test_cli_help.py fails if an upgrade moves them).
"""

from __future__ import annotations

HELP = "Tampilkan bantuan ini lalu keluar."
USAGE = "Pemakaian: "
# What a value is, as the type column shows it; a flag (on/off) shows nothing.
_TYPES = {"<int>": "ANGKA", "<float>": "ANGKA", "<str>": "TEKS", "<path>": "JALUR"}


def use_indonesian() -> None:
    from typer import core, rich_utils
    from typer._click import core as click_core
    from typer._click import formatting

    rich_utils.OPTIONS_PANEL_TITLE = "Opsi"
    rich_utils.COMMANDS_PANEL_TITLE = "Perintah"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumen"
    rich_utils.DEFAULT_STRING = "[bawaan: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[wajib]"
    rich_utils.ENVVAR_STRING = "[variabel: {}]"
    rich_utils.ABORTED_TEXT = "Dibatalkan."

    if getattr(core.TyperOption.display_type_rich, "_mekar", False):
        return  # set already

    for kind in (core.TyperOption, core.TyperArgument):
        kind.display_type_rich = _indonesian_type(kind.display_type_rich)

    help_option = click_core.Command.get_help_option

    def get_help_option(self, ctx):
        option = help_option(self, ctx)
        if option is not None:
            option.help = HELP
        return option

    click_core.Command.get_help_option = get_help_option

    write_usage = formatting.HelpFormatter.write_usage

    def indonesian_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(
            self,
            prog,
            args.replace("[OPTIONS]", "[OPSI]").replace(
                "COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."
            ),
            USAGE if prefix is None else prefix,
        )

    formatting.HelpFormatter.write_usage = indonesian_usage
    # The usage line is coloured by its English prefix.
    rich_utils.highlighter.highlights = [
        pattern.replace("(?P<usage>Usage: )", f"(?P<usage>{USAGE})")
        for pattern in rich_utils.highlighter.highlights
    ]


def _indonesian_type(shown_type):
    def display_type_rich(self, ctx) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        text = shown_type(self, ctx)
        return _TYPES.get(text, text) if text else text

    display_type_rich._mekar = True
    return display_type_rich
