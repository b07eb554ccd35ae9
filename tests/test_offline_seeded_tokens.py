"""The offline engine on a FastAPI app whose users its settings list, written here.

`Settings.members: list[Member]` (each a name, a token and `is_admin: bool = False`, read from `HANGAR_MEMBERS`
as JSON) is made into rows at start-up, the tokens stored only hashed. The tests set two members and two admins in
that setting and send their tokens. Grounding a plane is its pilot's or an admin's: a plain member who is not the
pilot is refused, but the pilot is let through, so "needs the admin role" is no rule there and no finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

HANGAR_APP = '''
import hashlib
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Member(BaseModel):
    name: str
    token: str
    is_admin: bool = False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HANGAR_")

    database_url: str = "sqlite:///hangar.db"
    members: list[Member] = []


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    admin: Mapped[bool] = mapped_column(default=False)


class Plane(Base):
    __tablename__ = "plane"
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot: Mapped[str] = mapped_column(ForeignKey("person.name"))
    tail: Mapped[str] = mapped_column(String(10))
    grounded: Mapped[bool] = mapped_column(default=False)


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


@asynccontextmanager
async def lifespan(app):
    settings = Settings()
    engine = create_engine(settings.database_url, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    with app.state.sessions() as db:
        for member in settings.members:
            db.merge(Person(name=member.name, digest=digest(member.token), admin=member.is_admin))
        db.commit()
    yield
    engine.dispose()


app = FastAPI(lifespan=lifespan)


def get_db():
    with app.state.sessions() as db:
        yield db


DB = Annotated[Session, Depends(get_db)]


def caller(db: DB, authorization: Annotated[str, Header()] = "") -> Person:
    person = db.scalar(select(Person).where(Person.digest == digest(authorization.removeprefix("Bearer "))))
    if person is None:
        raise HTTPException(401, "unknown token")
    return person


Caller = Annotated[Person, Depends(caller)]


class PlaneIn(BaseModel):
    tail: str = Field(min_length=3, max_length=10)


def plane_json(plane):
    return {"id": plane.id, "pilot": plane.pilot, "tail": plane.tail, "grounded": plane.grounded}


@app.post("/planes", status_code=201)
def add_plane(body: PlaneIn, me: Caller, db: DB):
    plane = Plane(pilot=me.name, tail=body.tail.upper())
    db.add(plane)
    db.commit()
    return plane_json(plane)


@app.get("/planes/{plane_id}")
def read_plane(plane_id: int, me: Caller, db: DB):
    plane = db.get(Plane, plane_id)
    if plane is None:
        raise HTTPException(404, "no such plane")
    return plane_json(plane)


@app.post("/planes/{plane_id}/ground")
def ground(plane_id: int, me: Caller, db: DB):
    plane = db.get(Plane, plane_id)
    if plane is None:
        raise HTTPException(404, "no such plane")
    if plane.pilot != me.name and not me.admin:
        raise HTTPException(403, "only its pilot or an admin grounds a plane")
    plane.grounded = True
    db.commit()
    return plane_json(plane)


@app.delete("/planes/{plane_id}", status_code=204)
def scrap(plane_id: int, me: Caller, db: DB):
    if not me.admin:
        raise HTTPException(403, "admins only")
    plane = db.get(Plane, plane_id)
    if plane is None:
        raise HTTPException(404, "no such plane")
    db.delete(plane)
    db.commit()
'''


@pytest.fixture(scope="module")
def hangar(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("hangar"), {"hangar/__init__.py": "", "hangar/main.py": HANGAR_APP})
    return repo, *run(repo, "add tests for the hangar API: adding planes, grounding them, admins scrapping them")


def test_members_listed_in_the_settings_send_their_tokens(hangar: tuple[Path, str, str, list[str]]) -> None:
    """Two members and two admins are set in `HANGAR_MEMBERS`; scrapping is forbidden to a member, and grounding,
    which a plane's own pilot may do, gets no "needs the admin role" rule (no finding on correct code)."""
    repo, path, text, findings = hangar
    assert findings == []
    assert '\\"token\\": \\"test-token-admin1\\", \\"is_admin\\": true' in text
    assert "def test_delete_plane_by_id_is_forbidden_without_the_admin_role(" in text
    assert "test_post_planes_ground_is_forbidden_without_the_admin_role" not in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ("    if not me.admin:\n", "    if False:\n"),
    ("min_length=3", "min_length=2"),
])
def test_the_hangar_tests_catch_a_seeded_bug(hangar: tuple[Path, str, str, list[str]], tmp_path: Path, before: str,
                                            after: str) -> None:
    assert run_on_a_bug(hangar, "hangar/main.py", before, after, tmp_path).returncode == 1, hangar[2]


TENANT_SETTINGS = '''
class Settings(BaseSettings):
    api_keys: str = ""  # "key:tenant,key:tenant"

    def key_map(self):
        pairs = (item.split(":", 1) for item in self.api_keys.split(",") if ":" in item)
        return {key.strip(): tenant.strip() for key, tenant in pairs if key.strip()}
'''


def test_a_settings_method_splitting_its_own_field_splits_the_whole_setting_first() -> None:
    """`self.api_keys.split(",")` is the outer split even when the inner one (`item.split(":", 1)`) is written first:
    two keys, each beside its own tenant."""
    import ast

    from agent.offline.sandbox.construct import split_keys

    made = split_keys(ast.parse(TENANT_SETTINGS), "key_map", "api_keys")
    assert made is not None
    assert made["value"] == "test-key-1:user-1,test-key-2:user-2"
    assert made["keys"] == ["test-key-1", "test-key-2"]
