"""The Google Sheets source: the real gspread client over HTTP to the local Sheets API
server. Same warehouse as the files source, a handful of requests, bounded retries, clear
failures, and no secret in any log."""

from __future__ import annotations

import csv
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from mekar.config import SheetsSettings
from mekar.export import write_export
from mekar.extract.sheets import GoogleSheetsSource, load_credentials
from mekar.warehouse.schema import src_daftar_hadir, src_kegiatan
from tests.conftest import GOLDEN
from tests.helpers import run_stages
from tooling.sample_year import write_sample_year
from tooling.sheets_api import SheetsApiServer

EXPORTS = ("compliance", "opd", "credits", "evidence", "siasn", "quarantine")


def sheets_settings(server: SheetsApiServer, **overrides) -> SheetsSettings:
    spreadsheets = {name: key for key, name in server.keys.items()}
    values = {
        "spreadsheets": spreadsheets,
        "api_url": server.url,
        "anonymous": True,
        "timeout_seconds": 2.0,
        "max_retries": 3,
        "backoff_seconds": 0.01,
        "backoff_max_seconds": 0.05,
    }
    values.update(overrides)
    return SheetsSettings(**values)


def source_for(server: SheetsApiServer, **overrides) -> GoogleSheetsSource:
    return GoogleSheetsSource(sheets_settings(server, **overrides))


def _exports(engine, folder: Path, year: int) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for what in EXPORTS:
        write_export(engine, what, year, folder / f"{what}.csv")
        out[what] = (folder / f"{what}.csv").read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def sample_year(tmp_path_factory):
    data = tmp_path_factory.mktemp("sample")
    write_sample_year(data, scale=0.1, seed=11)
    return data


@pytest.mark.parametrize("data", ["golden", "records", "sample"])
def test_sheets_and_files_give_the_same_exports(data, sample_year, tmp_path):
    folder = {"golden": GOLDEN / "mini", "records": GOLDEN / "records"}.get(data, sample_year)
    by_files, *_ = run_stages(folder, f"sqlite:///{tmp_path / 'files.db'}")
    with SheetsApiServer(folder) as server:
        by_sheets, extracted, validated, _ = run_stages(
            source_for(server), f"sqlite:///{tmp_path / 'sheets.db'}"
        )
        # 2 requests per spreadsheet: worksheet titles, then one batchGet of every worksheet
        # (the records year and the sample have the optional pengembangan spreadsheet too)
        spreadsheets = 4 if data == "golden" else 5
        assert len(server.keys) == spreadsheets
        assert server.count("metadata") == spreadsheets
        assert server.count("batchGet") == spreadsheets
        assert len(server.requests) == 2 * spreadsheets
    assert validated.failures == []
    files = _exports(by_files, tmp_path / "files", 2023)
    sheets = _exports(by_sheets, tmp_path / "sheets", 2023)
    assert files["credits"].count("\n") > 100
    assert sheets == files


def test_second_run_with_unchanged_sheets_reloads_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with SheetsApiServer(GOLDEN / "mini") as server:
        source = source_for(server)
        run_stages(source, url, skip_unchanged=True)
        server.reset_counts()
        _, extracted, validated, loaded = run_stages(source, url, skip_unchanged=True)
        assert len(server.requests) == 8
    assert validated.sheets == []
    assert len(validated.unchanged) == len(extracted.worksheets) == 12
    assert loaded.changed == 0


def test_an_edited_sheet_is_reloaded_and_only_what_depends_on_it(tmp_path):
    data = tmp_path / "data"
    _copy(GOLDEN / "mini", data)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with SheetsApiServer(data) as server:
        source = source_for(server)
        run_stages(source, url, skip_unchanged=True)
        form = data / "kebutuhan" / "Form Responses 1.csv"
        form.write_text(
            form.read_text(encoding="utf-8").replace("Analisis data", "Analisis Data Baru", 1),
            encoding="utf-8",
        )
        _, _, validated, loaded = run_stages(source, url, skip_unchanged=True)
    assert [(s.spreadsheet, s.worksheet) for s in validated.sheets] == [
        ("kebutuhan", "Form Responses 1")
    ]
    assert loaded.by_table["src_kebutuhan"].updated == 1


def _copy(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)


@pytest.mark.parametrize(
    ("fault", "times", "retry_after"),
    [("429", 2, 0), ("500", 1, None), ("502", 1, None), ("503", 2, None)],
)
def test_transient_faults_are_retried_and_recovered(fault, times, retry_after, tmp_path):
    with SheetsApiServer(GOLDEN / "mini") as server:
        server.inject(
            fault, times=times, key="key-kegiatan", kind="batchGet", retry_after=retry_after
        )
        engine, _, validated, _ = run_stages(source_for(server), f"sqlite:///{tmp_path / 'w.db'}")
        assert server.count("batchGet", key="key-kegiatan") == times + 1
    assert validated.failures == []
    with engine.connect() as conn:
        assert len(conn.execute(select(src_kegiatan)).all()) == 7


