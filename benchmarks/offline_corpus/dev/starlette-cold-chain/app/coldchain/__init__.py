"""Cold-chain shipment tracking service."""

from coldchain.app import create_app

__all__ = ["create_app"]
