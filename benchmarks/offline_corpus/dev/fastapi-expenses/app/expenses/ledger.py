"""Money arithmetic for a group, in integer cents."""


def split_equally(amount_cents: int, parts: int) -> list[int]:
    """Split `amount_cents` into `parts` shares that differ by at most one cent.

    The remainder goes one cent at a time to the first shares, so the shares always add up
    to the amount: 1000 among 3 is [334, 333, 333].
    """
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, remainder = divmod(amount_cents, parts)
    return [base + 1 if index < remainder else base for index in range(parts)]


def balances(members: list[str], paid: dict[str, int], owed: dict[str, int]) -> dict[str, int]:
    """Each member's balance: what they paid minus what they owe. Positive means they are owed money."""
    return {member: paid.get(member, 0) - owed.get(member, 0) for member in members}


def settle_up(balance_by_member: dict[str, int]) -> list[tuple[str, str, int]]:
    """Transfers (debtor, creditor, cents) that bring every balance to zero.

    Greedy: the largest debtor pays the largest creditor as much as they can, until nothing is left.
    Ties are broken by name so the answer is stable.
    """
    debtors = sorted(((-amount, name) for name, amount in balance_by_member.items() if amount < 0),
                     key=lambda item: (-item[0], item[1]))
    creditors = sorted(((amount, name) for name, amount in balance_by_member.items() if amount > 0),
                       key=lambda item: (-item[0], item[1]))
    transfers = []
    i = j = 0
    while i < len(debtors) and j < len(creditors):
        debt, debtor = debtors[i]
        credit, creditor = creditors[j]
        amount = min(debt, credit)
        transfers.append((debtor, creditor, amount))
        debtors[i] = (debt - amount, debtor)
        creditors[j] = (credit - amount, creditor)
        if debtors[i][0] == 0:
            i += 1
        if creditors[j][0] == 0:
            j += 1
    return transfers
