"""The local Sheets API v4 server, exercised with the real gspread client."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import gspread
import pytest
import requests
from google.auth.credentials import AnonymousCredentials
from openpyxl import Workbook
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from mekar.extract.files import FilesSource
from tests.conftest import GOLDEN
from tooling.sheets_api import SheetsApiServer, parse_cells, quote_title

MINI = GOLDEN / "mini"
JSON_TYPE = "application/json; charset=UTF-8"


class LocalHTTPClient(gspread.HTTPClient):
    """gspread's own HTTP client, with Google's hosts swapped for the local server."""

    base: str = ""

    def request(self, method, endpoint, *args, **kwargs):
        for google in ("https://sheets.googleapis.com", "https://www.googleapis.com"):
            endpoint = endpoint.replace(google, self.base)
        return super().request(method, endpoint, *args, **kwargs)


def connect(server: SheetsApiServer, timeout: float = 5) -> gspread.Client:
    client_class = type("Local", (LocalHTTPClient,), {"base": server.url})
    client = gspread.Client(auth=AnonymousCredentials(), http_client=client_class)
    client.http_client.set_timeout(timeout)
    return client


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sheets_trim(grid: list[list[str]]) -> list[list[str]]:
    """What Sheets sends for a block of cells: no trailing empty cells or rows."""
    lines = [row[: max((i + 1 for i, c in enumerate(row) if c), default=0)] for row in grid]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@pytest.fixture
def server():
    with SheetsApiServer(MINI) as srv:
        yield srv


@pytest.fixture
def client(server) -> gspread.Client:
    return connect(server)


@pytest.fixture
def data(tmp_path) -> Path:
    """An editable copy of the golden mini data."""
    return Path(shutil.copytree(MINI, tmp_path / "data"))


# --- reading through gspread ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["master", "kebutuhan", "kegiatan", "log_zoom"])
def test_every_worksheet_reads_back_exactly_as_the_files(client, name):
    expected = FilesSource(MINI).read_spreadsheet(name)

    spreadsheet = client.open_by_key(f"key-{name}")
    worksheets = spreadsheet.worksheets()

    assert spreadsheet.title == name
    assert [w.title for w in worksheets] == [e.title for e in expected]
    for worksheet, raw in zip(worksheets, expected, strict=True):
        assert worksheet.get_all_values() == raw.rows


def test_text_cells_are_never_numericised(client):
    hadir = client.open_by_key("key-kegiatan").worksheet("daftar_hadir").get_all_values()
    form = client.open_by_key("key-kebutuhan").sheet1.get_all_values()
    zoom = client.open_by_key("key-log_zoom").worksheet("MEKAR-2023-006").get_all_values()

    assert hadir[15][2] == "'198710092022112006"
    assert hadir[1][2] == "198408042013111005"
    assert form[95][1] == "1.98503E+17"  # already damaged in the file; passed on as it is
    assert zoom[1][0] == "19820810 200810 2 005 Eko Sukowati"
    assert zoom[1][4] == "277"


def test_metadata_has_the_shape_sheets_returns(client):
    meta = client.http_client.fetch_sheet_metadata("key-kegiatan")
    again = client.http_client.fetch_sheet_metadata("key-kegiatan")

    sheet_ids = [s["properties"].pop("sheetId") for s in meta["sheets"]]
    assert meta == {
        "spreadsheetId": "key-kegiatan",
        "properties": {"title": "kegiatan", "locale": "in_ID", "timeZone": "Asia/Jakarta"},
        "sheets": [
            {
                "properties": {
                    "title": title,
                    "index": index,
                    "sheetType": "GRID",
                    "gridProperties": {"rowCount": 1000, "columnCount": 26},
                }
            }
            for index, title in enumerate(["daftar_hadir", "kegiatan"])
        ],
        "spreadsheetUrl": "https://docs.google.com/spreadsheets/d/key-kegiatan/edit",
    }
    assert len(set(sheet_ids)) == 2 and all(isinstance(i, int) and i >= 0 for i in sheet_ids)
    assert [s["properties"]["sheetId"] for s in again["sheets"]] == sheet_ids


def test_grid_grows_with_a_large_sheet(tmp_path):
    wide = ",".join(f"c{i}" for i in range(30))
    write_csv(tmp_path, "log_zoom/besar.csv", "\n".join([wide] * 1200) + "\n")
    with SheetsApiServer(tmp_path) as server:
        client = connect(server)
        [worksheet] = client.open_by_key("key-log_zoom").worksheets()
        values = client.http_client.values_get("key-log_zoom", "besar")

    assert (worksheet.row_count, worksheet.col_count) == (1200, 30)
    assert values["range"] == "besar!A1:AD1200"
    assert len(values["values"]) == 1200


def test_values_omit_trailing_empty_cells_and_rows_like_sheets(tmp_path):
    write_csv(tmp_path, "master/opd.csv", "a,b,,\n,,,\nc,,,\n,,,\n,,,\n")
    write_csv(tmp_path, "master/pegawai.csv", ",,\n,,\n")
    with SheetsApiServer(tmp_path) as server:
        client = connect(server)
        raw = client.http_client.values_get("key-master", "opd")
        empty = client.http_client.values_get("key-master", "pegawai")
        padded = client.open_by_key("key-master").worksheet("opd").get_all_values()

    assert raw == {
        "range": "opd!A1:Z1000",
        "majorDimension": "ROWS",
        "values": [["a", "b"], [], ["c"]],
    }
    assert empty == {"range": "pegawai!A1:Z1000", "majorDimension": "ROWS"}
    assert padded == [["a", "b"], ["", ""], ["c", ""]]


def test_a_preamble_and_blank_row_come_through(client):
    raw = client.http_client.values_get("key-log_zoom", "'MEKAR-2023-001'!A1:G4")

    assert raw["range"] == "'MEKAR-2023-001'!A1:G4"
    assert raw["values"][0][:2] == ["Meeting ID", "Topic"]
    assert raw["values"][2] == []  # the ",,,,,," line
    assert raw["values"][3][2] == "Join Time"


def test_batch_get_answers_each_range_in_order(client, server):
    spreadsheet = client.open_by_key("key-kebutuhan")
    rows = FilesSource(MINI).read_spreadsheet("kebutuhan")[0].rows
    ranges = ["'Form Responses 1'!A1:C2", "'Form Responses 1'", "B96"]

    result = spreadsheet.values_batch_get(ranges)
    low_level = client.http_client.values_batch_get(
        "key-kebutuhan",
        ranges,
        params={"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"},
    )

    assert result == low_level
    assert result["spreadsheetId"] == "key-kebutuhan"
    assert [v["range"] for v in result["valueRanges"]] == [
        "'Form Responses 1'!A1:C2",
        "'Form Responses 1'!A1:Z1000",
        "'Form Responses 1'!B96",
    ]
    assert result["valueRanges"][0]["values"] == [r[:3] for r in rows[:2]]
    assert result["valueRanges"][1]["values"] == rows
    assert result["valueRanges"][2]["values"] == [["1.98503E+17"]]
    last = server.requests[-1]
    assert last.path == "/v4/spreadsheets/key-kebutuhan/values:batchGet"
    assert last.query == {
        "valueRenderOption": ["FORMATTED_VALUE"],
        "majorDimension": ["ROWS"],
        "ranges": ranges,
    }


def test_batch_get_without_ranges_answers_only_the_id(client):
    assert client.http_client.values_batch_get("key-master", []) == {"spreadsheetId": "key-master"}


@pytest.mark.parametrize(
    ("text", "echo", "box"),
    [
        ("kegiatan!A1:B2", "kegiatan!A1:B2", (0, 0, 2, 2)),
        ("'kegiatan'!B2", "kegiatan!B2", (1, 1, 2, 2)),
        ("kegiatan!A:A", "kegiatan!A1:A1000", (0, 0, 9, 1)),
        ("kegiatan!2:3", "kegiatan!A2:Z3", (1, 0, 3, 12)),
        ("kegiatan!K8:L", "kegiatan!K8:L1000", (7, 10, 9, 12)),
        ("KEGIATAN!c$3:$A1", "kegiatan!A1:C3", (0, 0, 3, 3)),
        ("A1:B1", "daftar_hadir!A1:B1", None),  # no sheet name: the first sheet
    ],
)
def test_a1_ranges_are_resolved_and_echoed_like_sheets(client, text, echo, box):
    sheets = {w.title: w.rows for w in FilesSource(MINI).read_spreadsheet("kegiatan")}

    result = client.http_client.values_get("key-kegiatan", text)

    assert result["range"] == echo
    if box is None:
        expected = [sheets["daftar_hadir"][0][:2]]
    else:
        r1, c1, r2, c2 = box
        expected = sheets_trim([row[c1:c2] for row in sheets["kegiatan"][r1:r2]])
    assert result.get("values", []) == expected


def test_columns_major_dimension(client):
    result = client.http_client.values_get(
        "key-kegiatan", "kegiatan!A1:B2", params={"majorDimension": "COLUMNS"}
    )

    assert result["majorDimension"] == "COLUMNS"
    assert result["values"] == [
        ["Kode Kegiatan", "MEKAR-2022-009"],
        ["Nama Kegiatan", "Refleksi Akhir Tahun"],
    ]


def test_titles_with_spaces_quotes_and_punctuation(tmp_path):
    titles = ["Sesi Bu Nur'aini", "Hadir! 2023", "Sesi #1 & ?", "A1"]
    for i, title in enumerate(titles):
        write_csv(tmp_path, f"log_zoom/{title}.csv", f"Name,Nilai\n{title},{i}\n")

    with SheetsApiServer(tmp_path) as local:
        spreadsheet = connect(local).open_by_key("key-log_zoom")
        by_title = {w.title: w.get_all_values() for w in spreadsheet.worksheets()}
        batch = spreadsheet.values_batch_get(
            ["'Sesi Bu Nur''aini'!A2:B2", "'Hadir! 2023'", "'A1'!B2"]
        )
        paths = [r.path for r in local.requests if r.kind == "values"]

    assert by_title == {t: [["Name", "Nilai"], [t, str(i)]] for i, t in enumerate(titles)}
    assert [v["range"] for v in batch["valueRanges"]] == [
        "'Sesi Bu Nur''aini'!A2:B2",
        "'Hadir! 2023'!A1:Z1000",
        "'A1'!B2",
    ]
    assert [v["values"] for v in batch["valueRanges"]] == [
        [["Sesi Bu Nur'aini", "0"]],
        [["Name", "Nilai"], ["Hadir! 2023", "1"]],
        [["3"]],
    ]
    assert "/v4/spreadsheets/key-log_zoom/values/'Sesi Bu Nur''aini'" in paths


def test_quote_title_and_parse_cells():
    assert quote_title("opd") == "opd"
    assert quote_title("daftar_hadir") == "daftar_hadir"
    assert quote_title("MEKAR-2023-001") == "'MEKAR-2023-001'"
    assert quote_title("AB12") == "'AB12'"
    assert quote_title("it's") == "'it''s'"
    assert parse_cells("A1") == (1, 1, 1, 1)
    assert parse_cells("AA10:B") == (10, 27, None, 2)
    assert parse_cells("3:5") == (3, None, 5, None)
    for bad in ("A", "A1:", "A0", "A1:B2:C3", "1A", ""):
        assert parse_cells(bad) is None, bad


# --- errors ------------------------------------------------------------------------------------


def test_unknown_key_is_not_found(client):
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        client.open_by_key("no-such-key")
    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.fetch_sheet_metadata("no-such-key")

    assert info.value.code == 404
    assert info.value.response.headers["Content-Type"] == JSON_TYPE
    assert info.value.response.json() == {
        "error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("'Nope'!A1:Z", "Unable to parse range: 'Nope'!A1:Z"),
        ("Nope", "Unable to parse range: Nope"),
        ("kegiatan!A1:B2:C3", "Unable to parse range: kegiatan!A1:B2:C3"),
        ("'kegiatan!A1", "Unable to parse range: 'kegiatan!A1"),
        (
            "kegiatan!A1:AA2",
            "Range (kegiatan!A1:AA2) exceeds grid limits. Max rows: 1000, max columns: 26",
        ),
    ],
)
def test_a_bad_range_is_invalid_argument(client, text, message):
    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.values_get("key-kegiatan", text)
    with pytest.raises(gspread.exceptions.APIError) as batch:
        client.http_client.values_batch_get("key-kegiatan", ["kegiatan", text])

    for error in (info.value, batch.value):
        assert error.code == 400
        assert error.error == {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}


def test_a_bad_enum_is_invalid_argument(client):
    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.values_get("key-opd", "x", params={"valueRenderOption": "FOO"})
    assert info.value.code == 404  # the key is checked first

    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.values_get("key-master", "opd", params={"valueRenderOption": "FOO"})
    assert info.value.code == 400
    assert "ValueRenderOption" in info.value.error["message"]


def test_custom_keys_replace_the_defaults(tmp_path):
    with SheetsApiServer(MINI, keys={"1AbCdEf": "master"}) as server:
        client = connect(server)
        assert client.open_by_key("1AbCdEf").title == "master"
        with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
            client.open_by_key("key-master")
    write_csv(tmp_path, "kegiatan/kegiatan.csv", "Kode Kegiatan\n")
    assert SheetsApiServer(tmp_path).keys == {"key-kegiatan": "kegiatan"}


def test_writes_and_unknown_paths_get_json_errors(server):
    post = requests.post(f"{server.url}/v4/spreadsheets/key-master:batchUpdate", json={}, timeout=5)
    other = requests.get(f"{server.url}/v4/spreadsheets/key-master/developerMetadata", timeout=5)

    assert post.status_code == 501
    assert post.json()["error"]["status"] == "UNIMPLEMENTED"
    assert other.status_code == 404
    assert other.headers["Content-Type"] == JSON_TYPE
    assert [r.status for r in server.requests] == [501, 404]


# --- counting and faults -----------------------------------------------------------------------


def test_requests_are_counted_per_kind_and_key(client, server):
    spreadsheet = client.open_by_key("key-kegiatan")
    for worksheet in spreadsheet.worksheets():
        worksheet.get_all_values()
    client.open_by_key("key-master").values_batch_get(["opd", "pegawai"])

    assert server.count() == 6
    assert server.count("metadata") == 3
    assert server.count("values") == 2
    assert server.count("batchGet") == 1
    assert server.count(key="key-kegiatan") == 4
    assert server.count("metadata", key="key-master") == 1
    assert server.requests[0].path == "/v4/spreadsheets/key-kegiatan"
    assert server.requests[0].query == {"includeGridData": ["false"]}
    assert server.requests[2].path == "/v4/spreadsheets/key-kegiatan/values/'daftar_hadir'"
    assert all(r.method == "GET" and r.status == 200 for r in server.requests)

    server.reset_counts()
    assert server.count() == 0 and server.requests == []
    with pytest.raises(ValueError):
        server.count("value")


@pytest.mark.parametrize(
    ("fault", "status", "message"),
    [
        ("429", "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests'"),
        ("500", "INTERNAL", "Internal error encountered."),
        ("503", "UNAVAILABLE", "The service is currently unavailable."),
        ("403", "PERMISSION_DENIED", "The caller does not have permission"),
        ("404", "NOT_FOUND", "Requested entity was not found."),
    ],
)
def test_injected_json_faults(client, server, fault, status, message):
    worksheet = client.open_by_key("key-master").worksheet("opd")
    server.inject(fault, kind="values")

    with pytest.raises(gspread.exceptions.APIError) as info:
        worksheet.get_all_values()

    assert info.value.code == int(fault)
    assert info.value.error["status"] == status
    assert info.value.error["message"].startswith(message)
    assert info.value.response.headers["Content-Type"] == JSON_TYPE
    assert "Retry-After" not in info.value.response.headers
    assert worksheet.get_all_values()[0] == ["Kode OPD", "Nama OPD", "Alias", "Email"]
    assert [r.status for r in server.requests if r.kind == "values"] == [int(fault), 200]


def test_injected_faults_on_metadata_reach_open_by_key(client, server):
    server.inject("404", kind="metadata")
    server.inject("403", kind="metadata")

    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        client.open_by_key("key-master")
    with pytest.raises(PermissionError):
        client.open_by_key("key-master")
    assert client.open_by_key("key-master").title == "master"


def test_injected_502_has_an_html_body(client, server):
    server.inject("502")

    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.fetch_sheet_metadata("key-master")

    response = info.value.response
    assert response.status_code == 502
    assert response.text == "<html>Bad Gateway</html>"
    assert response.headers["Content-Type"].startswith("text/html")
    assert info.value.code == -1  # gspread could not parse an error out of it
    with pytest.raises(ValueError):
        response.json()


@pytest.mark.parametrize(("retry_after", "header"), [(2, "2"), (0.2, "1"), (0, "0")])
def test_retry_after_header_in_whole_seconds(client, server, retry_after, header):
    server.inject("429", retry_after=retry_after)

    with pytest.raises(gspread.exceptions.APIError) as info:
        client.http_client.fetch_sheet_metadata("key-master")

    assert info.value.code == 429
    assert info.value.response.headers["Retry-After"] == header


def test_a_bounded_urllib3_retry_rides_out_429s(client, server):
    """The DESIGN's advice (urllib3 Retry on the session) works against the server."""
    retry = Retry(total=3, status_forcelist=[429, 500, 503], backoff_factor=0)
    client.http_client.session.mount("http://", HTTPAdapter(max_retries=retry))
    worksheet = client.open_by_key("key-master").worksheet("opd")
    server.inject("429", times=2, kind="values", retry_after=0)

    assert worksheet.get_all_values()[1][0] == "DISDIK"
    assert [r.status for r in server.requests if r.kind == "values"] == [429, 429, 200]


