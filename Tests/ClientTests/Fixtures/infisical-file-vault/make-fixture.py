#!/usr/bin/env python3
"""Writes the Infisical CLI file-vault fixture with a real JOSE implementation (jwcrypto), the way
Infisical/go-keyring's file backend does it (dvsekhvalnov/jose2go): compact JWE,
PBES2-HS256+A128KW + A256GCM, payload = the credentials JSON encoded as a JSON string, file named by
the email (go-keyring percent-encodes only '%' and '/'), config with vaultBackendType "file" and the
passphrase base64 in vaultBackendPassphrase.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install jwcrypto && /tmp/v/bin/python make-fixture.py
"""
import base64, json, pathlib, sys
from jwcrypto.jwe import JWE

here = pathlib.Path(__file__).resolve().parent
passphrase = "correct horse battery staple"
email = "vault.user@optic.works"
creds = {"email": email, "privateKey": "",
         "JTWToken": "eyJhbGciOiJIUzI1NiJ9.eyJhdXRoVG9rZW5UeXBlIjoiYWNjZXNzVG9rZW4iLCJ1c2VySWQiOiJ1LXZhdWx0Iiwib3JnYW5pemF0aW9uSWQiOiJvMSJ9.fixture-signature",
         "RefreshToken": "fixture-refresh-token"}
payload = json.dumps(json.dumps(creds, separators=(",", ":")))  # a JSON string holding the JSON
jwe = JWE(payload.encode(), json.dumps({"alg": "PBES2-HS256+A128KW", "enc": "A256GCM", "p2c": 8192,
                                        "created": "2026-01-01 00:00:00 +0000 UTC"}))
jwe.add_recipient(passphrase)
vault = here / "home" / "infisical-keyring"
vault.mkdir(parents=True, exist_ok=True)
(vault / email.replace("%", "%25").replace("/", "%2F")).write_text(jwe.serialize(compact=True))
cfg = here / "home" / ".infisical"
cfg.mkdir(parents=True, exist_ok=True)
(cfg / "infisical-config.json").write_text(json.dumps({
    "loggedInUserEmail": email, "LoggedInUserDomain": "https://vault.example.test/api",
    "loggedInUsers": [{"email": email, "domain": "https://vault.example.test/api"}],
    "vaultBackendType": "file", "vaultBackendPassphrase": base64.b64encode(passphrase.encode()).decode()}))
(here / "expected-credentials.json").write_text(json.dumps(creds, separators=(",", ":")))
print("wrote", vault, file=sys.stderr)
