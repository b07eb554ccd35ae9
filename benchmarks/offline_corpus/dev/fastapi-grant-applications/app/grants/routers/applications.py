from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..config import settings
from ..database import get_db
from ..models import OPEN_STATUSES, Application, User
from ..schemas import ApplicationCreate, ApplicationOut, ApplicationUpdate, Decision
from ..security import Applicant, CurrentUser, Reviewer

router = APIRouter(prefix="/applications", tags=["applications"])
DB = Annotated[Session, Depends(get_db)]


def visible_application(db: Session, user: User, application_id: int) -> Application:
    application = db.get(Application, application_id)
    if application is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Application not found")
    if user.role == "reviewer":
        if application.status == "draft":
            raise HTTPException(status.HTTP_404_NOT_FOUND, "Application not found")
    elif application.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Application not found")
    return application


def own_application(db: Session, user: User, application_id: int) -> Application:
    application = visible_application(db, user, application_id)
    if application.owner_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only the applicant can do this")
    return application


@router.post("", response_model=ApplicationOut, status_code=status.HTTP_201_CREATED)
def create_application(payload: ApplicationCreate, user: Applicant, db: DB):
    open_count = db.scalar(
        select(func.count())
        .select_from(Application)
        .where(Application.owner_id == user.id, Application.status.in_(OPEN_STATUSES))
    )
    if open_count >= settings.open_application_quota:
        raise HTTPException(
            status.HTTP_409_CONFLICT, f"At most {settings.open_application_quota} open applications per applicant"
        )
    application = Application(owner_id=user.id, title=payload.title, amount=payload.amount, status="draft")
    db.add(application)
    db.commit()
    db.refresh(application)
    return application


@router.get("", response_model=list[ApplicationOut])
def list_applications(user: CurrentUser, db: DB, status_filter: Annotated[str | None, Query(alias="status")] = None):
    query = select(Application).order_by(Application.id)
    if user.role == "reviewer":
        query = query.where(Application.status != "draft")
    else:
        query = query.where(Application.owner_id == user.id)
    if status_filter:
        query = query.where(Application.status == status_filter)
    return db.scalars(query).all()


@router.get("/{application_id}", response_model=ApplicationOut)
def get_application(application_id: int, user: CurrentUser, db: DB):
    return visible_application(db, user, application_id)


@router.patch("/{application_id}", response_model=ApplicationOut)
def update_application(application_id: int, payload: ApplicationUpdate, user: Applicant, db: DB):
    application = own_application(db, user, application_id)
    if application.status != "draft":
        raise HTTPException(status.HTTP_409_CONFLICT, "Only drafts can be edited")
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(application, field, value)
    db.commit()
    db.refresh(application)
    return application


@router.post("/{application_id}/submit", response_model=ApplicationOut)
def submit_application(application_id: int, user: Applicant, db: DB):
    application = own_application(db, user, application_id)
    if application.status != "draft":
        raise HTTPException(status.HTTP_409_CONFLICT, f"A {application.status} application cannot be submitted")
    application.status = "submitted"
    db.commit()
    db.refresh(application)
    return application


@router.post("/{application_id}/withdraw", response_model=ApplicationOut)
def withdraw_application(application_id: int, user: Applicant, db: DB):
    application = own_application(db, user, application_id)
    if application.status not in OPEN_STATUSES:
        raise HTTPException(status.HTTP_409_CONFLICT, f"A {application.status} application cannot be withdrawn")
    application.status = "withdrawn"
    db.commit()
    db.refresh(application)
    return application


@router.post("/{application_id}/decision", response_model=ApplicationOut)
def decide(application_id: int, payload: Decision, user: Reviewer, db: DB):
    application = visible_application(db, user, application_id)
    if application.status != "submitted":
        raise HTTPException(status.HTTP_409_CONFLICT, "Only submitted applications can be decided")
    application.status = "approved" if payload.decision == "approve" else "rejected"
    application.reviewer_id = user.id
    application.note = payload.note
    db.commit()
    db.refresh(application)
    return application
