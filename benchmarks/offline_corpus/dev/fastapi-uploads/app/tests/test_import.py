from conftest import MAX_UPLOAD, upload


def listed(client):
    return client.get("/contacts?sort=created").json()["items"]


def test_import_requires_login(anon):
    assert upload(anon, "name,email\nA,a@example.org\n").status_code == 401


def test_import_valid_file(alice):
    text = "name,email,phone,company\nAda Lovelace,ada@example.org,+44 20 7946 0000,Analytical\nAlan Turing,alan@example.org,,\n"
    response = upload(alice, text)
    assert response.status_code == 200
    assert response.json() == {"imported": 2, "skipped_duplicates": 0, "errors": []}
    contacts = listed(alice)
    assert [c["email"] for c in contacts] == ["ada@example.org", "alan@example.org"]
    assert contacts[0]["phone"] == "+44 20 7946 0000"
    assert contacts[1]["phone"] is None
    assert contacts[1]["company"] is None


def test_header_is_case_insensitive_and_bom_is_ignored(alice):
    response = upload(alice, "\ufeffName, Email\nAda,ada@example.org\n".encode("utf-8"))
    assert response.json()["imported"] == 1


def test_row_errors_are_reported_with_row_numbers(alice):
    text = (
        "name,email,phone\n"
        "Ada,ada@example.org,\n"        # row 1: fine
        ",nobody@example.org,\n"        # row 2: no name
        "Bad Mail,not-an-address,\n"    # row 3: bad email
        "Grace,grace@example.org,abc\n" # row 4: bad phone
        "Alan,alan@example.org,\n"      # row 5: fine
    )
    body = upload(alice, text).json()
    assert body["imported"] == 2
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "name"), (3, "email"), (4, "phone")]
    assert [c["name"] for c in listed(alice)] == ["Ada", "Alan"]


def test_first_data_row_is_row_1(alice):
    body = upload(alice, "name,email\n,x@example.org\n").json()
    assert body["errors"] == [{"row": 1, "field": "name", "message": "name is required"}]
    assert body["imported"] == 0


def test_a_row_can_have_several_errors(alice):
    body = upload(alice, "name,email\n,\n").json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(1, "name"), (1, "email")]


def test_duplicates_of_existing_contacts_are_skipped(alice):
    alice.post("/contacts", json={"name": "Ada", "email": "ada@example.org"})
    body = upload(alice, "name,email\nAda L.,ADA@Example.org\nAlan,alan@example.org\n").json()
    assert body == {"imported": 1, "skipped_duplicates": 1, "errors": []}
    assert [c["name"] for c in listed(alice)] == ["Ada", "Alan"]


def test_duplicates_within_the_file_are_skipped(alice):
    body = upload(alice, "name,email\nAda,ada@example.org\nAda again,ada@example.org\nAda 3,Ada@example.org\n").json()
    assert body["imported"] == 1
    assert body["skipped_duplicates"] == 2
    assert [c["name"] for c in listed(alice)] == ["Ada"]


def test_other_users_contacts_are_not_duplicates(alice, bob):
    upload(bob, "name,email\nAda,ada@example.org\n")
    assert upload(alice, "name,email\nAda,ada@example.org\n").json()["imported"] == 1


def test_missing_required_column_is_400(alice):
    response = upload(alice, "name,phone\nAda,123456\n")
    assert response.status_code == 400
    assert "email" in response.json()["detail"]


def test_not_utf8_is_400(alice):
    assert upload(alice, "name,email\nJos\xe9,jose@example.org\n".encode("latin-1")).status_code == 400


def test_non_csv_upload_is_415(alice):
    response = upload(alice, b"\x89PNG...", filename="photo.png", content_type="image/png")
    assert response.status_code == 415


def test_csv_extension_is_enough(alice):
    response = upload(alice, "name,email\nAda,ada@example.org\n", content_type="application/octet-stream")
    assert response.status_code == 200


def sized_file(size):
    header = "name,email\nAda,ada@example.org\n"
    padding = size - len(header)
    return header + "Zed,zed@example.org" + "," * (padding - len("Zed,zed@example.org") - 1) + "\n"


def test_file_at_the_size_limit_is_accepted(alice):
    text = sized_file(MAX_UPLOAD)
    assert len(text.encode()) == MAX_UPLOAD
    response = upload(alice, text)
    assert response.status_code == 200
    assert response.json()["imported"] == 2


def test_file_over_the_size_limit_is_413(alice):
    text = sized_file(MAX_UPLOAD + 1)
    response = upload(alice, text)
    assert response.status_code == 413
    assert listed(alice) == []
