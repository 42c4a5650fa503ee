"""Running one action from many threads at the same moment (PostgreSQL race tests)."""

import threading

from django.db import connections

UNFINISHED = object()


def all_at_once(action, items, *, timeout=120):
    """Call ``action(item)`` for every item at the same moment, each in its own thread (and database
    connection). Returns the outcomes in the order of ``items``: what ``action`` returned, or the
    exception it raised. Fails if a thread has not finished within ``timeout`` seconds."""
    barrier = threading.Barrier(len(items))
    outcomes = [UNFINISHED] * len(items)

    def run(index, item):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = action(item)
        except Exception as error:  # noqa: BLE001 - the caller decides which errors are expected
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, item)) for index, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert UNFINISHED not in outcomes, "a thread did not finish in time"
    return outcomes


def errors(outcomes) -> list[Exception]:
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]
