from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .config import Settings, get_settings
from .repository import Conflict, ContactRepository, NotFound, get_repo

app = FastAPI(title="Contacts")

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ContactIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    email: str = Field(max_length=254, pattern=EMAIL)
    phone: str | None = Field(default=None, max_length=40)


class ContactUpdate(ContactIn):
    version: int = Field(ge=1)


class ContactOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str
    phone: str | None
    version: int


def get_tenant(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> str:
    tenant = settings.key_map().get(x_api_key or "")
    if tenant is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or unknown API key")
    return tenant


Tenant = Annotated[str, Depends(get_tenant)]
Repo = Annotated[ContactRepository, Depends(get_repo)]


@app.exception_handler(NotFound)
async def not_found(request: Request, exc: NotFound):
    return JSONResponse({"detail": f"contact {exc.args[0]} not found"}, status_code=404)


@app.exception_handler(Conflict)
async def conflict(request: Request, exc: Conflict):
    return JSONResponse({"detail": str(exc)}, status_code=409)


@app.post("/contacts", response_model=ContactOut, status_code=status.HTTP_201_CREATED)
def create_contact(payload: ContactIn, tenant: Tenant, repo: Repo):
    return repo.add(tenant, payload.name, payload.email, payload.phone)


@app.get("/contacts", response_model=list[ContactOut])
def list_contacts(
    response: Response,
    tenant: Tenant,
    repo: Repo,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    q: str | None = None,
):
    rows, total = repo.page(tenant, page=page, per_page=per_page, search=q)
    response.headers["X-Total-Count"] = str(total)
    return rows


@app.get("/contacts/{contact_id}", response_model=ContactOut)
def get_contact(contact_id: int, tenant: Tenant, repo: Repo):
    return repo.get(tenant, contact_id)


@app.put("/contacts/{contact_id}", response_model=ContactOut)
def update_contact(contact_id: int, payload: ContactUpdate, tenant: Tenant, repo: Repo):
    changes = payload.model_dump(exclude={"version"})
    return repo.update(tenant, contact_id, payload.version, **changes)


@app.delete("/contacts/{contact_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_contact(contact_id: int, tenant: Tenant, repo: Repo, version: Annotated[int, Query(ge=1)]):
    repo.delete(tenant, contact_id, version)
