"""How a flow ends: Completed with its summary, or Failed (the work that succeeded kept)
when some source or recipient failed, so an operator's automation on Failed runs fires."""

from __future__ import annotations

from prefect.states import Failed

from mekar.errors import MekarError, RunIncomplete


def finish(summary, problems: list[str]):
    """The flow's return value: the summary, or a Failed state carrying it."""
    if not problems:
        return summary
    incomplete = RunIncomplete(summary, problems)
    return Failed(message=str(incomplete), data=incomplete)


def outcome(state):
    """(summary, problems) from a flow run's final state, for the command line. A MekarError
    raised inside the flow comes back raised; anything else too (the CLI logs it)."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, RunIncomplete):
        return result.summary, result.problems
    if isinstance(result, BaseException):
        raise result
    if state.is_failed() or state.is_crashed():
        raise MekarError(f"run gagal: {state.message}")
    return result, []
