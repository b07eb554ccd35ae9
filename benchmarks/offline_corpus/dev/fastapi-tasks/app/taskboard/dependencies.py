from typing import Annotated

from fastapi import Depends

from .repository import TaskRepository, TokenRepository, UserRepository

_users = UserRepository()
_tokens = TokenRepository()
_tasks = TaskRepository()


def get_user_repository() -> UserRepository:
    return _users


def get_token_repository() -> TokenRepository:
    return _tokens


def get_task_repository() -> TaskRepository:
    return _tasks


Users = Annotated[UserRepository, Depends(get_user_repository)]
Tokens = Annotated[TokenRepository, Depends(get_token_repository)]
Tasks = Annotated[TaskRepository, Depends(get_task_repository)]
