"""The performance benchmark of the dashboard: ``python -m bench`` (see bench/__main__.py).

Modules, one per thing measured:

* ``data``         synthetic CSV cache and the benchmark warehouse built by the real ETL
* ``etl_bench``    ETL throughput against DuckDB's raw ``read_csv`` of the same file
* ``workload``     the pages, the queries each page runs, the filter sets, and the same
                   aggregates as raw DuckDB SQL and as pandas
* ``query_bench``  server-side query timings (no Streamlit cache) against raw SQL and pandas
* ``browser_bench`` headless Chromium: first load and filter change, against ``one_chart_app``
* ``memory``       peak RSS of a process tree (psutil)
* ``report``       the one printed table and the JSON file

Nothing here imports streamlit except ``one_chart_app`` (a Streamlit script run by the server).
"""
