#!/usr/bin/env python3
"""Conformance of the dev server with the official Python SDK (infisicalsdk==1.0.18).

Usage:  .venv/bin/python scripts/sdk_conformance.py --ready-file PATH
        (PATH is the dev server's --ready-file: {"url", "identities":[{role, clientId, clientSecret}]})
   or:  INFISICAL_URL=… INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=… INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=… \
        .venv/bin/python scripts/sdk_conformance.py
Credentials are read from the file or the environment, never from argv. Exit 0 only if every check passed.
"""
import argparse
import json
import os
import sys
import traceback
import uuid

try:
    from infisical_sdk import InfisicalSDKClient
    from infisical_sdk.infisical_requests import APIError
except ImportError as e:  # pragma: no cover - a setup problem, not a conformance failure
    print(f"cannot import infisical_sdk ({e}); create the venv: scripts/setup-venv "
          "(python3 -m venv .venv && .venv/bin/pip install infisicalsdk==1.0.18)", file=sys.stderr)
    sys.exit(2)

HIDDEN = "<hidden-by-infisical>"
PROJECT = "opticworks-store"
results = []  # (name, ok, detail)


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else f": {detail}"), flush=True)
    return bool(cond)


def expect_api_error(name, status, fn):
    try:
        fn()
    except APIError as e:
        return check(name, e.status_code == status, f"status {e.status_code}, want {status}: {e}")
    except Exception as e:  # noqa: BLE001
        return check(name, False, f"raised {type(e).__name__}: {e}")
    return check(name, False, f"no error, want HTTP {status}")


def client_for(url, ident):
    c = InfisicalSDKClient(host=url, cache_ttl=None)  # no SDK cache: every call must hit the server
    c.auth.universal_auth.login(client_id=ident["clientId"], client_secret=ident["clientSecret"])
    return c


def load_config(args):
    if args.ready_file:
        with open(args.ready_file) as f:
            ready = json.load(f)
        ids = {i["role"]: i for i in ready["identities"]}
        return ready["url"], ids
    url = os.environ.get("INFISICAL_URL")
    cid = os.environ.get("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID")
    sec = os.environ.get("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET")
    if not (url and cid and sec):
        print("need --ready-file or INFISICAL_URL + INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET", file=sys.stderr)
        sys.exit(2)
    return url, {"admin": {"clientId": cid, "clientSecret": sec}}


