from conftest import TURING


def test_empty_transcript(client, sign_up):
    student_id, student = sign_up()
    assert client.get("/students/me/transcript", headers=student).json() == {
        "student_id": student_id,
        "courses": [],
        "credits_earned": 0,
        "average": None,
    }


def test_transcript_lists_courses_and_weights_the_average_by_credits(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101", credits=4)
    make_course("MA101", credits=2, headers=TURING)
    make_course("PH101", credits=3)
    for code in ("CS101", "MA101", "PH101"):
        enrol(code, student)
    grade("CS101", student_id, 80)
    grade("MA101", student_id, 40, headers=TURING)

    body = client.get("/students/me/transcript", headers=student).json()
    assert [(c["code"], c["credits"], c["grade"]) for c in body["courses"]] == [
        ("CS101", 4, 80),
        ("MA101", 2, 40),
        ("PH101", 3, None),
    ]
    assert body["credits_earned"] == 4  # MA101 failed, PH101 not graded
    assert body["average"] == 66.7  # (80 * 4 + 40 * 2) / 6 = 66.66...


def test_average_rounds_half_up(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101", credits=3)
    make_course("CS102", credits=1)
    enrol("CS101", student)
    enrol("CS102", student)
    grade("CS101", student_id, 70)
    grade("CS102", student_id, 79)
    # (70 * 3 + 79) / 4 = 72.25
    assert client.get("/students/me/transcript", headers=student).json()["average"] == 72.3


def test_a_pass_mark_earns_the_credits(client, sign_up, make_course, enrol, grade):
    student_id, student = sign_up()
    make_course("CS101", credits=5)
    enrol("CS101", student)
    grade("CS101", student_id, 50)
    assert client.get("/students/me/transcript", headers=student).json()["credits_earned"] == 5


def test_transcript_is_for_students(client):
    assert client.get("/students/me/transcript", headers=TURING).status_code == 403
