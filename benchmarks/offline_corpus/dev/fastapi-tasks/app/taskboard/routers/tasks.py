from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from ..dependencies import Tasks
from ..repository import Task
from ..schemas import TaskCreate, TaskPage, TaskRead, TaskUpdate
from ..security import CurrentUser

MAX_PAGE_SIZE = 100

router = APIRouter(prefix="/tasks", tags=["tasks"])


def get_owned_task(task_id: int, user: CurrentUser, tasks: Tasks) -> Task:
    task = tasks.get(task_id)
    # Someone else's task answers like a missing one: ids must not reveal what other users have.
    if task is None or task.owner != user.username:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Task not found")
    return task


OwnedTask = Annotated[Task, Depends(get_owned_task)]


@router.post("/", response_model=TaskRead, status_code=status.HTTP_201_CREATED)
def create_task(payload: TaskCreate, user: CurrentUser, tasks: Tasks):
    return tasks.add(user.username, **payload.model_dump())


@router.get("/", response_model=TaskPage)
def list_tasks(
    user: CurrentUser,
    tasks: Tasks,
    done: bool | None = None,
    min_priority: Annotated[int | None, Query(ge=1, le=5)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    matching = tasks.list(user.username, done=done, min_priority=min_priority)
    return TaskPage(items=matching[offset : offset + limit], total=len(matching), limit=limit, offset=offset)


@router.get("/{task_id}", response_model=TaskRead)
def read_task(task: OwnedTask):
    return task


@router.patch("/{task_id}", response_model=TaskRead)
def update_task(payload: TaskUpdate, task: OwnedTask, tasks: Tasks):
    changes = payload.model_dump(exclude_unset=True)
    if "done" in changes and changes["done"] != task.done:
        changes["completed_at"] = datetime.now(timezone.utc) if changes["done"] else None
    return tasks.update(task.id, **changes)


@router.delete("/{task_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_task(task: OwnedTask, tasks: Tasks):
    tasks.delete(task.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