def test_faults_are_consumed_in_the_order_injected(client, server):
    server.inject("500")
    server.inject("403")

    for expected in (500, 403):
        with pytest.raises(gspread.exceptions.APIError) as info:
            client.http_client.fetch_sheet_metadata("key-master")
        assert info.value.code == expected
    assert client.http_client.fetch_sheet_metadata("key-master")["properties"]["title"] == "master"


def test_fault_filters_and_times(client, server):
    server.inject("500", times=2, key="key-master")
    server.inject("429", kind="batchGet")

    kegiatan = client.open_by_key("key-kegiatan")  # matches neither fault
    with pytest.raises(gspread.exceptions.APIError):
        kegiatan.values_batch_get(["kegiatan"])
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError):
            client.open_by_key("key-master")
    master = client.open_by_key("key-master")
    master.values_batch_get(["opd"])

    assert master.title == "master"
    assert [(r.key, r.kind, r.status) for r in server.requests] == [
        ("key-kegiatan", "metadata", 200),
        ("key-kegiatan", "batchGet", 429),
        ("key-master", "metadata", 500),
        ("key-master", "metadata", 500),
        ("key-master", "metadata", 200),
        ("key-master", "batchGet", 200),
    ]


def test_inject_rejects_what_it_cannot_do(server):
    for bad in ({"fault": "418"}, {"fault": "500", "kind": "value"}, {"fault": "500", "times": 0}):
        with pytest.raises(ValueError):
            server.inject(**bad)


