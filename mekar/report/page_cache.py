"""Pages are rendered only when what they show changed.

Each page's key is a digest of everything its HTML is made from: the templates and the code
that formats them (a new release renders everything again) and the values handed to the
template. `out_dir/.mekar-halaman.json` keeps the key each page was last written with; a page
whose key is the same and whose file is still there is left as it is. An unchanged nightly
and a session rerun that moved a few OPDs' numbers therefore write only the pages that differ
(at a province's 1,752 pages that is most of the report stage).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from mekar.resources import templates_dir

MANIFEST = ".mekar-halaman.json"


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    report_code = Path(__file__).parent
    for path in sorted([*templates_dir().rglob("*"), *report_code.glob("*.py")]):
        if path.is_file() and path.suffix in {".html", ".txt", ".py"}:
            digest.update(path.name.encode() + b"\x1f" + path.read_bytes() + b"\x1e")
    return digest.hexdigest()


def page_key(template: str, context: dict) -> str:
    """The digest of one page's inputs. `repr` of the rows is exact and ordered: they come
    from the queries in a total order, as dicts of str, int, Decimal, date and None."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(template.encode())
    digest.update(repr(sorted(context.items())).encode())
    return digest.hexdigest()


class PageCache:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / MANIFEST
        try:
            self.keys: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.keys = {}  # none yet, or unreadable: every page is rendered
        self.kept = 0

    def current(self, page: Path, key: str) -> bool:
        name = page.relative_to(self.out_dir).as_posix()
        if self.keys.get(name) == key and page.is_file():
            self.kept += 1
            return True
        return False

    def wrote(self, page: Path, key: str) -> None:
        self.keys[page.relative_to(self.out_dir).as_posix()] = key

    def save(self) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.keys, sort_keys=True, indent=0), encoding="utf-8")
