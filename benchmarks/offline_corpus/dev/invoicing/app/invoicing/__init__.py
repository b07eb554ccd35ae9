from .invoice import Invoice, InvoiceError, LineItem

__all__ = ["Invoice", "InvoiceError", "LineItem"]
