import pytest

from catalog.pages import MAX_LIMIT, paginate

PRODUCTS = [{"id": i, "name": f"p{i}"} for i in (5, 1, 4, 2, 3)]


def ids(page):
    return [p["id"] for p in page.items]


def test_success_pages_walk_the_catalog_in_id_order_without_gaps_or_repeats():
    first = paginate(PRODUCTS, limit=2)
    assert ids(first) == [1, 2] and first.next_cursor == 2
    second = paginate(PRODUCTS, limit=2, cursor=first.next_cursor)
    assert ids(second) == [3, 4] and second.next_cursor == 4
    last = paginate(PRODUCTS, limit=2, cursor=second.next_cursor)
    assert ids(last) == [5] and last.next_cursor is None


def test_boundary_a_page_that_ends_exactly_at_the_last_item_has_no_next_cursor():
    page = paginate(PRODUCTS, limit=5)
    assert ids(page) == [1, 2, 3, 4, 5] and page.next_cursor is None
    page = paginate(PRODUCTS, limit=4)
    assert ids(page) == [1, 2, 3, 4] and page.next_cursor == 4


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1])
def test_invalid_input_limits_outside_one_to_max_are_refused(limit):
    with pytest.raises(ValueError, match="limit"):
        paginate(PRODUCTS, limit=limit)


def test_boundary_the_largest_limit_is_allowed():
    assert ids(paginate(PRODUCTS, limit=MAX_LIMIT)) == [1, 2, 3, 4, 5]
