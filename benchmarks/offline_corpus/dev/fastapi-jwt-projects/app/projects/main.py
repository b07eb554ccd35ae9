from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from projects.clock import as_utc, get_now
from projects.config import Settings, get_settings
from projects.database import Base, engine, get_db
from projects.models import Membership, Project, Task, User
from projects.schemas import (
    MemberAdd,
    MemberOut,
    MemberUpdate,
    ProjectCreate,
    ProjectOut,
    TaskCreate,
    TaskOut,
    TaskUpdate,
    Token,
    UserCreate,
    UserOut,
)
from projects.security import CurrentUser, create_access_token, hash_password, verify_password


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title="Projects", lifespan=lifespan)

DB = Annotated[Session, Depends(get_db)]
Now = Annotated[datetime, Depends(get_now)]
AppSettings = Annotated[Settings, Depends(get_settings)]

WRITE_ROLES = {"owner", "member"}


# --- accounts -------------------------------------------------------------------------------------------------


@app.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def sign_up(body: UserCreate, db: DB):
    if db.scalar(select(User).where(User.username == body.username)) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Username is taken")
    user = User(username=body.username, password_hash=hash_password(body.password))
    db.add(user)
    db.commit()
    return UserOut(id=user.id, username=user.username)


@app.post("/token", response_model=Token)
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], db: DB, now: Now, settings: AppSettings):
    user = db.scalar(select(User).where(User.username == form.username))
    if user is None or not verify_password(form.password, user.password_hash):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Incorrect username or password", headers={"WWW-Authenticate": "Bearer"}
        )
    return Token(access_token=create_access_token(user.username, now, settings))


@app.get("/users/me", response_model=UserOut)
def me(user: CurrentUser):
    return UserOut(id=user.id, username=user.username)


# --- helpers --------------------------------------------------------------------------------------------------


def membership_for(db: Session, project_id: int, user: User) -> Membership:
    """The caller's membership; projects they are not in do not exist for them."""
    membership = db.scalar(
        select(Membership).where(Membership.project_id == project_id, Membership.user_id == user.id)
    )
    if membership is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Project not found")
    return membership


def require_role(membership: Membership, allowed: set[str]) -> None:
    if membership.role not in allowed:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Your role does not allow this")


def owner_count(db: Session, project_id: int) -> int:
    return db.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.project_id == project_id, Membership.role == "owner"
        )
    )


def member_by_username(db: Session, project_id: int, username: str) -> Membership:
    membership = db.scalar(
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.project_id == project_id, User.username == username)
    )
    if membership is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Member not found")
    return membership


def task_in_project(db: Session, project_id: int, task_id: int) -> Task:
    task = db.scalar(select(Task).where(Task.id == task_id, Task.project_id == project_id))
    if task is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Task not found")
    return task


def task_out(task: Task) -> TaskOut:
    return TaskOut(id=task.id, title=task.title, done=task.done, deleted=task.deleted_at is not None)


# --- projects and members -------------------------------------------------------------------------------------


@app.post("/projects", response_model=ProjectOut, status_code=status.HTTP_201_CREATED)
def create_project(body: ProjectCreate, user: CurrentUser, db: DB, now: Now):
    project = Project(name=body.name, created_at=now)
    db.add(project)
    db.flush()
    db.add(Membership(project_id=project.id, user_id=user.id, role="owner"))
    db.commit()
    return ProjectOut(id=project.id, name=project.name, role="owner")


@app.get("/projects", response_model=list[ProjectOut])
def list_projects(user: CurrentUser, db: DB):
    rows = db.execute(
        select(Project, Membership.role)
        .join(Membership, Membership.project_id == Project.id)
        .where(Membership.user_id == user.id)
        .order_by(Project.id)
    )
    return [ProjectOut(id=project.id, name=project.name, role=role) for project, role in rows]


@app.get("/projects/{project_id}", response_model=ProjectOut)
def read_project(project_id: int, user: CurrentUser, db: DB):
    membership = membership_for(db, project_id, user)
    project = db.get(Project, project_id)
    return ProjectOut(id=project.id, name=project.name, role=membership.role)


@app.get("/projects/{project_id}/members", response_model=list[MemberOut])
def list_members(project_id: int, user: CurrentUser, db: DB):
    membership_for(db, project_id, user)
    rows = db.execute(
        select(User.username, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project_id)
        .order_by(User.username)
    )
    return [MemberOut(username=username, role=role) for username, role in rows]


