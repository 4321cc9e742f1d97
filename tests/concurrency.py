"""Calls released at the same moment from their own threads, each on its own
database connection, as parallel requests are."""

import threading

from django.db import connections


def at_once(actions: list) -> tuple[list, list]:
    """Run each of `actions` in its own thread, all released together; the
    values they returned and the errors they raised. Each thread closes its
    connections, so the test database can be flushed afterwards."""
    barrier = threading.Barrier(len(actions))
    results, errors = [], []

    def run(action):
        try:
            barrier.wait(timeout=20)
            results.append(action())
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
