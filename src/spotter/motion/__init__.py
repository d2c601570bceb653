"""Form check: from pose landmarks to repetitions, phases, range of motion and faults.

``motion.analysis`` is the pure core (numpy and scipy only): it never imports a pose library,
OpenCV, the store or the CLI, so it runs on a landmarks file without the vision extra.
"""
