"""The map step: each article read, repaired, split, its quotes extracted and tagged, in order.

`prepare_article` is a pure function of one article, the registry and the
codebook. `stream_prepared` yields the prepared articles in the listings'
order: from the cache of prepared articles, from a pool of local worker
processes, from a Dask cluster (whosaid/engine.py), or, for a few articles,
prepared here.
"""

import collections
import concurrent.futures
import contextlib
import itertools
import multiprocessing
import os
import threading
import time

from .articles import read_article
from .cache import article_key, pack, unpack
from .extract import extract_quotes
from .paragraphs import split_paragraphs
from .repair import repair_text
from .tagging import tag_article

# Below this many articles, starting processes costs more than it saves.
PARALLEL_FROM = 64
# Articles per task sent to a worker, and tasks queued per worker: enough to
# keep every core busy while the main process writes, few enough to bound memory.
CHUNK = 32
QUEUED_PER_WORKER = 3


def stream_prepared(listings, registry, workers, cache, fingerprint_hex, problems, phases=None, codebook=None,
                    cluster=None):
    """Yield each readable article prepared, in the listings' order.

    Cache hits are yielded as they are; the rest go in chunks to a pool of
    `workers` processes, or to `cluster` (an engine.DaskPool), a few chunks
    ahead of the one being consumed. prepare_article is a pure function of one
    article, the registry and the codebook, so the chunks can be prepared in
    any order and are consumed in theirs.
    """
    phases = phases or (lambda name: contextlib.nullcontext())
    pool = None
    if cluster is not None:
        workers = cluster.workers
    elif workers > 1 and len(listings) >= PARALLEL_FROM:
        # Spawned, not forked: a forked worker starts with a copy of everything the main process holds.
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=use_registry,
                                                      initargs=(registry, os.getpid(), codebook),
                                                      mp_context=multiprocessing.get_context("spawn"))
    queued = collections.deque()
    try:
        for chunk in batched(listings, CHUNK):
            with phases("read articles, look up cache"):
                raws = [raw for listing in chunk if (raw := read_article(listing, problems)) is not None]
                keys = {raw["id"]: article_key(fingerprint_hex, raw) for raw in raws}
                cached = cache.get_many(keys)
                misses = [raw for raw in raws if raw["id"] not in cached]
            if cluster is not None and misses:
                prepared = cluster.submit(prepare_shared_chunk, misses)
            elif pool and misses:
                prepared = pool.submit(prepare_chunk, misses)
            else:
                with phases("prepare articles"):
                    prepared = [pack(prepare_article(raw, registry, codebook)) for raw in misses]
            queued.append((raws, keys, cached, prepared))
            while len(queued) > (workers * QUEUED_PER_WORKER if pool or cluster is not None else 0):
                yield from merge_chunk(*queued.popleft(), cache, phases)
        while queued:
            yield from merge_chunk(*queued.popleft(), cache, phases)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def merge_chunk(raws, keys, cached, prepared, cache, phases):
    """The chunk's articles in order: cached ones as they were, new ones stored in the cache."""
    if not isinstance(prepared, list):   # a task of the pool or the cluster
        with phases("wait for workers"):
            prepared = prepared.result()
    fresh = iter(prepared)
    for raw in raws:
        article = cached.get(raw["id"])
        if article is None:
            with phases("read articles, look up cache"):
                packed = next(fresh)
                article = unpack(packed)
                cache.put(raw["id"], keys[raw["id"]], packed)
        article["input_key"] = keys[raw["id"]]   # what it was prepared from, kept for the next build
        yield article


def batched(items, size):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# Each worker process receives the registry and the codebook once, when it starts, not with every chunk.
_worker_registry = None
_worker_codebook = None


def use_registry(registry, parent_pid, codebook=None):
    global _worker_registry, _worker_codebook
    _worker_registry, _worker_codebook = registry, codebook
    # A worker whose build was killed (kill -9 leaves no time to stop the pool) ends by itself. The
    # parent's pid comes from the parent: a worker still starting when it died has a new parent already.
    threading.Thread(target=exit_with_parent, args=(parent_pid,), daemon=True).start()


def exit_with_parent(parent_pid, every=0.5):
    while os.getppid() == parent_pid:
        time.sleep(every)
    os._exit(1)


def prepare_chunk(raw_articles):
    # Packed in the worker: the pool would pickle the articles to send them anyway, and the cache
    # keeps them packed, so the main process (the build's busiest) only unpacks.
    return [pack(prepare_article(raw, _worker_registry, _worker_codebook)) for raw in raw_articles]


def prepare_shared_chunk(raw_articles, shared):
    """prepare_chunk on a Dask worker: `shared` is the (registry, codebook) scattered to every worker once."""
    registry, codebook = shared
    return [pack(prepare_article(raw, registry, codebook)) for raw in raw_articles]


def prepare_article(raw_article, registry, codebook=None):
    """Repair one article's text, split it into paragraphs, extract its quotes and, given the compiled
    codebook, tag them with their issues and suggest their positions; pure."""
    text, repair_list = repair_text(raw_article["raw_text"])
    published = raw_article["published"]
    article = {
        **{key: value for key, value in raw_article.items() if key != "raw_text"},
        "published": published.isoformat() if published else None,
        "text": text,
        "words": len(text.split()),
        "repairs": len(repair_list),
        "repair_list": repair_list,
        "paragraphs": split_paragraphs(text, headline=raw_article["headline"]),
    }
    try:
        extracted = extract_quotes(article, registry)
    except Exception as error:  # noqa: BLE001 - one article's odd text must not stop the whole archive's build
        extracted = {"quotes": [], "new_people": [], "introduced": [], "statements": []}
        article["extraction_error"] = f"{type(error).__name__}: {error}"
    article["quotes"] = extracted["quotes"]
    article["new_people"] = extracted["new_people"]
    article["introduced"] = extracted["introduced"]
    article["statements"] = extracted["statements"]
    article["tags"] = tag_article(article, codebook) if codebook else None
    return article
