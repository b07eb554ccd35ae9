from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from .deps import Admin, Clock, Reader, StoreDep, Writer, get_current_user, membership
from .schemas import IssueIn, IssueOut, IssueUpdate, MemberIn, MemberOut, ProjectIn, ProjectOut, Token, UserOut
from .security import create_access_token, hash_password, verify_password
from .settings import Settings, get_settings
from .store import MANAGERS, Issue, Project, Role, Store, User


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    store = Store()
    for seed in settings.users:
        store.add_user(User(seed.username, hash_password(seed.password), list(seed.scopes)))
    app.state.store = store
    yield


app = FastAPI(title="tracker", lifespan=lifespan)


@app.post("/token", response_model=Token)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    store: StoreDep,
    settings: Annotated[Settings, Depends(get_settings)],
):
    user = store.users.get(form.username)
    if user is None or not verify_password(form.password, user.password_hash):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    requested = form.scopes or list(user.scopes)
    refused = [scope for scope in requested if scope not in user.scopes]
    if refused:
        raise HTTPException(status_code=400, detail=f"Scope not allowed: {' '.join(refused)}")
    return Token(access_token=create_access_token(user.username, requested, settings), scopes=requested)


@app.get("/users/me", response_model=UserOut)
def read_me(user: Annotated[User, Depends(get_current_user)]):
    return UserOut(username=user.username, scopes=user.scopes)


# ------------------------------------------------------------------------------------------------ projects


@app.post("/projects", response_model=ProjectOut, status_code=201)
def create_project(body: ProjectIn, user: Admin, store: StoreDep):
    if body.key in store.projects:
        raise HTTPException(status_code=409, detail=f"Project key {body.key} is taken")
    project = Project(key=body.key, name=body.name, members={user.username: Role.owner})
    store.projects[project.key] = project
    return ProjectOut(key=project.key, name=project.name, role=Role.owner)


@app.get("/projects", response_model=list[ProjectOut])
def list_projects(user: Reader, store: StoreDep):
    return [ProjectOut(key=p.key, name=p.name, role=p.members[user.username]) for p in store.projects_of(user.username)]


@app.get("/projects/{key}/members", response_model=list[MemberOut])
def list_members(key: str, user: Reader, store: StoreDep):
    project, _ = membership(store, key, user)
    return [MemberOut(username=name, role=role) for name, role in sorted(project.members.items())]


@app.put("/projects/{key}/members/{username}", response_model=MemberOut)
def set_member(key: str, username: str, body: MemberIn, user: Admin, store: StoreDep, response: Response):
    project, role = membership(store, key, user)
    if role is not Role.owner:
        raise HTTPException(status_code=403, detail="Only the project owner manages members")
    if username not in store.users:
        raise HTTPException(status_code=404, detail=f"User {username} not found")
    if username == user.username:
        raise HTTPException(status_code=409, detail="The owner cannot change their own role")
    if username not in project.members:
        response.status_code = 201
    project.members[username] = body.role
    return MemberOut(username=username, role=body.role)


# ------------------------------------------------------------------------------------------------ issues


def _issue(project: Project, number: int) -> Issue:
    issue = project.issues.get(number)
    if issue is None:
        raise HTTPException(status_code=404, detail=f"Issue {project.key}-{number} not found")
    return issue


@app.post("/projects/{key}/issues", response_model=IssueOut, status_code=201)
def create_issue(key: str, body: IssueIn, user: Writer, store: StoreDep):
    project, _ = membership(store, key, user)
    return store.add_issue(
        project, title=body.title, description=body.description, labels=body.labels, author=user.username
    )


@app.get("/projects/{key}/issues", response_model=list[IssueOut])
def list_issues(
    key: str,
    user: Reader,
    store: StoreDep,
    response: Response,
    settings: Annotated[Settings, Depends(get_settings)],
    label: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies query defaults
    state: Annotated[str | None, Query(pattern="^(open|closed)$")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
):
    project, _ = membership(store, key, user)
    if per_page > settings.max_per_page:
        raise HTTPException(status_code=422, detail=f"per_page must be at most {settings.max_per_page}")
    issues = store.find_issues(project, labels=[name.strip().lower() for name in label], state=state)
    response.headers["X-Total-Count"] = str(len(issues))
    start = (page - 1) * per_page
    return issues[start : start + per_page]


@app.get("/projects/{key}/issues/{number}", response_model=IssueOut)
def read_issue(key: str, number: int, user: Reader, store: StoreDep):
    project, _ = membership(store, key, user)
    return _issue(project, number)


@app.patch("/projects/{key}/issues/{number}", response_model=IssueOut)
def update_issue(key: str, number: int, body: IssueUpdate, user: Writer, store: StoreDep):
    project, role = membership(store, key, user)
    issue = _issue(project, number)
    if role not in MANAGERS and issue.author != user.username:
        raise HTTPException(status_code=403, detail="Reporters may only edit their own issues")
    changes = body.model_dump(exclude_unset=True)
    if changes.get("title", "") is None:
        raise HTTPException(status_code=422, detail="title cannot be null")
    if changes.get("labels", []) is None:
        changes["labels"] = []
    assignee = changes.get("assignee")
    if assignee is not None and assignee not in project.members:
        raise HTTPException(status_code=422, detail=f"{assignee} is not a member of {project.key}")
    for name, value in changes.items():
        setattr(issue, name, value)
    return issue


@app.post("/projects/{key}/issues/{number}/close", response_model=IssueOut)
def close_issue(key: str, number: int, user: Writer, store: StoreDep, now: Clock):
    project, role = membership(store, key, user)
    issue = _issue(project, number)
    if role not in MANAGERS:
        raise HTTPException(status_code=403, detail="Only maintainers close issues")
    if issue.state == "closed":
        raise HTTPException(status_code=409, detail="Issue is already closed")
    issue.state, issue.closed_at, issue.closed_by = "closed", now, user.username
    return issue


@app.post("/projects/{key}/issues/{number}/reopen", response_model=IssueOut)
def reopen_issue(
    key: str, number: int, user: Writer, store: StoreDep, now: Clock,
    settings: Annotated[Settings, Depends(get_settings)],
):
    project, role = membership(store, key, user)
    issue = _issue(project, number)
    if issue.state != "closed":
        raise HTTPException(status_code=409, detail="Issue is not closed")
    if role not in MANAGERS:
        if issue.author != user.username:
            raise HTTPException(status_code=403, detail="Reporters may only reopen their own issues")
        if now - issue.closed_at > timedelta(days=settings.reopen_window_days):
            raise HTTPException(status_code=403, detail="The reopen window has passed")
    issue.state, issue.closed_at, issue.closed_by = "open", None, None
    return issue
