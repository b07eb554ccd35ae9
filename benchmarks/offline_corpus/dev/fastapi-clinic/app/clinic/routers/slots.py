from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import from_utc_naive, get_now, to_utc_naive
from ..database import get_db
from ..models import Slot
from ..schemas import SlotCreate, SlotOut, SlotPage
from ..security import CurrentUser, Doctor

router = APIRouter(prefix="/slots", tags=["slots"])
DB = Annotated[Session, Depends(get_db)]
Now = Annotated[datetime, Depends(get_now)]


def slot_out(slot: Slot) -> SlotOut:
    return SlotOut(
        id=slot.id,
        doctor_id=slot.doctor_id,
        start=from_utc_naive(slot.start),
        end=from_utc_naive(slot.end),
        duration_minutes=slot.duration_minutes,
        booked=slot.patient_id is not None,
    )


@router.post("", response_model=SlotOut, status_code=status.HTTP_201_CREATED)
def publish_slot(body: SlotCreate, doctor: Doctor, db: DB, now: Now):
    start = to_utc_naive(body.start)
    if start <= to_utc_naive(now):
        raise HTTPException(422, "A slot must start in the future")
    end = start + timedelta(minutes=body.duration_minutes)
    for other in db.scalars(select(Slot).where(Slot.doctor_id == doctor.id, Slot.start < end)):
        if other.end > start:
            raise HTTPException(status.HTTP_409_CONFLICT, "The slot overlaps another of your slots")
    slot = Slot(doctor_id=doctor.id, start=start, duration_minutes=body.duration_minutes)
    db.add(slot)
    db.commit()
    db.refresh(slot)
    return slot_out(slot)


@router.get("/mine", response_model=SlotPage)
def my_slots(
    doctor: Doctor,
    db: DB,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
):
    query = select(Slot).where(Slot.doctor_id == doctor.id)
    total = db.scalar(select(func.count()).select_from(query.subquery()))
    slots = db.scalars(query.order_by(Slot.start).offset((page - 1) * size).limit(size)).all()
    return SlotPage(items=[slot_out(slot) for slot in slots], total=total, page=page, size=size)


@router.get("", response_model=list[SlotOut])
def free_slots(user: CurrentUser, db: DB, now: Now, doctor_id: int | None = None):
    """Slots nobody has booked yet that have not started, soonest first."""
    query = select(Slot).where(Slot.patient_id.is_(None), Slot.start > to_utc_naive(now))
    if doctor_id is not None:
        query = query.where(Slot.doctor_id == doctor_id)
    return [slot_out(slot) for slot in db.scalars(query.order_by(Slot.start))]
