"""Imported by the page workers' forkserver: the transforms with their dictionaries loaded, once for every worker.

Importing this module loads what every page needs (modules, word dictionaries, IDF table, the
line-kind model) by reading a small page, so that a worker forked from that process starts warm.
"""

from __future__ import annotations

from flows.budget import warm_up

warm_up()