def test_slow_answers_late_but_right(client, server):
    worksheet = client.open_by_key("key-master").worksheet("opd")
    server.inject("slow", delay=0.3)

    started = time.monotonic()
    values = worksheet.get_all_values()

    assert time.monotonic() - started >= 0.3
    assert values[0][0] == "Kode OPD"
    assert server.requests[-1].status == 200


def test_slow_trips_the_client_timeout_and_stop_does_not_wait(server):
    client = connect(server, timeout=0.1)
    server.inject("slow", delay=0.6)

    with pytest.raises(requests.exceptions.ReadTimeout):
        client.open_by_key("key-master")
    assert client.open_by_key("key-master").title == "master"  # the server is still serving

    server.inject("slow", delay=0.6)
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.http_client.fetch_sheet_metadata("key-master")
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 0.5


# --- data handling -----------------------------------------------------------------------------


def test_sheets_style_numbers(tmp_path):
    cells = [
        "198503122010011003",
        "19850312 201001 1 003",
        "'198503122010011003",
        "123456789012345",
        "1234567890123456",
        "-198503122010011003",
        "Teguh",
    ]
    write_csv(tmp_path, "master/pegawai.csv", "NIP\n" + "\n".join(cells) + "\n")

    with SheetsApiServer(tmp_path, sheets_style_numbers=True) as server:
        client = connect(server)
        formatted = client.open_by_key("key-master").sheet1.get_all_values()
        raw = client.http_client.values_get(
            "key-master", "pegawai!A2:A3", params={"valueRenderOption": "UNFORMATTED_VALUE"}
        )
    with SheetsApiServer(tmp_path) as server:
        plain = connect(server).open_by_key("key-master").sheet1.get_all_values()

    assert [row[0] for row in formatted] == [
        "NIP",
        "1.98503E+17",
        "19850312 201001 1 003",
        "'198503122010011003",
        "123456789012345",
        "1.23457E+15",
        "-198503122010011003",
        "Teguh",
    ]
    assert raw["values"] == [[1.98503122010011e17], ["19850312 201001 1 003"]]
    assert [row[0] for row in plain] == ["NIP", *cells]


