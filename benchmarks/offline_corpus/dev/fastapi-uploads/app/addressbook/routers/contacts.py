from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Response, UploadFile, status

from ..deps import CurrentUser, OwnContact, PageDep, SettingsDep, SortDep, StoreDep
from ..importer import CSVFormatError, parse_contacts_csv
from ..schemas import ContactIn, ContactOut, ContactPage, ImportReport

router = APIRouter(prefix="/contacts", tags=["contacts"])

CSV_TYPES = {"text/csv", "application/csv", "application/vnd.ms-excel", "text/plain"}


def to_out(contact) -> ContactOut:
    return ContactOut(
        id=contact.id, name=contact.name, email=contact.email, phone=contact.phone, company=contact.company
    )


def sort_key(field: str):
    if field in ("name", "email"):
        return lambda c: (getattr(c, field).lower(), c.id)
    if field == "company":
        return lambda c: ((c.company or "").lower(), c.id)
    return lambda c: c.created


@router.get("", response_model=ContactPage)
def list_contacts(user: CurrentUser, store: StoreDep, page: PageDep, sort: SortDep) -> ContactPage:
    field, descending = sort
    contacts = sorted(store.contacts_of(user.username), key=sort_key(field), reverse=descending)
    window = contacts[page.offset : page.offset + page.limit]
    return ContactPage(items=[to_out(c) for c in window], total=len(contacts), limit=page.limit, offset=page.offset)


@router.post("", response_model=ContactOut, status_code=status.HTTP_201_CREATED)
def create_contact(payload: ContactIn, user: CurrentUser, store: StoreDep) -> ContactOut:
    if payload.email.lower() in store.emails_of(user.username):
        raise HTTPException(status.HTTP_409_CONFLICT, detail="a contact with this email already exists")
    contact = store.add_contact(user.username, payload.name, payload.email, payload.phone, payload.company)
    return to_out(contact)


@router.get("/{contact_id}", response_model=ContactOut)
def get_contact(contact: OwnContact) -> ContactOut:
    return to_out(contact)


@router.delete("/{contact_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_contact(contact: OwnContact, store: StoreDep) -> Response:
    store.delete_contact(contact.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/import", response_model=ImportReport)
async def import_contacts(
    file: Annotated[UploadFile, File(description="CSV with a header row: name,email[,phone][,company]")],
    user: CurrentUser,
    store: StoreDep,
    settings: SettingsDep,
) -> ImportReport:
    if file.content_type not in CSV_TYPES and not (file.filename or "").lower().endswith(".csv"):
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail="upload a .csv file")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(
            413,
            detail=f"the file is larger than {settings.max_upload_bytes} bytes",
        )
    try:
        parsed = parse_contacts_csv(data)
    except CSVFormatError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(exc)) from exc

    known = store.emails_of(user.username)
    imported = skipped = 0
    for row in parsed.rows:
        email = row.email.lower()
        if email in known:
            skipped += 1
            continue
        store.add_contact(user.username, row.name, row.email, row.phone, row.company)
        known.add(email)
        imported += 1
    return ImportReport(
        imported=imported,
        skipped_duplicates=skipped,
        errors=[{"row": e.row, "field": e.field, "message": e.message} for e in parsed.errors],
    )
