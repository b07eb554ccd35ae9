"""Ideas board API. Run with `uvicorn ideas.main:app`.

Environment:
    IDEAS_DB         path of the sqlite database (default `ideas.sqlite`)
    IDEAS_ADMIN_KEY  API key of a bootstrap admin user, created at start-up if it does not exist yet
"""
