from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import from_utc_naive, get_now, to_utc_naive
from ..config import settings
from ..database import get_db
from ..models import Slot
from ..schemas import AppointmentOut, BookingCreate
from ..security import Patient

router = APIRouter(prefix="/appointments", tags=["appointments"])
DB = Annotated[Session, Depends(get_db)]
Now = Annotated[datetime, Depends(get_now)]


def appointment_out(slot: Slot) -> AppointmentOut:
    return AppointmentOut(
        id=slot.id,
        doctor_id=slot.doctor_id,
        doctor_name=slot.doctor.full_name,
        start=from_utc_naive(slot.start),
        end=from_utc_naive(slot.end),
        duration_minutes=slot.duration_minutes,
    )


def own_appointment(db: Session, appointment_id: int, patient_id: int) -> Slot:
    slot = db.get(Slot, appointment_id)
    if slot is None or slot.patient_id != patient_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Appointment not found")
    return slot


@router.post("", response_model=AppointmentOut, status_code=status.HTTP_201_CREATED)
def book(body: BookingCreate, patient: Patient, db: DB, now: Now):
    slot = db.get(Slot, body.slot_id)
    if slot is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Slot not found")
    if slot.start <= to_utc_naive(now):
        raise HTTPException(422, "This slot is in the past")
    if slot.patient_id is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "This slot is already booked")
    slot.patient_id = patient.id
    slot.booked_at = to_utc_naive(now)
    db.commit()
    return appointment_out(slot)


@router.get("", response_model=list[AppointmentOut])
def my_appointments(patient: Patient, db: DB):
    slots = db.scalars(select(Slot).where(Slot.patient_id == patient.id).order_by(Slot.start))
    return [appointment_out(slot) for slot in slots]


@router.get("/{appointment_id}", response_model=AppointmentOut)
def read_appointment(appointment_id: int, patient: Patient, db: DB):
    return appointment_out(own_appointment(db, appointment_id, patient.id))


@router.delete("/{appointment_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel(appointment_id: int, patient: Patient, db: DB, now: Now):
    slot = own_appointment(db, appointment_id, patient.id)
    if slot.start - to_utc_naive(now) < timedelta(hours=settings.cancel_notice_hours):
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"Appointments can only be cancelled up to {settings.cancel_notice_hours} hours before they start",
        )
    slot.patient_id = None
    slot.booked_at = None
    db.commit()
