"""Discovery entry: builds the inventory (app, routes, credentials, observations or functions and classes,
existing test files) and prints it as one protocol envelope line."""

import os
import sys
import traceback

from .characterise import characterise
from .construct import (
    CONFIG_KEYS,
    FACTORY_SECRETS,
    AppBuilder,
    apply_env,
    env_reads,
    find_app,
    framework_of,
    relocate_instance_path,
)
from .credentials import constant_tokens, find_credentials
from .forms import SessionFlow, characterise_forms
from .functions import TAGGED, UNCALLABLE, encode, pure_functions
from .guided import explored, named_modules
from .objects import classes
from .protocol import emit
from .routes import fastapi_routes, flask_routes
from .web import factory_refusals, fast_password_hashing
from .workspace import CLIENTS, ROOT, WORK, assay_files, conftest_fixtures, test_files


def main():
    sys.path[:0] = [ROOT, os.path.join(ROOT, "src")]
    os.chdir(WORK)
    inventory = {"root": ROOT, "app": None, "routes": [], "credentials": [], "functions": [], "errors": [],
                 "fixtures": conftest_fixtures()}
    env = apply_env(env_reads())
    relocate_instance_path()
    spec, errors = find_app()
    inventory["errors"] += errors
    if spec:
        try:
            builder = AppBuilder(spec)
            app = builder.build()
            spec["framework"] = spec["framework"] or framework_of(app)
            spec["factory_args"] = builder.shown_args
            spec["config_keys"] = dict(CONFIG_KEYS)
            spec["fast_hashing"] = fast_password_hashing()
            spec["refusals"] = factory_refusals(builder, env)
            spec["env"] = env
            spec["databases"] = builder.databases if builder.swapped is not None else None
            spec["setup_commands"] = builder.setup_commands
            spec["state"] = [{"module": r["module"], "attr": r["attr"], "kind": r.get("kind", "container")}
                             for r in builder.state]
            spec["instance_path"] = spec["framework"] == "flask"
            inventory["app"] = spec
            routes = fastapi_routes(app) if spec["framework"] == "fastapi" else flask_routes(app)
            inventory["credentials"] = find_credentials() + FACTORY_SECRETS
            if not inventory["credentials"]:
                inventory["credentials"] = constant_tokens(routes)
            if spec["framework"] == "flask" and (any(r.get("body_kind") == "form" for r in routes)
                                                 or SessionFlow(routes).usable):
                inventory["session"] = characterise_forms(builder, routes)
                inventory["forms"] = True
            else:
                with CLIENTS:
                    characterise(builder, spec["framework"], routes, inventory["credentials"])
            inventory["routes"] = routes
        except Exception:
            inventory["errors"].append(traceback.format_exc(limit=3))
        named = named_modules({spec.get("file")}) if not os.environ.get("ASSAY_PROBE_FUNCTIONS") else []
        if named:
            inventory["functions"], inventory["classes"] = explored([], [], only=named)
    if not spec or os.environ.get("ASSAY_PROBE_FUNCTIONS"):
        inventory["functions"], inventory["classes"] = explored(pure_functions(), classes())
        inventory["uncallable"] = UNCALLABLE
    inventory["test_files"] = test_files()
    inventory["assay_files"] = assay_files(inventory["test_files"])
    emit("inventory", inventory, default=lambda v: encode(v) if isinstance(v, TAGGED) else str(v))
