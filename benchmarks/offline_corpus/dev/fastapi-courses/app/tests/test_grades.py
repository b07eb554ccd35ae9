import pytest
from conftest import HOPPER, TURING


def test_instructor_records_a_grade(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    response = grade("CS101", student_id, 72)
    assert response.status_code == 200
    assert response.json() == {"course": "CS101", "student_id": student_id, "grade": 72}
    assert client.get("/courses/CS101/roster", headers=HOPPER).json()[0]["grade"] == 72


@pytest.mark.parametrize("value", [0, 100])
def test_grade_bounds_are_accepted(sign_up, make_course, enrol, grade, value):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    assert grade("CS101", student_id, value).status_code == 200


@pytest.mark.parametrize("value", [-1, 101])
def test_grade_out_of_range_is_422(sign_up, make_course, enrol, grade, value):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    assert grade("CS101", student_id, value).status_code == 422


def test_only_the_courses_instructor_grades(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    assert grade("CS101", student_id, 95, headers=TURING).status_code == 403
    assert client.get("/courses/CS101/roster", headers=HOPPER).json()[0]["grade"] is None


def test_students_cannot_grade(sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    assert grade("CS101", student_id, 100, headers=student).status_code == 403


def test_grading_a_student_not_enrolled_is_404(sign_up, make_course, grade):
    student_id, _ = sign_up()
    make_course("CS101")
    assert grade("CS101", student_id, 80).status_code == 404


def test_roster_is_sorted_by_surname(client, sign_up, make_course, enrol):
    make_course("CS101")
    for given, surname in (("Alice", "Zeller"), ("Zoe", "Adams"), ("Bob", "Miller"), ("Amy", "Miller")):
        _, student = sign_up(given, surname)
        enrol("CS101", student)
    roster = client.get("/courses/CS101/roster", headers=HOPPER).json()
    assert [(r["surname"], r["given_name"]) for r in roster] == [
        ("Adams", "Zoe"),
        ("Miller", "Amy"),
        ("Miller", "Bob"),
        ("Zeller", "Alice"),
    ]


def test_roster_is_for_the_courses_instructor_only(client, sign_up, make_course):
    _, student = sign_up()
    make_course("CS101")
    assert client.get("/courses/CS101/roster", headers=TURING).status_code == 403
    assert client.get("/courses/CS101/roster", headers=student).status_code == 403
