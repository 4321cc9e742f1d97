"""Structured logging: one JSON object per line, each with the request's ID.

The ID travels in a context variable set by `lms.middleware.RequestIdMiddleware`,
so every log line written while serving a request carries it, whichever module
logs; outside a request it is "-".
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar(
    "request_id", default="-"
)

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                plain = isinstance(value, str | int | float)
                entry[key] = value if plain else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


@receiver(request_finished, dispatch_uid="lms_request_id")
def clear_request_id(**kwargs) -> None:
    request_id_var.set("-")
