from decimal import ROUND_HALF_UP, Decimal

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select

from ..models import Answer, Response, Survey
from ..schemas import OptionResult, QuestionResult, ResponseCreate, ResponseOut, Results
from ..security import DB, ClockDep, CurrentUser, utc_naive
from .common import load_survey, owned_survey

router = APIRouter(prefix="/surveys/{survey_id}", tags=["responses"])


def percent(count: int, total: int) -> int:
    if total == 0:
        return 0
    return int((Decimal(count) * 100 / Decimal(total)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def check_answers(survey: Survey, body: ResponseCreate) -> list[Answer]:
    questions = {question.id: question for question in survey.questions}
    answers: list[Answer] = []
    seen: set[int] = set()
    for item in body.answers:
        question = questions.get(item.question_id)
        if question is None:
            raise HTTPException(422, f"Question {item.question_id} is not in this survey")
        if item.question_id in seen:
            raise HTTPException(422, f"Question {item.question_id} answered twice")
        seen.add(item.question_id)
        if question.kind == "choice":
            option_ids = {option.id for option in question.options}
            if item.option_id not in option_ids or item.text is not None:
                raise HTTPException(
                    422, f"Question {question.id} needs one of its option ids"
                )
            answers.append(Answer(question_id=question.id, option_id=item.option_id))
        else:
            text = (item.text or "").strip()
            if not text or item.option_id is not None:
                raise HTTPException(422, f"Question {question.id} needs a text answer")
            answers.append(Answer(question_id=question.id, text=text))
    missing = sorted(set(questions) - seen)
    if missing:
        raise HTTPException(422, f"Unanswered questions: {missing}")
    return answers


@router.post("/responses", response_model=ResponseOut, status_code=status.HTTP_201_CREATED)
def answer_survey(survey_id: int, body: ResponseCreate, user: CurrentUser, db: DB, clock: ClockDep) -> ResponseOut:
    survey = load_survey(db, survey_id)
    now = utc_naive(clock())
    if now >= survey.closes_at:
        raise HTTPException(status.HTTP_409_CONFLICT, "This survey is closed")
    if not survey.questions:
        raise HTTPException(status.HTTP_409_CONFLICT, "This survey has no questions yet")
    already = db.scalar(select(Response).where(Response.survey_id == survey.id, Response.user_id == user.id))
    if already is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "You have already answered this survey")
    response = Response(survey_id=survey.id, user_id=user.id, submitted_at=now)
    response.answers = check_answers(survey, body)
    db.add(response)
    db.commit()
    return ResponseOut(id=response.id, survey_id=survey.id, submitted_at=response.submitted_at)


@router.get("/results", response_model=Results)
def results(survey_id: int, user: CurrentUser, db: DB) -> Results:
    survey = owned_survey(db, survey_id, user)
    responses = survey.responses
    total = len(responses)
    answers = [answer for response in responses for answer in response.answers]
    out: list[QuestionResult] = []
    for question in survey.questions:
        mine = [answer for answer in answers if answer.question_id == question.id]
        if question.kind == "choice":
            options = []
            for option in question.options:
                count = sum(1 for answer in mine if answer.option_id == option.id)
                options.append(
                    OptionResult(option_id=option.id, label=option.label, count=count, percent=percent(count, total))
                )
            out.append(QuestionResult(question_id=question.id, text=question.text, kind=question.kind, options=options))
        else:
            texts = [answer.text for answer in mine if answer.text]
            out.append(QuestionResult(question_id=question.id, text=question.text, kind=question.kind, texts=texts))
    return Results(survey_id=survey.id, responses=total, questions=out)
