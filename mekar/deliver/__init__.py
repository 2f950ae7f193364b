"""Delivery: sending the weekly reports by email, exactly once per week and recipient."""
