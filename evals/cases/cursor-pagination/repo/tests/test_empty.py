from catalog.pages import paginate


def test_first_page_of_an_empty_catalog_is_empty():
    assert paginate([]).items == []
