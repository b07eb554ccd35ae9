from fastapi import APIRouter, HTTPException, Response, status

from inventory.dependencies import ClockDep, Repository, SettingsDep, Tenant
from inventory.repository import InsufficientStock, NotFound
from inventory.schemas import ReservationCreate, ReservationOut

router = APIRouter(prefix="/reservations", tags=["reservations"])


def _not_found(reservation_id: int) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"reservation {reservation_id} not found")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ReservationOut)
def reserve(
    body: ReservationCreate,
    response: Response,
    tenant: Tenant,
    repository: Repository,
    clock: ClockDep,
    settings: SettingsDep,
) -> ReservationOut:
    try:
        reservation = repository.reserve(
            tenant, body.item_id, body.quantity, now=clock.now(), ttl=settings.reservation_ttl
        )
    except NotFound:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"item {body.item_id} not found") from None
    except InsufficientStock as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from None
    response.headers["Location"] = f"/reservations/{reservation.id}"
    return ReservationOut.of(reservation)


@router.get("/{reservation_id}", response_model=ReservationOut)
def read_reservation(reservation_id: int, tenant: Tenant, repository: Repository, clock: ClockDep) -> ReservationOut:
    try:
        return ReservationOut.of(repository.get_reservation(tenant, reservation_id, clock.now()))
    except NotFound:
        raise _not_found(reservation_id) from None


@router.post("/{reservation_id}/fulfil", response_model=ReservationOut)
def fulfil(reservation_id: int, tenant: Tenant, repository: Repository, clock: ClockDep) -> ReservationOut:
    try:
        return ReservationOut.of(repository.fulfil(tenant, reservation_id, clock.now()))
    except NotFound:
        raise _not_found(reservation_id) from None


@router.delete("/{reservation_id}", status_code=status.HTTP_204_NO_CONTENT)
def release(reservation_id: int, tenant: Tenant, repository: Repository, clock: ClockDep) -> Response:
    try:
        repository.release(tenant, reservation_id, clock.now())
    except NotFound:
        raise _not_found(reservation_id) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
