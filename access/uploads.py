"""Who may upload, and the audit row of every attempt; the upload itself goes through the ETL.

Checks, the isolated dry run and the storing into the inbox are ``etl.upload.receive`` (the
ETL's entry point for uploads). This module adds what belongs to access: the permission check
(``Policy.can_upload``), the uploader's identity and scope handed to the ETL, and one audit row
per attempt, stored or refused.
"""

from __future__ import annotations

from pathlib import Path

from access.audit import AuditLog
from access.policy import Policy
from etl.upload import UploadResult, receive


def check_may_upload(policy: Policy) -> None:
    """Raise PermissionError for a principal who may not upload at all."""
    if not policy.can_upload:
        raise PermissionError(f"{policy.principal.user_id} (role {policy.role or 'none'}) may not upload files")


def audit_upload(audit: AuditLog | None, policy: Policy, result: UploadResult) -> UploadResult:
    """Record one upload attempt (stored or refused) in the audit log; returns the result with its audit id."""
    if audit is None:
        return result
    result.audit_id = audit.record(
        actor=policy.principal.user_id,
        role=policy.role.value if policy.role else None,
        action="upload",
        filters={"scope": sorted(policy.scope) if policy.scope is not None else None},
        fmt=Path(result.original_name).suffix.lower().lstrip(".") or None,
        row_count=len(result.dry.accepted) if result.dry is not None and result.stored else 0,
        file_name=result.stored_name or result.original_name,
        detail=result.detail,
    )
    return result


def receive_upload(
    name: str,
    data: bytes,
    policy: Policy,
    *,
    inbox: Path | None = None,
    warehouse: Path | None = None,
    audit: AuditLog | None = None,
    max_bytes: int | None = None,
) -> UploadResult:
    """Permission check, ``etl.upload.receive`` with the uploader's scope, and the audit row.

    Raises:
        PermissionError: The principal may not upload (the only exception; refusals are outcomes).
    """
    check_may_upload(policy)
    result = receive(
        name,
        data,
        scope=policy.scope,
        uploader=policy.principal.user_id,
        inbox=inbox,
        warehouse=warehouse,
        max_bytes=max_bytes,
    )
    return audit_upload(audit, policy, result)
