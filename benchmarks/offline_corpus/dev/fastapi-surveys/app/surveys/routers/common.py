from typing import Annotated

from fastapi import HTTPException, Query, status
from sqlalchemy.orm import Session

from ..models import Question, Survey, User

Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0)]


def load_survey(db: Session, survey_id: int) -> Survey:
    survey = db.get(Survey, survey_id)
    if survey is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Survey not found")
    return survey


def owned_survey(db: Session, survey_id: int, user: User) -> Survey:
    survey = load_survey(db, survey_id)
    if survey.owner_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only the survey's owner may do this")
    return survey


def load_question(db: Session, survey: Survey, question_id: int) -> Question:
    question = db.get(Question, question_id)
    if question is None or question.survey_id != survey.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Question not found")
    return question
