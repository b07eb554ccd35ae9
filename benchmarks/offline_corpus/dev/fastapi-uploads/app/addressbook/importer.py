"""Parsing and validating a CSV of contacts (header row first: name, email, and optionally phone, company)."""
import csv
import io
import re
from dataclasses import dataclass, field

REQUIRED_COLUMNS = ("name", "email")
OPTIONAL_COLUMNS = ("phone", "company")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
MAX_NAME_LENGTH = 100


class CSVFormatError(ValueError):
    pass


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ParsedRow:
    row: int
    name: str
    email: str
    phone: str | None
    company: str | None


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def validate_row(number: int, record: dict[str, str | None]) -> tuple[ParsedRow | None, list[RowError]]:
    errors = []
    name = (record.get("name") or "").strip()
    email = (record.get("email") or "").strip()
    phone = (record.get("phone") or "").strip() or None
    company = (record.get("company") or "").strip() or None
    if not name:
        errors.append(RowError(number, "name", "name is required"))
    elif len(name) > MAX_NAME_LENGTH:
        errors.append(RowError(number, "name", f"name is longer than {MAX_NAME_LENGTH} characters"))
    if not email:
        errors.append(RowError(number, "email", "email is required"))
    elif not EMAIL_RE.match(email):
        errors.append(RowError(number, "email", f"{email!r} is not a valid email address"))
    if phone is not None and not PHONE_RE.match(phone):
        errors.append(RowError(number, "phone", f"{phone!r} is not a valid phone number"))
    if errors:
        return None, errors
    return ParsedRow(number, name, email, phone, company), []


def parse_contacts_csv(data: bytes) -> ParseResult:
    """Parse the upload; rows are numbered from 1, the first row after the header."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CSVFormatError("the file is not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CSVFormatError(f"missing column(s): {', '.join(missing)}")
    reader.fieldnames = header

    result = ParseResult()
    for number, record in enumerate(reader, start=1):
        parsed, errors = validate_row(number, record)
        if parsed is not None:
            result.rows.append(parsed)
        result.errors.extend(errors)
    return result
