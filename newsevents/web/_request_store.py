"""The store of one web request: opened read-only from the snapshot, with the store's errors
answered as HTTP errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from ..errors import QueryError, QueryTimeoutError, StoreError
from ..store import Store
from ..store.snapshot import Snapshot


@contextmanager
def reading(snapshot: Snapshot, not_found: tuple[type[Exception], ...] = (),
            exporting: bool = False) -> Iterator[Store]:
    """A read-only store from ``snapshot``; ``not_found`` errors answer 404, a bad filter
    400, a query past its time limit 503, any other store error 500. ``exporting``: the
    store may write export files (:meth:`Snapshot.exporting`)."""
    try:
        with (snapshot.exporting() if exporting else snapshot.store()) as store:
            yield store
    except not_found as exc:
        raise HTTPException(404, str(exc)) from exc
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from exc
    except QueryTimeoutError as exc:
        raise HTTPException(503, str(exc)) from exc
    except StoreError as exc:
        raise HTTPException(500, str(exc)) from exc
