import os
import secrets
from contextlib import asynccontextmanager
from decimal import ROUND_HALF_UP, Decimal

from fastapi import Depends, FastAPI, HTTPException, Response, status
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from .auth import get_current_user, require_instructor, require_student
from .db import engine, get_session
from .models import INSTRUCTOR, STUDENT, Base, Course, Enrolment, User, course_prerequisites
from .schemas import (
    PASS_MARK,
    CourseIn,
    CourseOut,
    EnrolmentOut,
    GradeIn,
    RosterEntry,
    StudentCreated,
    StudentIn,
    Transcript,
    TranscriptLine,
    UserOut,
)


def parse_instructors(value: str) -> list[tuple[str, str, str]]:
    """`"Grace Hopper:key-1,Alan Turing:key-2"` -> [(given name, surname, key), ...]."""
    instructors = []
    for entry in value.split(","):
        entry = entry.strip()
        if not entry:
            continue
        name, _, key = entry.rpartition(":")
        given_name, _, surname = name.strip().rpartition(" ")
        if not key.strip() or not surname:
            raise RuntimeError(f"COURSES_INSTRUCTORS: cannot read {entry!r} (expected 'Given Surname:key')")
        instructors.append((given_name, surname, key.strip()))
    return instructors


async def seed_instructors(session: AsyncSession) -> None:
    for given_name, surname, key in parse_instructors(os.environ.get("COURSES_INSTRUCTORS", "")):
        if await session.scalar(select(User.id).where(User.api_key == key)) is None:
            session.add(User(given_name=given_name, surname=surname, role=INSTRUCTOR, api_key=key))
    await session.commit()


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await seed_instructors(session)
    yield
    await engine.dispose()


app = FastAPI(title="Courses", lifespan=lifespan)


# ------------------------------------------------------------------------------------------------ helpers


async def get_course_or_404(session: AsyncSession, code: str) -> Course:
    course = await session.scalar(select(Course).where(Course.code == code))
    if course is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no course {code}")
    return course


async def enrolled_count(session: AsyncSession, course: Course) -> int:
    return await session.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.course_id == course.id))


async def prerequisites_of(session: AsyncSession, course: Course) -> list[Course]:
    rows = await session.scalars(
        select(Course)
        .join(course_prerequisites, course_prerequisites.c.prerequisite_id == Course.id)
        .where(course_prerequisites.c.course_id == course.id)
        .order_by(Course.code)
    )
    return list(rows)


async def course_out(session: AsyncSession, course: Course) -> CourseOut:
    instructor = await session.get(User, course.instructor_id)
    enrolled = await enrolled_count(session, course)
    return CourseOut(
        code=course.code,
        title=course.title,
        credits=course.credits,
        capacity=course.capacity,
        enrolled=enrolled,
        seats_left=max(course.capacity - enrolled, 0),
        instructor=f"{instructor.given_name} {instructor.surname}",
        prerequisites=[p.code for p in await prerequisites_of(session, course)],
    )


async def get_enrolment(session: AsyncSession, student_id: int, course: Course) -> Enrolment | None:
    return await session.scalar(
        select(Enrolment).where(Enrolment.student_id == student_id, Enrolment.course_id == course.id)
    )


def weighted_average(lines: list[TranscriptLine]) -> float | None:
    graded = [line for line in lines if line.grade is not None]
    credits = sum(line.credits for line in graded)
    if not credits:
        return None
    total = sum(Decimal(line.grade) * line.credits for line in graded)
    return float((total / credits).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# ------------------------------------------------------------------------------------------------ users


@app.post("/students", response_model=StudentCreated, status_code=status.HTTP_201_CREATED)
async def sign_up(body: StudentIn, session: AsyncSession = Depends(get_session)):
    student = User(
        given_name=body.given_name.strip(),
        surname=body.surname.strip(),
        role=STUDENT,
        api_key=secrets.token_urlsafe(24),
    )
    session.add(student)
    await session.commit()
    return StudentCreated(
        id=student.id, given_name=student.given_name, surname=student.surname, role=student.role,
        api_key=student.api_key,
    )


@app.get("/me", response_model=UserOut)
async def me(user: User = Depends(get_current_user)):
    return UserOut(id=user.id, given_name=user.given_name, surname=user.surname, role=user.role)


# ------------------------------------------------------------------------------------------------ courses


@app.post("/courses", response_model=CourseOut, status_code=status.HTTP_201_CREATED)
async def create_course(
    body: CourseIn,
    instructor: User = Depends(require_instructor),
    session: AsyncSession = Depends(get_session),
):
    if await session.scalar(select(Course.id).where(Course.code == body.code)) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"course {body.code} already exists")
    prerequisites = []
    for code in dict.fromkeys(body.prerequisites):
        prerequisite = await session.scalar(select(Course).where(Course.code == code))
        if prerequisite is None:
            raise HTTPException(422, f"unknown prerequisite {code}")
        prerequisites.append(prerequisite)
    course = Course(
        code=body.code, title=body.title, credits=body.credits, capacity=body.capacity,
        instructor_id=instructor.id,
    )
    session.add(course)
    await session.flush()
    if prerequisites:
        await session.execute(
            insert(course_prerequisites),
            [{"course_id": course.id, "prerequisite_id": p.id} for p in prerequisites],
        )
    await session.commit()
    return await course_out(session, course)


