"""After the partitions: the province roll-up, its page and its email."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar.config import Settings
from mekar.deliver.province import compose_province_email, send_province_email
from mekar.report.province import render_province_page
from mekar.transform.province import PartitionOutcome, RollUp, roll_up
from mekar.warehouse.partitions import PROVINCE, prepare_schema, province_engine


@task(name="province-roll-up", cache_policy=NO_CACHE)
def roll_up_task(base_url: str, settings: Settings, outcomes: list[PartitionOutcome]) -> RollUp:
    logger = get_run_logger()
    logger.info(
        "Gabungan provinsi: mengumpulkan mart %d kabupaten/kota", len(settings.province.partitions)
    )
    prepare_schema(base_url, settings.province, PROVINCE)
    engine = province_engine(base_url, settings.province)
    rolled = roll_up(engine, settings.province, outcomes)
    logger.info(
        "Gabungan provinsi: %d kabupaten/kota dijumlahkan; %s",
        len(rolled.included),
        ", ".join(f"{name} {count} baris" for name, count in rolled.rows.items()),
    )
    if rolled.missing:
        logger.warning("Belum ada data, tidak dijumlahkan: %s", ", ".join(rolled.missing))
    return rolled


@task(name="province-page", cache_policy=NO_CACHE)
def render_province_task(base_url: str, settings: Settings, out_dir: str, year: int | None) -> Path:
    page = render_province_page(
        province_engine(base_url, settings.province),
        Path(out_dir),
        settings.province.nama,
        year,
        settings.timezone,
    )
    get_run_logger().info("Halaman ringkasan provinsi: %s", page)
    return page


@task(name="province-email", cache_policy=NO_CACHE)
def send_province_email_task(
    base_url: str, settings: Settings, out_dir: str, year: int | None
) -> list[str]:
    logger = get_run_logger()
    if not settings.province.recipients:
        logger.warning("Email ringkasan provinsi tidak dikirim: province.recipients kosong")
        return []
    email = compose_province_email(province_engine(base_url, settings.province), settings, year)
    sent = send_province_email(email, settings, Path(out_dir))
    logger.info("Email ringkasan provinsi terkirim ke %s", ", ".join(sent))
    return sent
