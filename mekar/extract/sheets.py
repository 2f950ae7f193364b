"""Google Sheets through gspread: the production source.

A run costs two requests per spreadsheet whatever its size: one for the worksheet titles
(metadata) and one `values:batchGet` for every worksheet's cells, read as formatted text
(never `get_all_records`, which turns NIPs into numbers). Every request has a timeout and a
bounded number of retries; gspread's own BackOffHTTPClient would retry a 429 forever.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import ClassVar
from urllib.parse import quote

import gspread
import requests
from gspread.exceptions import APIError
from gspread.utils import extract_id_from_url

from mekar.config import SheetsSettings
from mekar.errors import MekarError, SourceError
from mekar.extract.base import NotRead, RawWorksheet, nul_note, strip_nul_cells

GOOGLE_SHEETS = "https://sheets.googleapis.com"
READ_ONLY = ["https://www.googleapis.com/auth/spreadsheets.readonly"]
# Worth another try: quota (429), Google's own trouble (5xx), and a request that timed out.
RETRYABLE = {408, 429, 500, 502, 503, 504}
_RANGE_START = re.compile(r"!\$?[A-Z]+\$?(\d+)")


@dataclass(frozen=True)
class RetryPolicy:
    timeout: float = 30.0
    max_retries: int = 5
    backoff: float = 1.0
    backoff_max: float = 32.0

    def wait(self, attempt: int, retry_after: str | None) -> float:
        """Seconds before retry number `attempt + 1`: what the server asked for, else
        exponential backoff with full jitter (so many clients do not retry in step)."""
        asked = _retry_after_seconds(retry_after)
        if asked is not None:
            return min(asked, self.backoff_max) + random.uniform(0, self.backoff / 2)
        return random.uniform(0, min(self.backoff_max, self.backoff * 2**attempt))


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class GaveUp(Exception):
    """Retries exhausted on a transient failure (the last status, or None for no answer)."""

    def __init__(self, status: int | None, attempts: int, detail: str):
        self.status, self.attempts = status, attempts
        super().__init__(detail)


class BoundedHTTPClient(gspread.HTTPClient):
    """gspread's HTTP client with a timeout on every request and bounded retries.

    gspread builds its client from a class, so a configured subclass carries the settings
    (see `client_class`). 403 and 404 are answered at once: waiting will not share a sheet.
    """

    api_url: ClassVar[str | None] = None
    policy: ClassVar[RetryPolicy] = RetryPolicy()
    sleep: ClassVar = staticmethod(time.sleep)

    def request(
        self, method, endpoint, params=None, data=None, json=None, files=None, headers=None
    ):
        url = endpoint.replace(GOOGLE_SHEETS, self.api_url) if self.api_url else endpoint
        attempt = 0
        while True:
            try:
                response = self.session.request(
                    method=method,
                    url=url,
                    params=params,
                    data=data,
                    json=json,
                    files=files,
                    headers=headers,
                    timeout=self.policy.timeout,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt >= self.policy.max_retries:
                    raise GaveUp(None, attempt + 1, type(exc).__name__) from exc
                self.sleep(self.policy.wait(attempt, None))
                attempt += 1
                continue
            if response.ok:
                return response
            if response.status_code in RETRYABLE:
                if attempt >= self.policy.max_retries:
                    raise GaveUp(response.status_code, attempt + 1, response.reason or "")
                self.sleep(self.policy.wait(attempt, response.headers.get("Retry-After")))
                attempt += 1
                continue
            raise APIError(response)


def client_class(settings: SheetsSettings) -> type[BoundedHTTPClient]:
    policy = RetryPolicy(
        timeout=settings.timeout_seconds,
        max_retries=settings.max_retries,
        backoff=settings.backoff_seconds,
        backoff_max=settings.backoff_max_seconds,
    )
    api_url = settings.api_url.rstrip("/") if settings.api_url else None
    return type(
        "ConfiguredHTTPClient", (BoundedHTTPClient,), {"api_url": api_url, "policy": policy}
    )


def load_credentials(settings: SheetsSettings):
    """Service-account credentials from a Prefect Secret block or a JSON file. The key itself
    never reaches a message: errors name only where it was looked for."""
    import os

    if settings.anonymous:
        if not settings.api_url:
            raise MekarError(
                "sheets.anonymous hanya boleh dipakai dengan sheets.api_url (server lokal)."
            )
        from google.auth.credentials import AnonymousCredentials

        return AnonymousCredentials()
    from google.oauth2.service_account import Credentials

    if settings.credentials_block:
        from mekar.secrets import read_secret_block

        value = read_secret_block(
            settings.credentials_block, "kunci akun layanan Google", "sheets.credentials_block"
        )
        info = json.loads(value) if isinstance(value, str) else dict(value)
        try:
            return Credentials.from_service_account_info(info, scopes=READ_ONLY)
        except (ValueError, KeyError):
            raise MekarError(
                f"Isi blok Secret '{settings.credentials_block}' bukan kunci akun layanan Google."
            ) from None
    path = settings.credentials_file or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if not path:
        raise MekarError(
            "Kredensial Google belum diatur: isi MEKAR_SHEETS__CREDENTIALS_FILE (berkas JSON akun "
            "layanan) atau MEKAR_SHEETS__CREDENTIALS_BLOCK (blok Secret Prefect)."
        )
    try:
        return Credentials.from_service_account_file(str(path), scopes=READ_ONLY)
    except FileNotFoundError:
        raise MekarError(f"Berkas kredensial Google tidak ditemukan: {path}") from None
    except (ValueError, KeyError):
        raise MekarError(f"Berkas {path} bukan kunci akun layanan Google (JSON).") from None


def quote_title(title: str) -> str:
    """A worksheet title as an A1 range: quoted, inner quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


