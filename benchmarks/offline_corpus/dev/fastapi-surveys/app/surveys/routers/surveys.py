from fastapi import APIRouter, HTTPException, Response, status
from sqlalchemy import func, select

from ..models import Option, Question, Survey, User
from ..schemas import OptionOut, QuestionCreate, QuestionOut, SurveyCreate, SurveyOut
from ..security import DB, ClockDep, CurrentUser, utc_naive
from .common import Limit, Offset, load_question, load_survey, owned_survey

router = APIRouter(prefix="/surveys", tags=["surveys"])


def survey_out(survey: Survey, owner: str, now) -> SurveyOut:
    return SurveyOut(
        id=survey.id,
        owner=owner,
        title=survey.title,
        description=survey.description,
        closes_at=survey.closes_at,
        is_open=utc_naive(now) < survey.closes_at,
        question_count=len(survey.questions),
    )


def question_out(question: Question) -> QuestionOut:
    return QuestionOut(
        id=question.id,
        survey_id=question.survey_id,
        position=question.position,
        text=question.text,
        kind=question.kind,
        options=[OptionOut(id=option.id, label=option.label) for option in question.options],
    )


@router.post("", response_model=SurveyOut, status_code=status.HTTP_201_CREATED)
def create_survey(body: SurveyCreate, user: CurrentUser, db: DB, clock: ClockDep) -> SurveyOut:
    now = utc_naive(clock())
    closes_at = utc_naive(body.closes_at)
    if closes_at <= now:
        raise HTTPException(422, "closes_at must be in the future")
    survey = Survey(
        owner_id=user.id,
        title=body.title.strip(),
        description=body.description,
        closes_at=closes_at,
        created_at=now,
    )
    db.add(survey)
    db.commit()
    return survey_out(survey, user.username, now)


@router.get("", response_model=list[SurveyOut])
def list_surveys(
    response: Response,
    user: CurrentUser,
    db: DB,
    clock: ClockDep,
    limit: Limit = 20,
    offset: Offset = 0,
    mine: bool = False,
) -> list[SurveyOut]:
    query = select(Survey, User.username).join(User, Survey.owner_id == User.id)
    count = select(func.count(Survey.id))
    if mine:
        query = query.where(Survey.owner_id == user.id)
        count = count.where(Survey.owner_id == user.id)
    rows = db.execute(query.order_by(Survey.id).limit(limit).offset(offset)).all()
    response.headers["X-Total-Count"] = str(db.scalar(count))
    now = clock()
    return [survey_out(survey, owner, now) for survey, owner in rows]


@router.get("/{survey_id}", response_model=SurveyOut)
def get_survey(survey_id: int, user: CurrentUser, db: DB, clock: ClockDep) -> SurveyOut:
    survey = load_survey(db, survey_id)
    owner = db.get(User, survey.owner_id)
    return survey_out(survey, owner.username, clock())


@router.delete("/{survey_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_survey(survey_id: int, user: CurrentUser, db: DB) -> Response:
    survey = owned_survey(db, survey_id, user)
    db.delete(survey)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{survey_id}/questions", response_model=QuestionOut, status_code=status.HTTP_201_CREATED)
def add_question(survey_id: int, body: QuestionCreate, user: CurrentUser, db: DB) -> QuestionOut:
    survey = owned_survey(db, survey_id, user)
    if survey.responses:
        raise HTTPException(status.HTTP_409_CONFLICT, "Questions cannot be added once answers have come in")
    question = Question(survey=survey, position=len(survey.questions) + 1, text=body.text.strip(), kind=body.kind)
    question.options = [Option(position=i, label=label) for i, label in enumerate(body.options, start=1)]
    db.add(question)
    db.commit()
    return question_out(question)


@router.get("/{survey_id}/questions", response_model=list[QuestionOut])
def list_questions(
    survey_id: int,
    response: Response,
    user: CurrentUser,
    db: DB,
    limit: Limit = 20,
    offset: Offset = 0,
) -> list[QuestionOut]:
    survey = load_survey(db, survey_id)
    total = db.scalar(select(func.count(Question.id)).where(Question.survey_id == survey.id))
    questions = db.scalars(
        select(Question).where(Question.survey_id == survey.id).order_by(Question.position).limit(limit).offset(offset)
    ).all()
    response.headers["X-Total-Count"] = str(total)
    return [question_out(question) for question in questions]


@router.get("/{survey_id}/questions/{question_id}", response_model=QuestionOut)
def get_question(survey_id: int, question_id: int, user: CurrentUser, db: DB) -> QuestionOut:
    survey = load_survey(db, survey_id)
    return question_out(load_question(db, survey, question_id))


@router.delete("/{survey_id}/questions/{question_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_question(survey_id: int, question_id: int, user: CurrentUser, db: DB) -> Response:
    survey = owned_survey(db, survey_id, user)
    question = load_question(db, survey, question_id)
    if survey.responses:
        raise HTTPException(status.HTTP_409_CONFLICT, "Questions cannot be removed once answers have come in")
    survey.questions.remove(question)
    for position, remaining in enumerate(survey.questions, start=1):
        remaining.position = position
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
