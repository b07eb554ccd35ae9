import re


def queue_names(client):
    page = client.get("/waitlist").get_data(as_text=True)
    block = re.search(r'<ol class="queue">(.*?)</ol>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1)) if block else None


def tenant_of(client, plot_id):
    page = client.get("/plots").get_data(as_text=True)
    row = re.search(rf'<tr id="plot-{plot_id}">(.*?)</tr>', page, re.S).group(1)
    return re.search(r'class="tenant">(.*?)<', row).group(1)


def test_rent_rounds_half_up_to_the_penny(as_user):
    page = as_user("ann").get("/plots").get_data(as_text=True)
    assert "£5.63" in page
    assert "£13.50" in page


def test_join_shows_one_based_position(as_user):
    zoe, ann = as_user("zoe"), as_user("ann")
    response = zoe.post("/waitlist/join", follow_redirects=True)
    assert b"You have joined the waiting list." in response.data
    ann.post("/waitlist/join")
    assert "You are number 1 on" in zoe.get("/waitlist").get_data(as_text=True)
    assert "You are number 2 on" in ann.get("/waitlist").get_data(as_text=True)


def test_joining_twice_is_refused(as_user):
    ann = as_user("ann")
    ann.post("/waitlist/join")
    response = ann.post("/waitlist/join", follow_redirects=True)
    assert response.status_code == 200
    assert b"You are already on the waiting list." in response.data
    assert b"1 waiting" in response.data


def test_queue_is_in_joining_order_and_only_secretary_sees_names(as_user):
    for name in ("zoe", "bob", "ann"):
        as_user(name).post("/waitlist/join")
    assert queue_names(as_user("sam")) == ["zoe", "bob", "ann"]
    assert queue_names(as_user("bob")) is None


def test_leave(as_user):
    ann = as_user("ann")
    ann.post("/waitlist/join")
    ann.post("/waitlist/leave")
    assert b"0 waiting" in ann.get("/waitlist").data


def test_offer_goes_to_first_in_queue(as_user):
    for name in ("zoe", "bob"):
        as_user(name).post("/waitlist/join")
    sam = as_user("sam")
    response = sam.post("/plots/1/offer", follow_redirects=True)
    assert b"A1 offered to zoe." in response.data
    assert tenant_of(sam, 1) == "zoe"
    assert queue_names(sam) == ["bob"]
    assert "You are number" not in as_user("zoe").get("/waitlist").get_data(as_text=True)


def test_occupied_plot_is_not_offered_again(as_user):
    for name in ("zoe", "bob"):
        as_user(name).post("/waitlist/join")
    sam = as_user("sam")
    sam.post("/plots/1/offer")
    response = sam.post("/plots/1/offer", follow_redirects=True)
    assert b"A1 is not vacant." in response.data
    assert tenant_of(sam, 1) == "zoe"
    assert queue_names(sam) == ["bob"]


def test_offer_with_nobody_waiting(as_user):
    response = as_user("sam").post("/plots/2/offer", follow_redirects=True)
    assert b"Nobody is waiting." in response.data


def test_only_secretary_offers(as_user):
    as_user("zoe").post("/waitlist/join")
    ann = as_user("ann")
    assert ann.post("/plots/1/offer").status_code == 403
    assert tenant_of(ann, 1) == "vacant"
    assert as_user("sam").post("/plots/99/offer").status_code == 404


def test_tenant_cannot_join_the_queue(as_user):
    zoe = as_user("zoe")
    zoe.post("/waitlist/join")
    as_user("sam").post("/plots/1/offer")
    response = zoe.post("/waitlist/join", follow_redirects=True)
    assert b"You already have a plot." in response.data
    assert b"0 waiting" in response.data


def test_vacate_by_tenant_or_secretary(as_user):
    zoe, bob = as_user("zoe"), as_user("bob")
    zoe.post("/waitlist/join")
    bob.post("/waitlist/join")
    sam = as_user("sam")
    sam.post("/plots/1/offer")
    sam.post("/plots/2/offer")
    assert as_user("ann").post("/plots/1/vacate").status_code == 403
    assert zoe.post("/plots/1/vacate").status_code == 302
    assert tenant_of(sam, 1) == "vacant"
    assert sam.post("/plots/2/vacate").status_code == 302
    assert tenant_of(sam, 2) == "vacant"
