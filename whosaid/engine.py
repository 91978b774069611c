"""Where the map step runs: a pool of local processes (the default), or a Dask distributed cluster.

The map step is `prepare_article`, a pure function of one article, the
registry and the codebook; the archive-wide resolve step is a reduction keyed
by surname (whosaid/resolve.py). Both go to the cluster with
`build --scheduler ADDRESS` (a running `dask scheduler`) or `--scheduler
local:N` (a LocalCluster of N worker processes started for the build). The
registry and the codebook are scattered to every worker once; chunks of
articles go out as tasks, a few ahead of the one being written, and come back
in their order, so the database is the one a local build writes. The SQLite
writer stays in this process: it is one file.

dask[distributed] is an optional extra: `pip install -e '.[dask]'`.
"""

import importlib.util
import logging
import re

LOCAL = re.compile(r"^local:(\d+)$")
INSTALL = "the Dask engine needs dask[distributed]: run .venv/bin/pip install -e '.[dask]'"


class SchedulerError(ValueError):
    """A --scheduler that cannot be used; the message says what to do."""


def check_scheduler(scheduler):
    """None if `scheduler` reads as local:N or an address and Dask is installed; else why not."""
    if scheduler is None:
        return None
    local = LOCAL.match(scheduler)
    if local and int(local.group(1)) < 1:
        return "local:N needs at least one worker, such as local:2"
    if not local and not re.match(r"^(tcp|tls|inproc|ucx)://|^[\w.-]+:\d+$", scheduler):
        return (f"--scheduler {scheduler!r} is neither local:N nor a scheduler's address "
                "(tcp://host:8786, or host:8786)")
    if importlib.util.find_spec("distributed") is None:
        return INSTALL
    return None


class DaskPool:
    """A Dask cluster: tasks of chunks, with the registry and codebook scattered to every worker once."""

    def __init__(self, scheduler, shared):
        problem = check_scheduler(scheduler)
        if problem:
            raise SchedulerError(problem)
        from distributed import Client, LocalCluster

        local = LOCAL.match(scheduler)
        self.cluster = None
        if local:
            # One thread a worker: the map step holds the GIL, so threads would not run in parallel.
            self.cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler if "://" in scheduler else f"tcp://{scheduler}")
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self.shared = self.client.scatter(shared, broadcast=True)

    def submit(self, function, articles):
        # pure=False: two chunks with equal contents are still two tasks, each awaited once.
        return self.client.submit(function, articles, self.shared, pure=False)

    def map_reduce(self, function, partitions):
        """function(partition) for each partition, on the cluster; the results in the partitions' order."""
        return self.client.gather(self.client.map(function, partitions, pure=False))

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