def test_data_is_read_again_on_every_request(data):
    with SheetsApiServer(data) as server:
        client = connect(server)
        spreadsheet = client.open_by_key("key-kegiatan")
        before = spreadsheet.worksheet("kegiatan").get_all_values()

        path = data / "kegiatan" / "kegiatan.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Refleksi", "Evaluasi"))
        write_csv(data, "kegiatan/catatan.csv", "x\n")
        after = spreadsheet.worksheet("kegiatan").get_all_values()
        titles = [w.title for w in spreadsheet.worksheets()]

        shutil.rmtree(data / "log_zoom")
        with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
            client.open_by_key("key-log_zoom")

    assert before[1][1] == "Refleksi Akhir Tahun"
    assert after[1][1] == "Evaluasi Akhir Tahun"
    assert titles == ["catatan", "daftar_hadir", "kegiatan"]


def test_an_xlsx_workbook_is_served_too(tmp_path):
    book = Workbook()
    book.active.title = "opd"
    book.active.append(["Kode OPD", "Nama OPD"])
    book.active.append(["DISDIK", "Dinas Pendidikan"])
    book.create_sheet("pegawai").append(["NIP", "Nama"])
    book.save(tmp_path / "master.xlsx")

    with SheetsApiServer(tmp_path) as server:
        spreadsheet = connect(server).open_by_key("key-master")
        values = {w.title: w.get_all_values() for w in spreadsheet.worksheets()}

    assert values == {
        "opd": [["Kode OPD", "Nama OPD"], ["DISDIK", "Dinas Pendidikan"]],
        "pegawai": [["NIP", "Nama"]],
    }


