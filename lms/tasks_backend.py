"""The RQ task backend, made to survive a Redis outage.

When Redis cannot be reached at enqueue time the task runs at once in the
current process (as the demo's immediate backend does) instead of failing the
request that asked for it: a certificate PDF is then rendered inline, slower but
never lost. Once Redis answers again, tasks go to the queue as usual.
"""

import logging

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_rq import RQBackend
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lms.tasks")


class ResilientRQBackend(RQBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self._inline = ImmediateBackend(alias, {"QUEUES": list(self.queues)})

    def enqueue(self, task, args, kwargs):
        try:
            return super().enqueue(task, args, kwargs)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            logger.warning(
                "task queue unavailable, running %s inline: %s", task.name, exc
            )
            return self._inline.enqueue(task, args, kwargs)
