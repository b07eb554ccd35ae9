class LendingError(Exception):
    """Base class for everything the library refuses."""


class DuplicateTool(LendingError):
    pass


class UnknownTool(LendingError):
    pass


class UnknownMember(LendingError):
    pass


class UnknownLoan(LendingError):
    pass


class NotAvailable(LendingError):
    pass


class LoanLimitReached(LendingError):
    pass


class MemberBlocked(LendingError):
    pass


class AlreadyReturned(LendingError):
    pass


class RenewalRefused(LendingError):
    pass
