"""Training science: pure functions and frozen values, standard library only.

Nothing here reads the clock, the environment or the database; dates and times are arguments.
Every number comes from ``SCIENCE.md`` and each module names its sources and choices.

* :mod:`~spotter.science.units` -- kilograms and pounds (1 lb = 0.45359237 kg exactly).
* :mod:`~spotter.science.rpe` -- RPE and reps in reserve (Zourdos), the RTS %1RM chart.
* :mod:`~spotter.science.one_rm` -- seven e1RM formulas and the default estimator.
* :mod:`~spotter.science.plates` -- plate sets, bars, inventories, per-side breakdown.
* :mod:`~spotter.science.loading` -- rounding a load to the user's barbell, dumbbells or stack.
* :mod:`~spotter.science.warmup` -- warm-up ramps with their plates.
* :mod:`~spotter.science.records` -- the plain set and session records the science reads.
* :mod:`~spotter.science.prescription` -- what a progression rule prescribes.
* :mod:`~spotter.science.rules` -- progression rules as values.
* :mod:`~spotter.science.progression` -- :func:`~spotter.science.progression.evaluate`: a rule
  applied to a history (with :mod:`~spotter.science.wave531` and :mod:`~spotter.science.gzclp`).
* :mod:`~spotter.science.volume` -- weekly fractional sets per muscle against RP landmarks.
* :mod:`~spotter.science.recovery` -- per-muscle recovery, 0-100 %.
* :mod:`~spotter.science.banister` -- the fitness-fatigue model.
* :mod:`~spotter.science.limits` -- plausible ranges of every recorded number and date.
"""
