from pydantic import BaseModel, Field

PASS_MARK = 50


class StudentIn(BaseModel):
    given_name: str = Field(min_length=1, max_length=60)
    surname: str = Field(min_length=1, max_length=60)


class UserOut(BaseModel):
    id: int
    given_name: str
    surname: str
    role: str


class StudentCreated(UserOut):
    api_key: str


class CourseIn(BaseModel):
    code: str = Field(min_length=2, max_length=20, pattern=r"^[A-Z]+[0-9]+$")
    title: str = Field(min_length=1, max_length=200)
    credits: int = Field(ge=1, le=10)
    capacity: int = Field(ge=1, le=500)
    prerequisites: list[str] = []


class CourseOut(BaseModel):
    code: str
    title: str
    credits: int
    capacity: int
    enrolled: int
    seats_left: int
    instructor: str
    prerequisites: list[str]


class EnrolmentOut(BaseModel):
    course: str
    student_id: int
    grade: int | None


class GradeIn(BaseModel):
    grade: int = Field(ge=0, le=100)


class RosterEntry(BaseModel):
    student_id: int
    given_name: str
    surname: str
    grade: int | None


class TranscriptLine(BaseModel):
    code: str
    title: str
    credits: int
    grade: int | None


class Transcript(BaseModel):
    student_id: int
    courses: list[TranscriptLine]
    credits_earned: int
    average: float | None
