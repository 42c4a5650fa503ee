"""Operations: one structured log line per request, with a request id every other log line shares.

``RequestLogMiddleware`` (first in ``MIDDLEWARE``) takes the proxy's ``X-Request-ID`` when it looks like
one, or makes one, returns it in the response and logs ``request_id``, ``method``, ``path``, ``status``,
``duration_ms`` and ``cache`` (HIT/MISS of the page cache) to the ``cop.request`` logger. No query
string, address, user agent or user is logged: query strings and those fields can carry personal data.
``RequestIdFilter`` puts the current request id on every log record (``production.py`` writes them as
JSON lines to stdout).
"""

import contextvars
import logging
import re
import time
import uuid

logger = logging.getLogger("cop.request")

_request_id = contextvars.ContextVar("cop_request_id", default="-")
REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,100}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        response = None
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            # Django turns view exceptions into responses; ``None`` here means a middleware itself failed.
            status = response.status_code if response is not None else 500
            cache_state = response.get("X-Cache", "") if response is not None else ""
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "cache": cache_state,
                },
            )
            _request_id.reset(token)
