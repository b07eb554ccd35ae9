import pytest

from tests.conftest import add_book, book_row


def test_index_lists_own_books(ada, bob):
    add_book(ada, "Middlemarch")
    add_book(bob, "Ulysses")
    page = ada.get("/").data
    assert b"Middlemarch" in page
    assert b"Ulysses" not in page


def test_add_book_flashes_and_redirects(ada, app):
    r = add_book(ada)
    assert r.status_code == 302
    assert r.headers["Location"] == "/"
    assert b"Added Middlemarch." in ada.get("/").data
    row = book_row(app, "Middlemarch")
    assert row["pages_read"] == 0
    assert row["status"] == "want"


def test_add_finished_book_counts_all_pages(ada, app):
    add_book(ada, status="finished")
    assert book_row(app, "Middlemarch")["pages_read"] == 880


@pytest.mark.parametrize("pages", ["0", "5001", "many", ""])
def test_add_book_page_bounds(ada, pages):
    r = ada.post("/books/new", data={"title": "Odd", "total_pages": pages})
    assert r.status_code == 400


def test_add_book_page_bounds_inclusive(ada):
    assert add_book(ada, "One pager", 1).status_code == 302
    assert add_book(ada, "Doorstop", 5000).status_code == 302


def test_add_book_needs_title(ada):
    r = ada.post("/books/new", data={"title": " ", "total_pages": "100"})
    assert r.status_code == 400
    assert b"Title is required." in r.data


def test_reading_quota_on_add(ada, app):
    add_book(ada, "One", 100, "reading")
    add_book(ada, "Two", 100, "reading")
    r = add_book(ada, "Three", 100, "reading")
    assert r.status_code == 302
    assert book_row(app, "Three") is None
    assert b"already reading 2 books" in ada.get("/").data


def test_finished_books_do_not_count_toward_quota(ada, app):
    add_book(ada, "One", 100, "finished")
    add_book(ada, "Two", 100, "reading")
    add_book(ada, "Three", 100, "reading")
    assert book_row(app, "Three")["status"] == "reading"


def test_quota_is_per_user(ada, bob, app):
    add_book(ada, "One", 100, "reading")
    add_book(ada, "Two", 100, "reading")
    add_book(bob, "Bob's", 100, "reading")
    assert book_row(app, "Bob's") is not None


def test_edit_progress(ada, app):
    add_book(ada, "One", 300, "reading")
    book_id = book_row(app, "One")["id"]
    r = ada.post(f"/books/{book_id}/edit", data={"pages_read": "100", "status": "reading"})
    assert r.headers["Location"] == "/"
    assert book_row(app, "One")["pages_read"] == 100
    assert b"100 / 300 pages (33%)" in ada.get("/").data


def test_progress_rounds_half_up(ada, app):
    add_book(ada, "One", 300, "reading")
    add_book(ada, "Two", 8, "want")
    one = book_row(app, "One")["id"]
    two = book_row(app, "Two")["id"]
    ada.post(f"/books/{one}/edit", data={"pages_read": "200", "status": "reading"})
    ada.post(f"/books/{two}/edit", data={"pages_read": "1", "status": "want"})
    page = ada.get("/").data
    assert b"200 / 300 pages (67%)" in page
    assert b"1 / 8 pages (13%)" in page


def test_reading_the_last_page_finishes_the_book(ada, app):
    add_book(ada, "One", 300, "reading")
    book_id = book_row(app, "One")["id"]
    r = ada.post(f"/books/{book_id}/edit", data={"pages_read": "300", "status": "reading"})
    assert r.status_code == 302
    row = book_row(app, "One")
    assert row["pages_read"] == 300
    assert row["status"] == "finished"


def test_pages_read_cannot_pass_the_total(ada, app):
    add_book(ada, "One", 300, "reading")
    book_id = book_row(app, "One")["id"]
    r = ada.post(f"/books/{book_id}/edit", data={"pages_read": "301"})
    assert r.status_code == 400
    assert book_row(app, "One")["pages_read"] == 0


def test_editing_a_reading_book_at_the_quota(ada, app):
    add_book(ada, "One", 300, "reading")
    add_book(ada, "Two", 300, "reading")
    book_id = book_row(app, "Two")["id"]
    r = ada.post(f"/books/{book_id}/edit", data={"pages_read": "10", "status": "reading"})
    assert r.status_code == 302
    assert book_row(app, "Two")["pages_read"] == 10


def test_starting_a_book_over_the_quota_by_edit(ada, app):
    add_book(ada, "One", 300, "reading")
    add_book(ada, "Two", 300, "reading")
    add_book(ada, "Three", 300, "want")
    book_id = book_row(app, "Three")["id"]
    ada.post(f"/books/{book_id}/edit", data={"status": "reading"})
    assert book_row(app, "Three")["status"] == "want"


def test_other_user_cannot_edit(ada, bob, app):
    add_book(ada, "One", 300)
    book_id = book_row(app, "One")["id"]
    assert bob.get(f"/books/{book_id}/edit").status_code == 403
    assert bob.post(f"/books/{book_id}/edit", data={"title": "Mine now"}).status_code == 403
    assert book_row(app, "One") is not None


def test_other_user_cannot_delete(ada, bob, app):
    add_book(ada, "One", 300)
    book_id = book_row(app, "One")["id"]
    assert bob.post(f"/books/{book_id}/delete").status_code == 403
    assert book_row(app, "One") is not None


def test_owner_deletes(ada, app):
    add_book(ada, "One", 300)
    book_id = book_row(app, "One")["id"]
    r = ada.post(f"/books/{book_id}/delete")
    assert r.headers["Location"] == "/"
    assert book_row(app, "One") is None
    assert b"Removed One." in ada.get("/").data


def test_unknown_book_is_404(ada):
    assert ada.get("/books/99/edit").status_code == 404
    assert ada.post("/books/99/delete").status_code == 404
