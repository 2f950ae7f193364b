"""A run that could not do all of its work ends Failed (so an operator's automation on Failed
runs fires), keeps what it did, and says what failed; every flow publishes its artifacts."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from mekar.errors import RunIncomplete
from mekar.warehouse.db import make_engine
from mekar.warehouse.schema import src_daftar_hadir, src_pegawai
from tests.conftest import GOLDEN


def _latest_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        [artifact] = client.read_latest_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
        )
    return artifact


def _drop_column(path, index: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(
            ",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines
        )
        + "\n",
        encoding="utf-8",
    )


def test_a_failed_source_ends_the_nightly_failed_with_the_rest_kept(
    prefect_harness, tmp_path, warehouse_url
):
    from flows.nightly import nightly

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    _drop_column(data / "kegiatan" / "daftar_hadir.csv", 2)  # the NIP column is gone
    out = tmp_path / "out"

    state = nightly(str(data), None, warehouse_url, str(out), return_state=True)

    assert state.is_failed()
    assert state.message == (
        "1 masalah: Sumber 'kegiatan/daftar_hadir': kolom wajib tidak ada: 'NIP' "
        "(baris judul 1). Periksa nama kolom, atau tambahkan alias di konfigurasi."
    )
    incomplete = state.result(raise_on_failure=False)
    assert isinstance(incomplete, RunIncomplete)
    summary = incomplete.summary
    assert summary.year == 2023 and summary.asn_aktif == 239
    # the work that could be done is kept: the roster loaded, the reports written...
    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        assert len(conn.execute(select(src_pegawai)).all()) > 200
        assert conn.execute(select(src_daftar_hadir)).all() == []  # never loaded: nothing old
    assert (out / "index.html").is_file() and (out / "opd" / "DINKES.html").is_file()
    banner = (out / "opd" / "DINKES.html").read_text(encoding="utf-8")
    assert "sumber ini belum pernah termuat" in banner  # not "old data": there is none
    # ...and the artifacts published
    assert "kegiatan/daftar_hadir" in _latest_artifact("kualitas-data").data
    engine.dispose()

    # calling the flow as a function raises the same, for code that calls it
    try:
        nightly(str(data), None, warehouse_url, str(out))
    except RunIncomplete as again:
        assert again.problems == incomplete.problems
    else:
        raise AssertionError("a nightly with a failed source must not end Completed")


def test_a_complete_nightly_ends_completed(prefect_harness, tmp_path):
    from flows.nightly import nightly

    url = f"sqlite:///{tmp_path / 'w.db'}"
    state = nightly(str(GOLDEN / "mini"), None, url, str(tmp_path / "out"), return_state=True)
    assert state.is_completed()
    summary = state.result()
    assert summary.problems == [] and summary.year == 2023
    # rule 2: guests matching nobody are dropped, and counted (13 rows in the golden year)
    assert summary.guests_dropped == 13


def test_the_session_rerun_publishes_its_artifact(prefect_harness, tmp_path):
    from flows.nightly import nightly
    from flows.rerun_session import rerun_session

    url = f"sqlite:///{tmp_path / 'w.db'}"
    nightly(str(GOLDEN / "mini"), None, url, str(tmp_path / "out"))
    state = rerun_session(
        "MEKAR-2023-001", str(GOLDEN / "mini"), url, str(tmp_path / "out"), return_state=True
    )
    assert state.is_completed()
    note = _latest_artifact("rerun-kegiatan").data
    assert note.startswith("# Hitung ulang kegiatan MEKAR-2023-001")
    assert "- ASN dihitung ulang: " in note and "- OPD diperbarui: " in note