# Budget for the `ranges=` part of one batchGet URL (servers commonly cap a request line
# near 8 KiB).
URL_BUDGET = 6000


def _url_sized(ranges: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    size = URL_BUDGET
    for a1 in ranges:
        cost = len("&ranges=") + len(quote(a1, safe=""))
        if size + cost > URL_BUDGET:
            chunks.append([])
            size = 0
        chunks[-1].append(a1)
        size += cost
    return chunks


def _first_row(a1_range: str) -> int:
    match = _RANGE_START.search(a1_range or "")
    return int(match.group(1)) if match else 1


class GoogleSheetsSource:
    def __init__(self, settings: SheetsSettings, credentials=None):
        self.settings = settings
        credentials = credentials or load_credentials(settings)
        self.client = gspread.Client(auth=credentials, http_client=client_class(settings))
        self._account = getattr(credentials, "service_account_email", None)

    def describe(self) -> str:
        where = self.settings.api_url or "Google Sheets"
        return f"{where} ({len(self.settings.spreadsheets)} spreadsheet)"

    def offers(self, spreadsheet: str) -> bool:
        """Whether configuration names this spreadsheet (an optional one may be left out)."""
        return bool(self.settings.spreadsheets.get(spreadsheet))

    def key_of(self, spreadsheet: str) -> str:
        configured = self.settings.spreadsheets.get(spreadsheet)
        if not configured:
            raise SourceError(
                spreadsheet,
                None,
                f"kunci atau URL spreadsheet belum diatur (sheets.spreadsheets.{spreadsheet})",
            )
        return extract_id_from_url(configured) if "/" in configured else configured

    def worksheet_titles(self, spreadsheet: str) -> list[str]:
        """One metadata request: the worksheet titles, in tab order."""
        key = self.key_of(spreadsheet)
        metadata = self._call(
            spreadsheet,
            lambda: self.client.http_client.fetch_sheet_metadata(
                key, params={"includeGridData": "false", "fields": "sheets.properties(title,index)"}
            ),
        )
        sheets = sorted(metadata.get("sheets", []), key=lambda s: s["properties"].get("index", 0))
        return [s["properties"]["title"] for s in sheets]

    def read_ranges(self, spreadsheet: str, ranges: list[str]) -> list[dict]:
        """`values:batchGet`: the cells of the A1 ranges as the sheet shows them. One request
        for a regency's ~50 tabs; a province's ~1,700 Zoom tabs are split so that no request
        line grows past what HTTP servers accept."""
        key = self.key_of(spreadsheet)
        value_ranges: list[dict] = []
        for chunk in _url_sized(ranges):
            body = self._call(
                spreadsheet,
                lambda chunk=chunk: self.client.http_client.values_batch_get(
                    key,
                    chunk,
                    params={
                        "valueRenderOption": "FORMATTED_VALUE",
                        "dateTimeRenderOption": "FORMATTED_STRING",
                        "majorDimension": "ROWS",
                    },
                ),
            )
            value_ranges.extend(body.get("valueRanges", []))
        return value_ranges

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        return self.read_worksheets(spreadsheet, None)

    def read_worksheets(self, spreadsheet: str, only: list[str] | None) -> list[RawWorksheet]:
        """The worksheets (all, or those named in `only`): still two requests."""
        titles = self.worksheet_titles(spreadsheet)
        if only is not None:
            wanted = {t.casefold() for t in only}
            titles = [t for t in titles if t.strip().casefold() in wanted]
        ranges = [quote_title(t) for t in titles]
        worksheets = []
        for title, value_range in zip(titles, self.read_ranges(spreadsheet, ranges), strict=True):
            rows = [[str(cell) for cell in row] for row in value_range.get("values", [])]
            first = _first_row(value_range.get("range", ""))
            numbers = list(range(first, first + len(rows)))
            sheet = RawWorksheet(spreadsheet, title, rows, numbers)
            if cleaned := strip_nul_cells(rows):
                sheet.notes.append(nul_note(cleaned))
            worksheets.append(sheet)
        return worksheets

    def not_read(self) -> list[NotRead]:
        return []  # every tab of a named spreadsheet is read; extract names the unused ones

    def _call(self, spreadsheet: str, request):
        try:
            return request()
        except APIError as error:
            raise SourceError(
                spreadsheet, None, self._refused(error.response.status_code)
            ) from None
        except GaveUp as gave_up:
            raise SourceError(spreadsheet, None, self._unavailable(gave_up)) from None

    def _refused(self, status: int) -> str:
        account = f" ({self._account})" if self._account else ""
        if status == 403:
            return (
                "akses ditolak (HTTP 403): bagikan spreadsheet ini ke akun layanan"
                f"{account} sebagai Viewer, lalu jalankan lagi."
            )
        if status == 404:
            return "tidak ditemukan (HTTP 404): periksa kunci/URL spreadsheet di konfigurasi."
        if status == 401:
            return "kunci akun layanan ditolak (HTTP 401): periksa berkas kredensial."
        if status == 400:
            return "permintaan ditolak (HTTP 400): periksa nama lembar kerja."
        return f"Google Sheets menolak permintaan (HTTP {status})."

    @staticmethod
    def _unavailable(gave_up: GaveUp) -> str:
        tries = f"setelah {gave_up.attempts} percobaan"
        if gave_up.status == 429:
            return (
                f"kuota Google Sheets habis (HTTP 429) {tries}: tunggu beberapa menit lalu "
                "jalankan lagi; data lama di gudang tetap dipakai."
            )
        if gave_up.status is None:
            return (
                f"server tidak menjawab ({gave_up}) {tries}: periksa jaringan, lalu jalankan lagi."
            )
        return f"server Google Sheets bermasalah (HTTP {gave_up.status}) {tries}: coba lagi nanti."
