from datetime import timezone

from marshmallow import Schema, fields, validate

from rsvp.models import ANSWERS


class RegisterSchema(Schema):
    email = fields.Email(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=8))


class LoginSchema(Schema):
    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()


class EventSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="")
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10_000))
    starts_at = fields.AwareDateTime(required=True, default_timezone=timezone.utc)
    organiser_id = fields.Integer(dump_only=True)
    cancelled = fields.Boolean(dump_only=True)


class RsvpSchema(Schema):
    answer = fields.String(required=True, validate=validate.OneOf(ANSWERS))


class RsvpOutSchema(Schema):
    event_id = fields.Integer()
    user_id = fields.Integer()
    answer = fields.String()
    waitlisted = fields.Boolean()