def run(url, ids):
    tag = uuid.uuid4().hex[:8].upper()

    # --- auth
    sdk = InfisicalSDKClient(host=url, cache_ttl=None)
    login = sdk.auth.universal_auth.login(client_id=ids["admin"]["clientId"], client_secret=ids["admin"]["clientSecret"])
    check("login: accessToken", isinstance(login.accessToken, str) and login.accessToken.count(".") == 2, login)
    check("login: tokenType Bearer", login.tokenType == "Bearer", login.tokenType)
    check("login: expiresIn > 0", isinstance(login.expiresIn, int) and login.expiresIn > 0, login.expiresIn)
    check("login: token set on client", sdk.get_token() == login.accessToken)
    bad = InfisicalSDKClient(host=url, cache_ttl=None)
    expect_api_error("login: wrong secret → 401", 401,
                     lambda: bad.auth.universal_auth.login(client_id=ids["admin"]["clientId"], client_secret="wrong"))

    # The SDK has no projects API; its own session (same headers) resolves the slug.
    project = sdk.api.get(path=f"/api/v1/projects/slug/{PROJECT}", model=dict).data
    pid = project["id"]
    check("project id resolved via SDK session", isinstance(pid, str) and pid, project)

    # --- list
    lst = sdk.secrets.list_secrets(project_id=pid, environment_slug="dev", secret_path="/stripe",
                                   expand_secret_references=False, include_imports=False)
    keys = {s.secretKey: s for s in lst.secrets}
    check("list: STRIPE_SECRET_KEY in dev /stripe", "STRIPE_SECRET_KEY" in keys, sorted(keys))
    stripe = keys.get("STRIPE_SECRET_KEY")
    check("list: values shown by default", stripe is not None and stripe.secretValue not in ("", HIDDEN), stripe)
    check("list: secret fields", stripe is not None and stripe.environment == "dev" and stripe.workspace == pid
          and stripe.type == "shared" and stripe.version >= 1 and stripe.id == stripe._id, stripe)
    hidden = sdk.secrets.list_secrets(project_id=pid, environment_slug="dev", secret_path="/stripe", view_secret_value=False)
    check("list: viewSecretValue=false hides all values",
          hidden.secrets and all(s.secretValue == HIDDEN and s.secretValueHidden is True for s in hidden.secrets),
          [(s.secretKey, s.secretValue, s.secretValueHidden) for s in hidden.secrets])
    by_slug = sdk.secrets.list_secrets(project_slug=PROJECT, environment_slug="dev", secret_path="/", recursive=True,
                                       include_imports=True)
    paths = {s.secretKey: s.secretPath for s in by_slug.secrets}
    check("list: by slug, recursive carries secretPath", paths.get("STRIPE_SECRET_KEY") == "/stripe", paths)
    check("list: imports parsed", isinstance(by_slug.imports, list)
          and all(i.secretPath and i.environment for i in by_slug.imports), by_slug.imports)

    # --- get
    got = sdk.secrets.get_secret_by_name(secret_name="STRIPE_SECRET_KEY", project_id=pid, environment_slug="dev",
                                         secret_path="/stripe")
    check("get: value equals list value", stripe is not None and got.secretValue == stripe.secretValue)
    check("get: secretPath", got.secretPath == "/stripe", got.secretPath)
    expect_api_error("get: unknown secret → 404", 404, lambda: sdk.secrets.get_secret_by_name(
        secret_name=f"NOPE_{tag}", project_id=pid, environment_slug="dev", secret_path="/"))

    # --- create / update / rename / delete
    name, renamed = f"SDK_CONF_{tag}", f"SDK_CONF_{tag}_RENAMED"
    created = sdk.secrets.create_secret_by_name(secret_name=name, project_id=pid, environment_slug="dev",
                                                secret_path="/stripe", secret_value="v1", secret_comment="c1")
    check("create: returned", created.secretKey == name and created.secretValue == "v1" and created.version == 1, created)
    expect_api_error("create: duplicate → 400", 400, lambda: sdk.secrets.create_secret_by_name(
        secret_name=name, project_id=pid, environment_slug="dev", secret_path="/stripe", secret_value="dup"))
    g1 = sdk.secrets.get_secret_by_name(secret_name=name, project_slug=PROJECT, environment_slug="dev", secret_path="/stripe")
    check("create: readable by slug", g1.secretValue == "v1" and g1.secretComment == "c1", g1)

    upd = sdk.secrets.update_secret_by_name(current_secret_name=name, project_id=pid, environment_slug="dev",
                                            secret_path="/stripe", secret_value="v2", secret_comment="c2")
    check("update: version 2", upd.version == 2 and upd.secretValue == "v2", upd)
    g2 = sdk.secrets.get_secret_by_name(secret_name=name, project_id=pid, environment_slug="dev", secret_path="/stripe")
    check("update: value and comment", g2.secretValue == "v2" and g2.secretComment == "c2", g2)
    old = sdk.secrets.get_secret_by_name(secret_name=name, project_id=pid, environment_slug="dev", secret_path="/stripe",
                                         version="1")
    check("get: version=1 is the old value", old.secretValue == "v1" and old.version == 1, old)

    rn = sdk.secrets.update_secret_by_name(current_secret_name=name, project_slug=PROJECT, environment_slug="dev",
                                           secret_path="/stripe", new_secret_name=renamed)
    check("rename: returned new key", rn.secretKey == renamed, rn)
    expect_api_error("rename: old name → 404", 404, lambda: sdk.secrets.get_secret_by_name(
        secret_name=name, project_id=pid, environment_slug="dev", secret_path="/stripe"))
    g3 = sdk.secrets.get_secret_by_name(secret_name=renamed, project_id=pid, environment_slug="dev", secret_path="/stripe")
    check("rename: value kept", g3.secretValue == "v2", g3)

    deleted = sdk.secrets.delete_secret_by_name(secret_name=renamed, project_id=pid, environment_slug="dev",
                                                secret_path="/stripe")
    check("delete: returned", deleted.secretKey == renamed, deleted)
    expect_api_error("delete: then get → 404", 404, lambda: sdk.secrets.get_secret_by_name(
        secret_name=renamed, project_id=pid, environment_slug="dev", secret_path="/stripe"))
    after = sdk.secrets.list_secrets(project_id=pid, environment_slug="dev", secret_path="/stripe")
    check("delete: gone from list", all(s.secretKey not in (name, renamed) for s in after.secrets))

    # --- references through the SDK (it expands by default)
    sdk.secrets.create_secret_by_name(secret_name=f"SDK_BASE_{tag}", project_id=pid, environment_slug="dev",
                                      secret_path="/", secret_value="base")
    sdk.secrets.create_secret_by_name(secret_name=f"SDK_REF_{tag}", project_id=pid, environment_slug="dev",
                                      secret_path="/", secret_value=f"x-${{SDK_BASE_{tag}}}")
    ref = sdk.secrets.get_secret_by_name(secret_name=f"SDK_REF_{tag}", project_id=pid, environment_slug="dev", secret_path="/")
    check("references: expanded by default", ref.secretValue == "x-base", ref.secretValue)

    # --- folders
    fname = f"sdk-{tag.lower()}"
    folder = sdk.folders.create_folder(name=fname, environment_slug="dev", project_id=pid, path="/")
    check("folder create: returned", folder.name == fname and folder.path == f"/{fname}" and folder.id, folder)
    sub = sdk.folders.create_folder(name="nested", environment_slug="dev", project_id=pid, path=f"/{fname}")
    check("folder create nested: path", sub.path == f"/{fname}/nested", sub)
    top = sdk.folders.list_folders(project_id=pid, environment_slug="dev", path="/")
    top_names = [f.name for f in top.folders]
    check("folder list: new folder at /", fname in top_names and "nested" not in top_names, top_names)
    rec = sdk.folders.list_folders(project_id=pid, environment_slug="dev", path="/", recursive=True)
    rec_names = [f.name for f in rec.folders]
    rel = {f.name: f.relativePath for f in rec.folders}
    check("folder list recursive: relativePath", rel.get("nested") == f"/{fname}/nested", rel.get("nested"))
    check("folder list recursive (sent as 'True'): nested folder", "nested" in rec_names and "stripe" in rec_names, rec_names)
    byid = sdk.folders.get_folder_by_id(id=folder.id)
    check("folder get by id", byid.name == fname and byid.path == f"/{fname}", byid)
    in_folder = sdk.secrets.create_secret_by_name(secret_name=f"IN_FOLDER_{tag}", project_id=pid, environment_slug="dev",
                                                  secret_path=f"/{fname}/nested", secret_value="deep")
    check("secret in new folder", in_folder.secretValue == "deep", in_folder)
    moved = sdk.folders.update_folder(folder_id=folder.id, name=fname + "-renamed", environment_slug="dev", project_id=pid, path="/")
    check("folder rename", moved.name == fname + "-renamed", moved)
    gone = sdk.folders.delete_folder(folder_id_or_name=folder.id, environment_slug="dev", project_id=pid, path="/",
                                     force_delete=True)
    check("folder delete", gone.id == folder.id, gone)
    top2 = sdk.folders.list_folders(project_id=pid, environment_slug="dev", path="/")
    names2 = [f.name for f in top2.folders]
    check("folder delete: gone from list", fname + "-renamed" not in names2, names2)

    # --- roles through the SDK
    if "viewer" in ids and "developer" in ids:
        viewer, dev = client_for(url, ids["viewer"]), client_for(url, ids["developer"])
        v = viewer.secrets.list_secrets(project_id=pid, environment_slug="prod", secret_path="/stripe")
        check("viewer: can read prod", any(s.secretKey == "STRIPE_SECRET_KEY" for s in v.secrets))
        expect_api_error("viewer: create in dev → 403", 403, lambda: viewer.secrets.create_secret_by_name(
            secret_name=f"VIEWER_{tag}", project_id=pid, environment_slug="dev", secret_path="/", secret_value="x"))
        expect_api_error("developer: create in prod → 403", 403, lambda: dev.secrets.create_secret_by_name(
            secret_name=f"DEVPROD_{tag}", project_id=pid, environment_slug="prod", secret_path="/", secret_value="x"))
        d = dev.secrets.create_secret_by_name(secret_name=f"DEVSTG_{tag}", project_id=pid, environment_slug="staging",
                                              secret_path="/", secret_value="ok")
        check("developer: create in staging", d.secretValue == "ok", d)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ready-file", help="the dev server's --ready-file")
    args = ap.parse_args()
    url, ids = load_config(args)
    try:
        run(url, ids)
    except Exception as e:  # noqa: BLE001 - report and fail; the summary below still prints
        check(f"unexpected {type(e).__name__}", False, f"{e}\n{traceback.format_exc(limit=3)}")
    failed = [r for r in results if not r[1]]
    print(f"sdk conformance: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    for name, _, detail in failed:
        print(f"  FAILED {name}: {detail}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