@app.get("/courses", response_model=list[CourseOut])
async def list_courses(session: AsyncSession = Depends(get_session)):
    courses = await session.scalars(select(Course).order_by(Course.code))
    return [await course_out(session, course) for course in courses.all()]


@app.get("/courses/{code}", response_model=CourseOut)
async def show_course(code: str, session: AsyncSession = Depends(get_session)):
    return await course_out(session, await get_course_or_404(session, code))


# ------------------------------------------------------------------------------------------------ enrolment


@app.post("/courses/{code}/enrolments", response_model=EnrolmentOut, status_code=status.HTTP_201_CREATED)
async def enrol(
    code: str,
    student: User = Depends(require_student),
    session: AsyncSession = Depends(get_session),
):
    course = await get_course_or_404(session, code)
    if await get_enrolment(session, student.id, course) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"already enrolled in {code}")
    missing = []
    for prerequisite in await prerequisites_of(session, course):
        passed = await get_enrolment(session, student.id, prerequisite)
        if passed is None or passed.grade is None or passed.grade < PASS_MARK:
            missing.append(prerequisite.code)
    if missing:
        raise HTTPException(status.HTTP_409_CONFLICT, f"prerequisites not passed: {', '.join(missing)}")
    if await enrolled_count(session, course) >= course.capacity:
        raise HTTPException(status.HTTP_409_CONFLICT, f"{code} is full")
    enrolment = Enrolment(student_id=student.id, course_id=course.id)
    session.add(enrolment)
    await session.commit()
    return EnrolmentOut(course=course.code, student_id=student.id, grade=None)


@app.delete("/courses/{code}/enrolments/me", status_code=status.HTTP_204_NO_CONTENT)
async def drop(
    code: str,
    student: User = Depends(require_student),
    session: AsyncSession = Depends(get_session),
):
    course = await get_course_or_404(session, code)
    enrolment = await get_enrolment(session, student.id, course)
    if enrolment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"not enrolled in {code}")
    if enrolment.grade is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "a graded course cannot be dropped")
    await session.delete(enrolment)
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------------------------------------ grades


@app.put("/courses/{code}/grades/{student_id}", response_model=EnrolmentOut)
async def record_grade(
    code: str,
    student_id: int,
    body: GradeIn,
    instructor: User = Depends(require_instructor),
    session: AsyncSession = Depends(get_session),
):
    course = await get_course_or_404(session, code)
    if course.instructor_id != instructor.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you do not teach this course")
    enrolment = await get_enrolment(session, student_id, course)
    if enrolment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"student {student_id} is not enrolled in {code}")
    enrolment.grade = body.grade
    await session.commit()
    return EnrolmentOut(course=course.code, student_id=student_id, grade=enrolment.grade)


@app.get("/courses/{code}/roster", response_model=list[RosterEntry])
async def roster(
    code: str,
    instructor: User = Depends(require_instructor),
    session: AsyncSession = Depends(get_session),
):
    course = await get_course_or_404(session, code)
    if course.instructor_id != instructor.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you do not teach this course")
    rows = await session.execute(
        select(User, Enrolment.grade)
        .join(Enrolment, Enrolment.student_id == User.id)
        .where(Enrolment.course_id == course.id)
        .order_by(User.surname, User.given_name, User.id)
    )
    return [
        RosterEntry(student_id=user.id, given_name=user.given_name, surname=user.surname, grade=grade)
        for user, grade in rows.all()
    ]


@app.get("/students/me/transcript", response_model=Transcript)
async def transcript(
    student: User = Depends(require_student),
    session: AsyncSession = Depends(get_session),
):
    rows = await session.execute(
        select(Course, Enrolment.grade)
        .join(Enrolment, Enrolment.course_id == Course.id)
        .where(Enrolment.student_id == student.id)
        .order_by(Course.code)
    )
    lines = [
        TranscriptLine(code=course.code, title=course.title, credits=course.credits, grade=grade)
        for course, grade in rows.all()
    ]
    earned = sum(line.credits for line in lines if line.grade is not None and line.grade >= PASS_MARK)
    return Transcript(student_id=student.id, courses=lines, credits_earned=earned, average=weighted_average(lines))
