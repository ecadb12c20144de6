"""Word boundaries in Chinese text, from jieba's segmentation (its dictionary ships with the
package: nothing is downloaded). Loaded on first use only, because building jieba's prefix
dictionary costs about a second; after that a check segments a window of a few characters.
"""

from __future__ import annotations

import functools
import logging

_WINDOW = 6  # characters of context on each side: enough for a neighbouring two- to four-character word


@functools.cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where a word starts or ends (0 and len(text) included)."""
    out, pos = {0}, 0
    for w in _tokenizer().cut(text, HMM=False):
        pos += len(w)
        out.add(pos)
    return out


def is_word_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one or more whole words: segmentation of the window around
    it puts a boundary at both ends (滨江 in 滨江区 or 在滨江举办: yes; in 滨江大道: no)."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    cuts = boundaries(text[lo:hi])
    return (start - lo) in cuts and (end - lo) in cuts
