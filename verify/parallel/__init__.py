"""Verification on every core, then on a cluster: the pipeline run by many processes at once.

`ProcessPool` matches articles on this machine's cores (`--jobs N`); the coordinating process
keeps reading articles and fetching their sources, politely, and the results come back in
article order. `DaskCluster` maps articles over the workers of a Dask cluster (`--dask ADDRESS`),
which read the cited pages from a shared HTTP cache or a cassette (`Store`). Both give the
results the coordinator would have made alone, byte for byte.
"""
from .cluster import ClusterError, DaskCluster
from .pool import ProcessPool, Work, default_jobs
from .worker import Store, match_article

__all__ = ["ClusterError", "DaskCluster", "ProcessPool", "Store", "Work", "default_jobs", "match_article"]
