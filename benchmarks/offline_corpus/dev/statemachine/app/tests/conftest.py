import pytest

from statemachine import State, StateMachine


class Publication(StateMachine):
    draft = State("Draft", initial=True)
    review = State("In review")
    published = State("Published", final=True)
    withdrawn = State("Withdrawn", final=True)

    submit = draft.to(review, cond="has_title")
    reject = review.to(draft)
    approve = review.to(published, cond="approved_by_other", unless="is_locked")
    edit = draft.to(draft) | review.to(draft)
    withdraw = withdrawn.from_any()

    def __init__(self, title="", author="ann", locked=False, **kwargs):
        self.title = title
        self.author = author
        self.locked = locked
        super().__init__(**kwargs)

    def has_title(self):
        return bool(self.title.strip())

    def approved_by_other(self, reviewer=None):
        return reviewer is not None and reviewer != self.author

    def is_locked(self):
        return self.locked


@pytest.fixture
def pub():
    return Publication(title="On state machines")
