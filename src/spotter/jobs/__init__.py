"""Form checks off the request path: clip storage, the analysis job and the queues that run it.

* :mod:`spotter.jobs.storage`: uploads checked (size, container) and kept under their SHA-256.
* :mod:`spotter.jobs.analyse`: the job itself, :func:`~spotter.jobs.analyse.run_check`: claim
  the check, analyse the clip with a warm checker, draw the annotated video, store the result
  once. The same function runs in every queue.
* :mod:`spotter.jobs.local`: on the embedded SQLite database, a thread pool inside the server
  (``spotter serve``); checks left unfinished by a stopped server are taken up at its start.
* :mod:`spotter.jobs.pg`: on PostgreSQL, a Procrastinate queue; ``spotter worker`` processes on
  any machine that reaches the database and the clip storage take the jobs, and a job whose
  worker died is retried by another.
"""
