"""Answers in Google's shapes: JSON bodies, and errors as {"error": {code, message, status}}."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

JSON_TYPE = "application/json; charset=UTF-8"


class ApiError(Exception):
    """An answer in Google's error shape: {"error": {"code", "message", "status"}}."""

    def __init__(self, code: int, status: str, message: str):
        super().__init__(message)
        self.code, self.status, self.message = code, status, message

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "status": self.status}}


def not_found() -> ApiError:
    return ApiError(404, "NOT_FOUND", "Requested entity was not found.")


def bad_range(text: str) -> ApiError:
    return ApiError(400, "INVALID_ARGUMENT", f"Unable to parse range: {text}")


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def json_answer(status: int, payload: Any, headers: dict[str, str] | None = None) -> Answer:
    body = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    return Answer(status, body, {"Content-Type": JSON_TYPE, **(headers or {})})
