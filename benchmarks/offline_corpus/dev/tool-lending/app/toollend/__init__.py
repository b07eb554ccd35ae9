"""A small tool library: members borrow tools, renew them and pay late fees."""

from .errors import (
    AlreadyReturned,
    DuplicateTool,
    LendingError,
    LoanLimitReached,
    MemberBlocked,
    NotAvailable,
    RenewalRefused,
    UnknownLoan,
    UnknownMember,
    UnknownTool,
)
from .library import Loan, Tool, ToolLibrary

__all__ = [
    "AlreadyReturned",
    "DuplicateTool",
    "LendingError",
    "Loan",
    "LoanLimitReached",
    "MemberBlocked",
    "NotAvailable",
    "RenewalRefused",
    "Tool",
    "ToolLibrary",
    "UnknownLoan",
    "UnknownMember",
    "UnknownTool",
]
