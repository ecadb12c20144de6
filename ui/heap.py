"""The server's long-lived objects, frozen once out of the garbage collector's reach.

Streamlit runs a full garbage collection (``gc.collect(2)``) after every script run
(``runner.postScriptGC``). It walks every object the process tracks, ~160,000 here (the modules of
plotly, pandas, pyarrow, DuckDB and Streamlit, the region tree, the shared options), ~85 ms of CPU
per rerun on the bench machine at 1M rows: more than a Districts filter change spends on its queries
and figures together, holding the GIL while the run's last messages wait to be sent.

Those objects live as long as the process. ``gc.freeze()`` moves them to a permanent generation that
collections skip; they are still freed by reference counting, and everything created later (a
run's frames, cached query results) is collected as before. It is done once per process, on the
first run that finds the warehouse open (modules imported and the shared caches loaded), right after
a collection, so the only objects frozen are ones alive at that moment.
"""

from __future__ import annotations

import atexit
import gc
import threading

_LOCK = threading.Lock()
_frozen = False


def freeze_once() -> bool:
    """Collect, then freeze every object alive now; only the first call in a process does anything.

    Returns:
        True when this call froze the heap.
    """
    global _frozen
    if _frozen:
        return False
    with _LOCK:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        # At exit the frozen objects go back to the collector, so the interpreter's last collections
        # free them as usual (extension modules check at shutdown that their objects were freed).
        atexit.register(gc.unfreeze)
        _frozen = True
        return True
