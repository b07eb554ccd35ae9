from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange

MAX_PER_LINE = 10


class RegisterForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=30)])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8)])
    confirm = PasswordField("Repeat password", validators=[DataRequired(), EqualTo("password", "Passwords must match.")])


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class QuantityForm(FlaskForm):
    """Adding to the cart and changing a cart line both take a quantity of 1 to 10."""

    quantity = IntegerField(
        "Quantity",
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=MAX_PER_LINE, message="Choose a quantity from 1 to 10.")],
    )


class RemoveForm(FlaskForm):
    """No fields: the CSRF token only."""


class CheckoutForm(FlaskForm):
    ship_to = StringField("Name", validators=[DataRequired(), Length(max=80)])
    address = TextAreaField("Shipping address", validators=[DataRequired(), Length(min=10, max=300)])