def test_retry_after_is_honoured(monkeypatch):
    from mekar.extract import sheets

    waits = []
    with SheetsApiServer(GOLDEN / "mini") as server:
        server.inject("429", times=1, kind="metadata", retry_after=7)
        source = source_for(server, backoff_max_seconds=60)
        monkeypatch.setattr(type(source.client.http_client), "sleep", staticmethod(waits.append))
        source.worksheet_titles("master")
    assert len(waits) == 1 and 7 <= waits[0] < 7.01
    assert sheets.RetryPolicy(backoff=1, backoff_max=8).wait(10, None) <= 8


def test_slow_response_times_out_and_is_retried():
    with SheetsApiServer(GOLDEN / "mini") as server:
        server.inject("slow", times=1, kind="metadata", delay=1.0)
        titles = source_for(server, timeout_seconds=0.3).worksheet_titles("master")
    assert titles == ["opd", "pegawai"]


def test_persistent_429_gives_up_within_the_bound(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with SheetsApiServer(GOLDEN / "mini") as server:
        run_stages(source_for(server), url)
        before = _kegiatan_rows(url)
        server.reset_counts()
        server.inject("429", times=100, key="key-kegiatan", retry_after=0)
        _, extracted, validated, loaded = run_stages(source_for(server, max_retries=3), url)
        assert server.count(key="key-kegiatan") == 4  # the first try and 3 retries
    [failure] = validated.failures
    assert str(failure).startswith(
        "Sumber 'kegiatan': kuota Google Sheets habis (HTTP 429) setelah 4 percobaan"
    )
    assert "tunggu beberapa menit" in str(failure)
    assert _kegiatan_rows(url) == before  # the warehouse keeps what it had
    assert loaded.by_table["src_zoom"].unchanged > 0  # the other spreadsheets still loaded


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("403", "akses ditolak (HTTP 403): bagikan spreadsheet ini ke akun layanan"),
        ("404", "tidak ditemukan (HTTP 404): periksa kunci/URL spreadsheet"),
    ],
)
def test_refusals_are_not_retried_and_say_what_to_do(fault, says, tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with SheetsApiServer(GOLDEN / "mini") as server:
        run_stages(source_for(server), url)
        before = _kegiatan_rows(url)
        server.inject(fault, times=1, key="key-kegiatan", kind="metadata")
        server.reset_counts()
        _, _, validated, _ = run_stages(source_for(server), url)
        assert server.count("metadata", key="key-kegiatan") == 1
        assert server.count("batchGet", key="key-kegiatan") == 0
    [failure] = validated.failures
    assert str(failure) == f"Sumber 'kegiatan': {says}" + str(failure).split(says, 1)[1]
    assert _kegiatan_rows(url) == before


def _kegiatan_rows(url: str):
    from mekar.warehouse.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = (
            sorted(map(tuple, conn.execute(select(src_kegiatan)))),
            sorted(map(tuple, conn.execute(select(src_daftar_hadir)))),
        )
    engine.dispose()
    return rows


def test_numbers_rendered_like_sheets_are_quarantined_not_guessed(tmp_path):
    data = tmp_path / "data"
    _copy(GOLDEN / "mini", data)
    with SheetsApiServer(data, sheets_style_numbers=True) as server:
        engine, _, validated, _ = run_stages(source_for(server), f"sqlite:///{tmp_path / 'w.db'}")
    roster = next(s for s in validated.sheets if s.worksheet == "pegawai")
    with (GOLDEN / "mini" / "master" / "pegawai.csv").open(encoding="utf-8") as handle:
        long_nips = sum(
            1 for r in csv.DictReader(handle) if len(r["NIP"]) >= 16 and r["NIP"].isdigit()
        )
    assert long_nips > 200
    assert sum(q.alasan == "nip_precision_lost" for q in roster.quarantine) == long_nips
    assert json.loads(roster.quarantine[0].data)["NIP"].endswith("E+17")


# --- credentials ---------------------------------------------------------------------------


def _service_account(tmp_path: Path, token_uri: str) -> tuple[Path, dict]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    info = {
        "type": "service_account",
        "project_id": "sragen-mekar",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem,
        "client_email": "mekar-reader@sragen-mekar.iam.gserviceaccount.com",
        "client_id": "1234567890",
        "token_uri": token_uri,
    }
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    return path, info


class _TokenHandler(BaseHTTPRequestHandler):
    """Google's OAuth token endpoint, as far as a service account uses it."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(
            {"access_token": "ya29.local-test-token", "expires_in": 3600, "token_type": "Bearer"}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def token_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TokenHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/token"
    server.shutdown()


def _secret_parts(info: dict) -> list[str]:
    lines = [line for line in info["private_key"].splitlines() if "PRIVATE KEY" not in line]
    return [info["private_key_id"], *lines[:3], "ya29.local-test-token"]


def test_service_account_run_keeps_the_key_out_of_logs(tmp_path, token_server, caplog, capsys):
    path, info = _service_account(tmp_path, token_server)
    caplog.set_level(logging.DEBUG)
    with SheetsApiServer(GOLDEN / "mini") as server:
        settings = sheets_settings(server, anonymous=False, credentials_file=path)
        source = GoogleSheetsSource(settings)
        _, _, validated, _ = run_stages(source, f"sqlite:///{tmp_path / 'w.db'}")
        server.inject("403", times=1, key="key-master", kind="metadata")
        _, _, failed, _ = run_stages(source, f"sqlite:///{tmp_path / 'w2.db'}")
    assert validated.failures == []
    # master refused; on this fresh warehouse the sheets checked against it fail too
    failure = failed.failures[0]
    assert str(failure).startswith("Sumber 'master': akses ditolak (HTTP 403)")
    assert info["client_email"] in str(failure)  # the message says whom to share with
    assert [str(f).split(":")[0] for f in failed.failures[1:]] == [
        "Sumber 'kebutuhan/Form Responses 1'",
        "Sumber 'kegiatan/daftar_hadir'",
    ]
    assert all("master/pegawai gagal dibaca" in str(f) for f in failed.failures[1:])
    captured = capsys.readouterr()
    seen = caplog.text + captured.out + captured.err + "".join(str(f) for f in failed.failures)
    for part in _secret_parts(info):
        assert part not in seen


def test_bad_credentials_file_names_the_file_not_the_key(tmp_path):
    from mekar.errors import MekarError

    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nSECRETSTUFF"}'
    )
    with pytest.raises(MekarError) as error:
        load_credentials(SheetsSettings(credentials_file=broken))
    assert str(broken) in str(error.value)
    assert "SECRETSTUFF" not in str(error.value)
    with pytest.raises(MekarError) as error:
        load_credentials(SheetsSettings(credentials_file=tmp_path / "nope.json"))
    assert "tidak ditemukan" in str(error.value)


def test_credentials_from_a_prefect_secret_block(prefect_harness, tmp_path, token_server):
    from prefect.blocks.system import Secret

    _, info = _service_account(tmp_path, token_server)
    Secret(value=json.dumps(info)).save("mekar-google-test", overwrite=True)
    credentials = load_credentials(SheetsSettings(credentials_block="mekar-google-test"))
    assert credentials.service_account_email == info["client_email"]


def test_many_zoom_tabs_are_read_in_url_sized_batches(tmp_path):
    from mekar.extract.sheets import URL_BUDGET, _url_sized

    data = tmp_path / "data"
    (data / "log_zoom").mkdir(parents=True)
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    for n in range(300):
        (data / "log_zoom" / f"MEKAR-KARANGANYAR-2023-{n:03d}.csv").write_text(
            header + f"Peserta {n},,07/03/2023 8:00:00 AM,07/03/2023 9:00:00 AM,60,No\n",
            encoding="utf-8",
        )
    with SheetsApiServer(data) as server:
        sheets = source_for(server).read_spreadsheet("log_zoom")
        batches = server.count("batchGet")
        longest = max(
            len("&".join(f"ranges={r}" for r in req.query.get("ranges", [])))
            for req in server.requests
        )
    assert len(sheets) == 300
    assert [s.rows[1][0] for s in sheets[:2]] == ["Peserta 0", "Peserta 1"]  # tab order kept
    assert batches == len(_url_sized([f"'{s.title}'" for s in sheets])) > 1
    assert longest < URL_BUDGET


def test_sheets_check_reads_the_optional_corrections_and_outside_learning():
    from mekar.config import Settings
    from mekar.extract.sheets_check import check_sheets

    with SheetsApiServer(GOLDEN / "records") as server:
        lines = check_sheets(Settings(sheets=sheets_settings(server)))
    found = {(line.spreadsheet, line.worksheet): line for line in lines}
    assert found[("kegiatan", "koreksi")].ok
    assert found[("pengembangan", "Form Responses 1")].ok
    assert all(line.ok for line in lines)
