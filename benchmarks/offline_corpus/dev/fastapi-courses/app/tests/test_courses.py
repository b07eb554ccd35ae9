from conftest import HOPPER, TURING


def test_instructor_creates_a_course(client, make_course):
    course = make_course("CS101", credits=4, capacity=2)
    assert course == {
        "code": "CS101",
        "title": "Course CS101",
        "credits": 4,
        "capacity": 2,
        "enrolled": 0,
        "seats_left": 2,
        "instructor": "Grace Hopper",
        "prerequisites": [],
    }
    assert client.get("/courses/CS101").json() == course


def test_students_cannot_create_courses(client, sign_up):
    _, student = sign_up()
    response = client.post(
        "/courses", json={"code": "CS101", "title": "Intro", "credits": 3, "capacity": 10}, headers=student
    )
    assert response.status_code == 403
    assert client.get("/courses").json() == []


def test_duplicate_course_code_is_409(client, make_course):
    make_course("CS101")
    response = client.post(
        "/courses", json={"code": "CS101", "title": "Again", "credits": 3, "capacity": 10}, headers=TURING
    )
    assert response.status_code == 409


def test_unknown_prerequisite_is_422(client):
    response = client.post(
        "/courses",
        json={"code": "CS201", "title": "Data structures", "credits": 3, "capacity": 10, "prerequisites": ["CS999"]},
        headers=HOPPER,
    )
    assert response.status_code == 422
    assert client.get("/courses/CS201").status_code == 404


def test_course_validation(client):
    for body in (
        {"code": "CS101", "title": "Intro", "credits": 0, "capacity": 10},
        {"code": "CS101", "title": "Intro", "credits": 11, "capacity": 10},
        {"code": "CS101", "title": "Intro", "credits": 3, "capacity": 0},
        {"code": "cs101", "title": "Intro", "credits": 3, "capacity": 10},
    ):
        assert client.post("/courses", json=body, headers=HOPPER).status_code == 422


def test_courses_are_listed_by_code_with_prerequisites(client, make_course):
    make_course("MA101", headers=TURING)
    make_course("CS101")
    make_course("CS201", prerequisites=["MA101", "CS101"])
    listed = client.get("/courses").json()
    assert [c["code"] for c in listed] == ["CS101", "CS201", "MA101"]
    assert listed[1]["prerequisites"] == ["CS101", "MA101"]
    assert listed[2]["instructor"] == "Alan Turing"


def test_unknown_course_is_404(client):
    assert client.get("/courses/XX100").status_code == 404
