"""The planner: weekly programs and mesocycles.

``planning.model`` is pure (standard library, knowledge, science and the profile): targets,
session time, the plan records, the constraint checks and a greedy baseline. Solvers live
outside it.
"""
