from conftest import HOPPER


def test_student_enrols_and_takes_a_seat(client, sign_up, make_course, enrol):
    student_id, student = sign_up()
    make_course("CS101", capacity=2)
    response = enrol("CS101", student)
    assert response.status_code == 201
    assert response.json() == {"course": "CS101", "student_id": student_id, "grade": None}
    course = client.get("/courses/CS101").json()
    assert course["enrolled"] == 1
    assert course["seats_left"] == 1


def test_enrolling_twice_is_409(sign_up, make_course, enrol):
    _, student = sign_up()
    make_course("CS101")
    assert enrol("CS101", student).status_code == 201
    assert enrol("CS101", student).status_code == 409


def test_instructors_cannot_enrol(make_course, enrol):
    make_course("CS101")
    assert enrol("CS101", HOPPER).status_code == 403


def test_enrolling_in_an_unknown_course_is_404(sign_up, enrol):
    _, student = sign_up()
    assert enrol("XX100", student).status_code == 404


def test_full_course_refuses_the_next_student(client, sign_up, make_course, enrol):
    make_course("CS101", capacity=2)
    for surname in ("Byron", "Somerville"):
        _, student = sign_up(surname=surname)
        assert enrol("CS101", student).status_code == 201
    _, late = sign_up(surname="Late")
    response = enrol("CS101", late)
    assert response.status_code == 409
    assert "full" in response.json()["detail"]
    assert client.get("/courses/CS101").json()["seats_left"] == 0


def test_prerequisite_must_be_passed(sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    make_course("CS201", prerequisites=["CS101"])

    response = enrol("CS201", student)
    assert response.status_code == 409
    assert "CS101" in response.json()["detail"]

    assert enrol("CS101", student).status_code == 201
    assert enrol("CS201", student).status_code == 409  # enrolled, not graded yet

    assert grade("CS101", student_id, 49).status_code == 200
    assert enrol("CS201", student).status_code == 409

    assert grade("CS101", student_id, 50).status_code == 200
    assert enrol("CS201", student).status_code == 201


def test_every_prerequisite_is_required(sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    make_course("MA101")
    make_course("CS301", prerequisites=["CS101", "MA101"])
    enrol("CS101", student)
    grade("CS101", student_id, 90)
    response = enrol("CS301", student)
    assert response.status_code == 409
    assert "MA101" in response.json()["detail"]
    assert "CS101" not in response.json()["detail"]


def test_drop_frees_the_seat(client, sign_up, make_course, enrol):
    _, student = sign_up()
    make_course("CS101", capacity=1)
    enrol("CS101", student)
    assert client.delete("/courses/CS101/enrolments/me", headers=student).status_code == 204
    assert client.get("/courses/CS101").json()["enrolled"] == 0
    _, other = sign_up(surname="Other")
    assert enrol("CS101", other).status_code == 201


def test_dropping_a_course_not_taken_is_404(client, sign_up, make_course):
    _, student = sign_up()
    make_course("CS101")
    assert client.delete("/courses/CS101/enrolments/me", headers=student).status_code == 404


def test_graded_course_cannot_be_dropped(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101")
    enrol("CS101", student)
    grade("CS101", student_id, 0)
    assert client.delete("/courses/CS101/enrolments/me", headers=student).status_code == 409
    assert client.get("/courses/CS101").json()["enrolled"] == 1
