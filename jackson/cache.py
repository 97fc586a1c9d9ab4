"""Django's Redis cache, without a new Redis client object for every cache call; and the disk cache's
SQLite connections kept across requests (``JacksonDiskCache``).

Django's ``RedisCacheClient.get_client`` builds a ``redis.Redis`` around the
(shared) connection pool on every ``get``/``set``/``incr``. Building one costs
more Python than the round trip to Redis itself; the feedback endpoint makes
four cache calls per submission, so this was a fifth of its time. redis-py
clients are thread-safe and hold no connection of their own, so one client per
pool is enough.
"""

from diskcache import DjangoCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


#: Count an event in a window that opens with the first one: INCR, and start the clock on a new key.
WINDOW_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""


class JacksonRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._window_scripts = {}  # one registered script per (reused) client

    def incr_window(self, key, timeout):
        """Count one more event in a window that opens at the first one and lasts ``timeout`` seconds.

        One command, a small Lua script run atomically by Redis (``INCR``, then ``EXPIRE`` when
        the count is 1), where ``add()`` and ``incr()`` take three round trips and a MULTI/EXEC
        pipeline sends four commands and parses four replies.
        """
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        script = self._window_scripts.get(id(client))
        if script is None:
            script = self._window_scripts[id(client)] = client.register_script(WINDOW_SCRIPT)
        return int(script(keys=[key], args=[int(timeout)]))


class JacksonDiskCache(DjangoCache):
    """diskcache's Django cache, keeping its SQLite connections open from one request to the next.

    Django closes every cache when a request finishes (``request_finished`` -> ``close_caches``),
    and diskcache's ``close()`` closes its SQLite connections: every request then opened them
    again, one per shard it touched, each with its PRAGMAs (about thirty SQLite statements a
    request, a page-cache hit or ``/healthz`` alike). The connections are per thread and per
    process (diskcache reconnects after a fork), so keeping them is what a long-lived worker wants;
    they close when the worker exits.
    """

    def close(self, **kwargs):
        pass
