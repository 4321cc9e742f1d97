"""gunicorn configuration for the web tier (read automatically from the project
directory; every value can be overridden by the environment).

Workers are synchronous processes: the pages are short database-bound requests,
and several machines can run this same file behind a load balancer because no
state lives in the process (sessions in the database, cache in Redis, media in
shared storage).
"""

import multiprocessing
import os

wsgi_app = "lms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound. Under
# a steady load every worker reaches the limit at about the same time, and each
# replacement spends some seconds of CPU booting: the jitter is half the limit,
# so replacements come one at a time instead of all in one burst (a 10 %
# jitter replaced all five workers within 14 s and held every request for
# seconds, docs/load-test.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 2
# Behind a proxy that sets X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The access log carries the request ID the application echoes in its response.
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, '
    '"bytes": "%(b)s", "duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
