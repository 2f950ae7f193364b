"""The faults a test can inject (429, 5xx, 403, 404, slow answers), worded as Google words them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tooling.sheets_api.answers import Answer, ApiError, json_answer

# fault -> (HTTP code, Google status, message), as Google words them.
FAULTS: dict[str, tuple[int, str, str]] = {
    "429": (
        429,
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.",
    ),
    "500": (500, "INTERNAL", "Internal error encountered."),
    "502": (502, "", "<html>Bad Gateway</html>"),  # Google's front end answers HTML, not JSON
    "503": (503, "UNAVAILABLE", "The service is currently unavailable."),
    "403": (403, "PERMISSION_DENIED", "The caller does not have permission"),
    "404": (404, "NOT_FOUND", "Requested entity was not found."),
    "slow": (200, "", ""),
}


@dataclass
class Fault:
    fault: str
    remaining: int
    key: str | None
    kind: str | None
    retry_after: float | None
    delay: float

    def matches(self, key: str | None, kind: str | None) -> bool:
        return (self.key is None or self.key == key) and (self.kind is None or self.kind == kind)


def fault_answer(fault: Fault) -> Answer:
    code, status, message = FAULTS[fault.fault]
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(math.ceil(fault.retry_after))
    if fault.fault == "502":
        headers["Content-Type"] = "text/html; charset=UTF-8"
        return Answer(code, message.encode("utf-8"), headers)
    return json_answer(code, ApiError(code, status, message).body(), headers)
