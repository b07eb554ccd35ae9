from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MIN_OPTIONS = 2
MAX_OPTIONS = 6


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=30, pattern=r"^[A-Za-z0-9_.-]+$")
    password: str = Field(min_length=8, max_length=128)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class SurveyCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    closes_at: datetime


class SurveyOut(BaseModel):
    id: int
    owner: str
    title: str
    description: str
    closes_at: datetime
    is_open: bool
    question_count: int


class QuestionCreate(BaseModel):
    text: str = Field(min_length=1, max_length=500)
    kind: Literal["choice", "text"]
    options: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def check_options(self) -> "QuestionCreate":
        labels = [label.strip() for label in self.options]
        if self.kind == "choice":
            if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
                raise ValueError(f"a choice question needs {MIN_OPTIONS} to {MAX_OPTIONS} options")
            if any(not label for label in labels):
                raise ValueError("options must not be blank")
            if len({label.lower() for label in labels}) != len(labels):
                raise ValueError("options must be distinct")
        elif labels:
            raise ValueError("a text question takes no options")
        self.options = labels
        return self


class OptionOut(BaseModel):
    id: int
    label: str


class QuestionOut(BaseModel):
    id: int
    survey_id: int
    position: int
    text: str
    kind: str
    options: list[OptionOut]


class AnswerIn(BaseModel):
    question_id: int
    option_id: int | None = None
    text: str | None = Field(default=None, max_length=2000)


class ResponseCreate(BaseModel):
    answers: list[AnswerIn]


class ResponseOut(BaseModel):
    id: int
    survey_id: int
    submitted_at: datetime


class OptionResult(BaseModel):
    option_id: int
    label: str
    count: int
    percent: int


class QuestionResult(BaseModel):
    question_id: int
    text: str
    kind: str
    options: list[OptionResult] | None = None
    texts: list[str] | None = None


class Results(BaseModel):
    survey_id: int
    responses: int
    questions: list[QuestionResult]