def test_fields_mask_selects_parts_of_the_metadata(client):
    fetch = client.http_client.fetch_sheet_metadata

    titles = fetch("key-kegiatan", params={"fields": "sheets.properties.title"})
    nested = fetch("key-master", params={"fields": "properties(title),sheets.properties(index)"})
    everything = fetch("key-master", params={"fields": "*"})

    assert titles == {
        "sheets": [{"properties": {"title": "daftar_hadir"}}, {"properties": {"title": "kegiatan"}}]
    }
    assert nested == {
        "properties": {"title": "master"},
        "sheets": [{"properties": {"index": 0}}, {"properties": {"index": 1}}],
    }
    assert everything == fetch("key-master")
    with pytest.raises(gspread.exceptions.APIError) as info:
        fetch("key-master", params={"fields": "sheets..title"})
    assert info.value.code == 400


def test_drive_modified_time_for_last_update(data):
    with SheetsApiServer(data) as server:
        spreadsheet = connect(server).open_by_key("key-kegiatan")
        first = spreadsheet.get_lastUpdateTime()
        time.sleep(0.01)
        (data / "kegiatan" / "kegiatan.csv").touch()
        second = spreadsheet.get_lastUpdateTime()
        drive = [r for r in server.requests if r.kind == "drive"]

    assert first < second and second.endswith("Z")
    assert drive[0].path == "/drive/v3/files/key-kegiatan"
    assert drive[0].query["fields"] == ["id,name,createdTime,modifiedTime"]


def test_lifecycle():
    server = SheetsApiServer(MINI)
    with pytest.raises(RuntimeError):
        _ = server.url
    assert server.start() is server
    assert server.url.startswith("http://127.0.0.1:")
    assert server.start() is server  # starting twice is harmless
    server.stop()
    server.stop()
