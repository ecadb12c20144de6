"""Identity, roles, district scope, audit and uploads (issue 5). Imports no streamlit.

- ``access.roles``: the roles file (config/roles.toml) and its strict schema.
- ``access.policy``: Principal and Policy: pages, downloads, uploads, forced district scope.
- ``access.audit``: the append-only SQLite audit log of downloads and uploads.
- ``access.uploads``: who may upload and the audit row of each attempt (the checks, dry run and inbox storage are ``etl.upload``).
- ``access.oidc``: whether sign-in is configured and how identity claims are read.
"""
