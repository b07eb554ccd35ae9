from marshmallow import Schema, ValidationError, fields, validate, validates_schema


class EventSchema(Schema):
    id = fields.Integer(dump_only=True)
    organiser = fields.String(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=120))
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10_000))
    starts_at = fields.AwareDateTime(required=True)
    price = fields.Decimal(required=True, places=2, as_string=True, validate=validate.Range(min=0))
    early_bird_price = fields.Decimal(places=2, as_string=True, allow_none=True, validate=validate.Range(min=0))
    early_bird_until = fields.AwareDateTime(allow_none=True)
    spots_left = fields.Integer(dump_only=True)
    waitlisted = fields.Method("count_waitlist", dump_only=True)

    def count_waitlist(self, event) -> int:
        return len(event.waitlist)

    @validates_schema
    def check_early_bird(self, data, **kwargs):
        has_price = data.get("early_bird_price") is not None
        has_until = data.get("early_bird_until") is not None
        if has_price != has_until:
            raise ValidationError("early_bird_price and early_bird_until go together", "early_bird_until")
        if has_price and data["early_bird_price"] >= data["price"]:
            raise ValidationError("must be lower than the regular price", "early_bird_price")
        if has_until and data["early_bird_until"] > data["starts_at"]:
            raise ValidationError("must not be after the start", "early_bird_until")


class RegistrationSchema(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.Email(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    status = fields.String(dump_only=True)
    price = fields.Decimal(dump_only=True, as_string=True, places=2)


class AttendeeSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    price = fields.Decimal(as_string=True, places=2)
    registered_at = fields.AwareDateTime()


event_schema = EventSchema()
events_schema = EventSchema(many=True)
registration_schema = RegistrationSchema()
attendees_schema = AttendeeSchema(many=True)
