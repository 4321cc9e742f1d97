"""Calls released at the same moment from their own threads, each on its own
database connection, as parallel requests are."""

import threading

from django.db import connections


def at_once(action, times: int) -> tuple[list, list]:
    """Run `action()` in `times` threads released together; the values they
    returned and the errors they raised. Each thread closes its connections,
    so the test database can be flushed afterwards."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(action())
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
