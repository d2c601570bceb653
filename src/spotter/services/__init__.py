"""Use cases. Each takes what it needs (a unit of work, a catalog, settings) and owns its transaction."""
