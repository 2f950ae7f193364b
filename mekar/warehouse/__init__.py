"""The warehouse: SQLAlchemy tables, Alembic migrations, loading and the SQL transform."""
