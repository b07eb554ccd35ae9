from fastapi import FastAPI

from .routers import auth, tasks

app = FastAPI(title="Taskboard", version="0.4.1")
app.include_router(auth.router)
app.include_router(tasks.router)


@app.get("/health", include_in_schema=False)
def health():
    return {"status": "ok"}
