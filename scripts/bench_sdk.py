#!/usr/bin/env python3
"""The official Python SDK's side of `make bench-sdk`: log in, list one folder with values, print
it as dotenv lines (what `infisical-tui export` prints), exit.

Reads INFISICAL_URL, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID, INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET,
INFISICAL_PROJECT_ID, INFISICAL_ENVIRONMENT, INFISICAL_SECRET_PATH from the environment (never argv).
"""
import os
import sys

from infisical_sdk import InfisicalSDKClient


def main():
    env = os.environ
    client = InfisicalSDKClient(host=env["INFISICAL_URL"], cache_ttl=None)
    client.auth.universal_auth.login(client_id=env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"],
                                     client_secret=env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"])
    listed = client.secrets.list_secrets(project_id=env["INFISICAL_PROJECT_ID"],
                                         environment_slug=env.get("INFISICAL_ENVIRONMENT", "dev"),
                                         secret_path=env.get("INFISICAL_SECRET_PATH", "/"),
                                         expand_secret_references=True, include_imports=True)
    out = sys.stdout
    for s in listed.secrets:
        out.write(f"{s.secretKey}={s.secretValue}\n")


if __name__ == "__main__":
    main()