@app.post("/projects/{project_id}/members", response_model=MemberOut, status_code=status.HTTP_201_CREATED)
def invite(project_id: int, body: MemberAdd, user: CurrentUser, db: DB):
    require_role(membership_for(db, project_id, user), {"owner"})
    invitee = db.scalar(select(User).where(User.username == body.username))
    if invitee is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such user")
    existing = db.scalar(
        select(Membership).where(Membership.project_id == project_id, Membership.user_id == invitee.id)
    )
    if existing is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Already a member")
    db.add(Membership(project_id=project_id, user_id=invitee.id, role=body.role))
    db.commit()
    return MemberOut(username=invitee.username, role=body.role)


@app.patch("/projects/{project_id}/members/{username}", response_model=MemberOut)
def change_role(project_id: int, username: str, body: MemberUpdate, user: CurrentUser, db: DB):
    require_role(membership_for(db, project_id, user), {"owner"})
    target = member_by_username(db, project_id, username)
    if target.role == "owner" and body.role != "owner" and owner_count(db, project_id) == 1:
        raise HTTPException(status.HTTP_409_CONFLICT, "A project needs at least one owner")
    target.role = body.role
    db.commit()
    return MemberOut(username=username, role=target.role)


@app.delete("/projects/{project_id}/members/{username}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(project_id: int, username: str, user: CurrentUser, db: DB):
    require_role(membership_for(db, project_id, user), {"owner"})
    target = member_by_username(db, project_id, username)
    if target.role == "owner" and owner_count(db, project_id) == 1:
        raise HTTPException(status.HTTP_409_CONFLICT, "A project needs at least one owner")
    db.delete(target)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- tasks ----------------------------------------------------------------------------------------------------


@app.get("/projects/{project_id}/tasks", response_model=list[TaskOut])
def list_tasks(project_id: int, user: CurrentUser, db: DB):
    membership_for(db, project_id, user)
    tasks = db.scalars(
        select(Task).where(Task.project_id == project_id, Task.deleted_at.is_(None)).order_by(Task.id)
    )
    return [task_out(task) for task in tasks]


@app.get("/projects/{project_id}/trash", response_model=list[TaskOut])
def list_trash(project_id: int, user: CurrentUser, db: DB):
    membership_for(db, project_id, user)
    tasks = db.scalars(
        select(Task).where(Task.project_id == project_id, Task.deleted_at.is_not(None)).order_by(Task.id)
    )
    return [task_out(task) for task in tasks]


@app.post("/projects/{project_id}/tasks", response_model=TaskOut, status_code=status.HTTP_201_CREATED)
def add_task(project_id: int, body: TaskCreate, user: CurrentUser, db: DB):
    require_role(membership_for(db, project_id, user), WRITE_ROLES)
    task = Task(project_id=project_id, title=body.title, created_by=user.id)
    db.add(task)
    db.commit()
    return task_out(task)


@app.get("/projects/{project_id}/tasks/{task_id}", response_model=TaskOut)
def read_task(project_id: int, task_id: int, user: CurrentUser, db: DB):
    membership_for(db, project_id, user)
    task = task_in_project(db, project_id, task_id)
    if task.deleted_at is not None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Task not found")
    return task_out(task)


@app.patch("/projects/{project_id}/tasks/{task_id}", response_model=TaskOut)
def update_task(project_id: int, task_id: int, body: TaskUpdate, user: CurrentUser, db: DB):
    require_role(membership_for(db, project_id, user), WRITE_ROLES)
    task = task_in_project(db, project_id, task_id)
    if task.deleted_at is not None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Task not found")
    if body.title is not None:
        task.title = body.title
    if body.done is not None:
        task.done = body.done
    db.commit()
    return task_out(task)


@app.delete("/projects/{project_id}/tasks/{task_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_task(project_id: int, task_id: int, user: CurrentUser, db: DB, now: Now):
    require_role(membership_for(db, project_id, user), WRITE_ROLES)
    task = task_in_project(db, project_id, task_id)
    if task.deleted_at is None:
        task.deleted_at = now
        db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.post("/projects/{project_id}/tasks/{task_id}/restore", response_model=TaskOut)
def restore_task(project_id: int, task_id: int, user: CurrentUser, db: DB, now: Now, settings: AppSettings):
    require_role(membership_for(db, project_id, user), WRITE_ROLES)
    task = task_in_project(db, project_id, task_id)
    if task.deleted_at is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Task is not deleted")
    if now - as_utc(task.deleted_at) > timedelta(days=settings.trash_retention_days):
        raise HTTPException(status.HTTP_410_GONE, "Task was deleted too long ago to restore")
    task.deleted_at = None
    db.commit()
    return task_out(task)
