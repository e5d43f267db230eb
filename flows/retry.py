"""When a task that touches the database is retried: transient errors only, with exponential backoff."""

from __future__ import annotations

from typing import Any

import psycopg
import sqlalchemy.exc as sa_exc
from prefect.tasks import exponential_backoff

TRANSIENT = (
    ConnectionError,
    TimeoutError,
    psycopg.OperationalError,  # connection refused or lost, server shutting down
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
    sa_exc.OperationalError,
    sa_exc.DisconnectionError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,  # pool exhausted
)


def is_transient(error: BaseException | None) -> bool:
    """True for errors a retry can cure: lost connections, timeouts, serialization failures, deadlocks."""
    return isinstance(error, TRANSIENT)


def retry_if_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry a failed task run only when it failed on a transient error."""
    try:
        state.result()
    except Exception as err:  # noqa: BLE001 - the state's own exception is what we inspect
        return is_transient(err)
    return False


DB_RETRIES: dict[str, Any] = {
    "retries": 4,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),  # 2, 4, 8, 16 s
    "retry_jitter_factor": 0.5,
    "retry_condition_fn": retry_if_transient,
}
