from fastapi import FastAPI

from inventory.routers import items, reservations

app = FastAPI(title="Inventory", version="0.6.0")
app.include_router(items.router)
app.include_router(reservations.router)


@app.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}
