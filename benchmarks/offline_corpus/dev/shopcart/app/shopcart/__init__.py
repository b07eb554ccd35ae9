from .cart import Cart, CartError, Coupon, Product

__all__ = ["Cart", "CartError", "Coupon", "Product"]
