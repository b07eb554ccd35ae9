"""The cellar file: one ``[CODE]`` block per lot, ``key = value`` lines, ``#`` comments.

    # cellar file
    [RIOJA-18]
    name = Rioja Reserva
    colour = red
    vintage = 2018
    quantity = 6
    price = 18.50
    window = 2022-2030

``vintage`` is a year or ``NV``; ``window`` is ``FROM-UNTIL`` and either end may be left out.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from cellar.book import Cellar
from cellar.errors import CellarError, ParseError
from cellar.model import Colour, Lot

HEADER = re.compile(r"^\[([A-Z0-9][A-Z0-9-]*)\]$")
WINDOW = re.compile(r"^(\d{4})?-(\d{4})?$")
KEYS = ("name", "colour", "vintage", "quantity", "price", "window")
REQUIRED = ("name", "colour", "quantity", "price")


def _build(code: str, fields: dict[str, tuple[int, str]], header_line: int) -> Lot:
    for key in REQUIRED:
        if key not in fields:
            raise ParseError(header_line, f"lot {code} has no {key}")

    def value(key: str) -> str:
        return fields[key][1]

    def fail(key: str, message: str) -> ParseError:
        return ParseError(fields[key][0], message)

    try:
        colour = Colour(value("colour").lower())
    except ValueError:
        raise fail("colour", f"unknown colour {value('colour')!r}") from None

    if not value("quantity").isdigit() or int(value("quantity")) < 1:
        raise fail("quantity", "quantity must be a positive whole number")
    quantity = int(value("quantity"))

    try:
        price = Decimal(value("price"))
    except InvalidOperation:
        raise fail("price", f"bad price {value('price')!r}") from None
    if price < 0 or price.as_tuple().exponent < -2:
        raise fail("price", "price must be a non-negative amount with at most 2 decimals")

    vintage = None
    if "vintage" in fields and value("vintage").upper() != "NV":
        if not re.fullmatch(r"\d{4}", value("vintage")):
            raise fail("vintage", "vintage must be a year or NV")
        vintage = int(value("vintage"))

    drink_from = drink_until = None
    if "window" in fields:
        match = WINDOW.match(value("window"))
        if not match:
            raise fail("window", "window must look like 2022-2030")
        drink_from = int(match.group(1)) if match.group(1) else None
        drink_until = int(match.group(2)) if match.group(2) else None

    try:
        return Lot(
            code=code,
            name=value("name"),
            colour=colour,
            quantity=quantity,
            price=price,
            vintage=vintage,
            drink_from=drink_from,
            drink_until=drink_until,
        )
    except ValueError as exc:
        raise ParseError(header_line, str(exc)) from None


def loads(text: str, capacity: int | None = None) -> Cellar:
    """Read a cellar file. Raises ParseError naming the 1-based line at fault."""
    cellar = Cellar(capacity=capacity)
    code: str | None = None
    header_line = 0
    fields: dict[str, tuple[int, str]] = {}

    def finish() -> None:
        if code is None:
            return
        lot = _build(code, fields, header_line)
        try:
            cellar.add(lot)
        except CellarError as exc:
            raise ParseError(header_line, str(exc)) from None

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = HEADER.match(line)
        if header:
            finish()
            code, header_line, fields = header.group(1), lineno, {}
            continue
        if line.startswith("["):
            raise ParseError(lineno, f"bad lot header {line!r}")
        key, sep, value = line.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            raise ParseError(lineno, "expected key = value")
        if code is None:
            raise ParseError(lineno, f"{key} outside a lot")
        if key not in KEYS:
            raise ParseError(lineno, f"unknown key {key!r}")
        if key in fields:
            raise ParseError(lineno, f"{key} given twice")
        fields[key] = (lineno, value)
    finish()
    return cellar


def dumps(cellar: Cellar) -> str:
    """Write a cellar file that `loads` reads back to the same lots."""
    blocks = []
    for lot in cellar:
        lines = [
            f"[{lot.code}]",
            f"name = {lot.name}",
            f"colour = {lot.colour.value}",
            f"vintage = {'NV' if lot.vintage is None else lot.vintage}",
            f"quantity = {lot.quantity}",
            f"price = {lot.price:.2f}",
        ]
        if lot.drink_from is not None or lot.drink_until is not None:
            start = "" if lot.drink_from is None else lot.drink_from
            end = "" if lot.drink_until is None else lot.drink_until
            lines.append(f"window = {start}-{end}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
