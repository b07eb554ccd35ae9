"""Discovery entry: builds the inventory (app, routes, credentials, observations or functions and classes,
existing test files) and prints it as one protocol envelope line."""

import os
import sys
import traceback

from .characterise import characterise
from .construct import (
    CONFIG_KEYS,
    FACTORY_IMPORTS,
    FACTORY_SECRETS,
    AppBuilder,
    apply_env,
    env_credentials,
    env_databases,
    env_reads,
    find_app,
    framework_of,
    relocate_instance_path,
)
from .credentials import constant_tokens, find_credentials, identity_callers
from .examples import documented_examples
from .forms import SessionFlow, characterise_forms, form_pages, form_token_fields
from .functions import TAGGED, UNCALLABLE, encode, pure_functions
from .guided import explored, named_modules, plain_helpers
from .objects import classes
from .protocol import emit
from .routes import fastapi_routes, flask_routes, starlette_routes
from .web import factory_refusals, fast_password_hashing
from .workspace import CLIENTS, ROOT, WORK, assay_files, conftest_fixtures, repo_modules, test_files, unsynced_sqlite


def start_once(app):
    """Run an app's start-up and shut-down (FastAPI's and Starlette's startup events, lifespan), as a test's
    `with TestClient` does."""
    from starlette.testclient import TestClient

    with TestClient(app):
        pass


def start_app():
    """Find the app, build it and run its start-up once (FastAPI's startup events and lifespan): (spec, import
    errors, its builder or the exception it failed to start with)."""
    spec, errors = find_app()
    if spec is None:
        return spec, errors, None
    try:
        builder = AppBuilder(spec)
        app = builder.build()
        if framework_of(app) in ("fastapi", "starlette"):
            start_once(app)
    except Exception as exc:
        return spec, errors, exc
    return spec, errors, builder


def main():
    sys.path[:0] = [ROOT, os.path.join(ROOT, "src")]
    os.chdir(WORK)
    unsynced_sqlite()
    inventory = {"root": ROOT, "app": None, "routes": [], "credentials": [], "functions": [], "errors": [],
                 "fixtures": conftest_fixtures()}
    env = apply_env(env_reads())
    relocate_instance_path()
    spec, errors, started = start_app()
    optional = [name for name, setting in env.items() if setting["optional"]]
    if ((spec is None and errors) or isinstance(started, Exception)) and optional:
        # the app could not start with test values for settings it can do without: its own defaults may be what it
        # parses, so try again with those variables unset
        for name in optional:
            os.environ.pop(name, None)
            env.pop(name)
        for name, _ in list(repo_modules()):
            del sys.modules[name]
        spec, errors, started = start_app()
    inventory["errors"] += errors
    if spec:
        try:
            if isinstance(started, Exception):
                raise started
            builder = started
            app = builder.build()
            spec["framework"] = spec["framework"] or framework_of(app)
            spec["factory_args"] = builder.shown_args
            spec["factory_imports"] = sorted(FACTORY_IMPORTS)
            spec["config_keys"] = dict(CONFIG_KEYS)
            spec["fast_hashing"] = fast_password_hashing()
            spec["refusals"] = factory_refusals(builder, env)
            spec["env"] = env
            if spec["framework"] in ("fastapi", "starlette"):
                builder.env_databases = env_databases(builder, env, start_once)
            spec["fresh_env"] = {"vars": builder.env_databases, "caches": builder.env_caches} \
                if builder.env_databases else None
            spec["databases"] = builder.databases if builder.swapped is not None else None
            spec["setup_commands"] = builder.setup_commands
            spec["state"] = [{"module": r["module"], "attr": r["attr"], "kind": r.get("kind", "container"),
                              "aliases": r.get("aliases", [])} for r in builder.state]
            spec["instance_path"] = spec["framework"] == "flask"
            spec["form_tokens"] = form_token_fields() if spec["framework"] == "flask" else []
            inventory["app"] = spec
            routes = {"fastapi": fastapi_routes, "starlette": starlette_routes}.get(spec["framework"],
                                                                                 flask_routes)(app)
            found = find_credentials() + FACTORY_SECRETS + env_credentials(env)
            inventory["credentials"] = [c for i, c in enumerate(found)
                                        if c["token"] not in {o["token"] for o in found[:i]}]
            if not inventory["credentials"]:
                inventory["credentials"] = constant_tokens(routes) or identity_callers(routes)
            bearer = any((r["auth"] or {}).get("scheme") == "bearer" for r in routes)  # tokens, not a session
            if spec["framework"] == "flask" and (any(r.get("body_kind") == "form" for r in routes)
                                                 or (SessionFlow(routes).usable and not bearer)):
                inventory["session"] = characterise_forms(builder, routes)
                inventory["forms"] = True
            else:
                with CLIENTS:
                    characterise(builder, spec["framework"], routes, inventory["credentials"])
            inventory["routes"] = routes
            spec["cookie_header"] = getattr(builder, "cookie_header", False)
            spec["form_pages"] = form_pages(routes) if spec["form_tokens"] else []
        except Exception:
            inventory["errors"].append(traceback.format_exc(limit=3))
        beside = not os.environ.get("ASSAY_PROBE_FUNCTIONS")  # unit tests beside the app's HTTP tests
        helpers = plain_helpers({spec.get("file")}) if beside else []
        named = named_modules({spec.get("file")}) if beside else []
        if named or helpers:
            inventory["functions"], inventory["classes"] = explored(
                [], [], only=list(dict.fromkeys([*named, *helpers])), whole=helpers)
    if not spec or os.environ.get("ASSAY_PROBE_FUNCTIONS"):
        inventory["functions"], inventory["classes"] = explored(pure_functions(), classes())
        inventory["uncallable"] = UNCALLABLE
        try:
            inventory["examples"] = documented_examples()
        except Exception:
            inventory["errors"].append(traceback.format_exc(limit=3))
    inventory["test_files"] = test_files()
    inventory["assay_files"] = assay_files(inventory["test_files"])
    emit("inventory", inventory, default=lambda v: encode(v) if isinstance(v, TAGGED) else str(v))
