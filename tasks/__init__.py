"""Prefect tasks: one coarse task per stage. Data passes through the warehouse; retries sit
on I/O (reading sources) only."""
