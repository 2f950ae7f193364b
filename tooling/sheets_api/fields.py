"""Field masks (`fields=sheets.properties(title,sheetId)`): parsing one and applying it."""

from __future__ import annotations

import re
from typing import Any


def parse_fields(text: str) -> dict[str, Any]:
    """A field mask as a tree; a node holding "*" keeps its whole value."""
    compact = re.sub(r"\s+", "", text)
    tree, end = _parse_mask(compact, 0)
    if end != len(compact):
        raise ValueError(text)
    return tree


def _parse_mask(text: str, pos: int) -> tuple[dict[str, Any], int]:
    tree: dict[str, Any] = {}
    while True:
        end = pos
        while end < len(text) and text[end] not in ",()":
            end += 1
        names = text[pos:end].split(".")
        if not all(names):
            raise ValueError(text)
        node = tree
        for name in names:
            node = node.setdefault(name, {})
        pos = end
        if pos < len(text) and text[pos] == "(":
            sub, pos = _parse_mask(text, pos + 1)
            if pos >= len(text) or text[pos] != ")":
                raise ValueError(text)
            pos += 1
            node.update(sub)
        else:
            node["*"] = {}
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        return tree, pos


def apply_fields(value: Any, tree: dict[str, Any]) -> Any:
    if "*" in tree or not tree:
        return value
    if isinstance(value, list):
        return [apply_fields(item, tree) for item in value]
    if isinstance(value, dict):
        return {k: apply_fields(v, tree[k]) for k, v in value.items() if k in tree}
    return value
