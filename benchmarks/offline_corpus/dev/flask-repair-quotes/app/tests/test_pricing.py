from repairs.pricing import compute_totals, format_cents


def test_discount_then_vat():
    totals = compute_totals([(2, 1250), (1, 899)], discount_percent=10, vat_basis_points=2000)
    assert totals.subtotal_cents == 3399
    assert totals.discount_cents == 340  # 339.9
    assert totals.vat_cents == 612  # 20% of 3059 = 611.8
    assert totals.total_cents == 3671


def test_halves_round_up():
    totals = compute_totals([(1, 1025)], discount_percent=10, vat_basis_points=2000)
    assert totals.discount_cents == 103  # 102.5
    assert totals.vat_cents == 184  # 20% of 922 = 184.4
    assert compute_totals([(1, 1003)], 0, 2000).vat_cents == 201  # 200.6
    assert compute_totals([(1, 1)], 0, 5000).vat_cents == 1  # 0.5


def test_no_lines():
    totals = compute_totals([], discount_percent=20, vat_basis_points=2000)
    assert (totals.subtotal_cents, totals.discount_cents, totals.vat_cents, totals.total_cents) == (0, 0, 0, 0)


def test_zero_vat():
    assert compute_totals([(3, 333)], 0, 0).total_cents == 999


def test_format_cents():
    assert format_cents(0) == "0.00"
    assert format_cents(5) == "0.05"
    assert format_cents(123456) == "1234.56"
