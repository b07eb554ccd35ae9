from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

clients = Table(
    "clients",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("carrier", String(80), nullable=False),
    Column("secret", String(64), nullable=False),
)

shipments = Table(
    "shipments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("carrier", String(80), nullable=False, index=True),
    Column("reference", String(40), nullable=False),
    Column("min_tenths", Integer, nullable=False),
    Column("max_tenths", Integer, nullable=False),
    Column("status", String(16), nullable=False, default="created"),
    Column("excursion_minutes", Integer, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
    Column("dispatched_at", String(32)),
    Column("closed_at", String(32)),
)

readings = Table(
    "readings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("shipment_id", ForeignKey("shipments.id"), nullable=False, index=True),
    Column("taken_at", String(32), nullable=False),
    Column("tenths", Integer, nullable=False),
    Column("in_range", Integer, nullable=False),
)


def connect(url: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False} if url.startswith("sqlite") else {})
    metadata.create_all(engine)
    return engine
