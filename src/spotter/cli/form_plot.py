"""`spotter form --plot`: the primary signal with rep boundaries and phases shaded (PNG)."""

from __future__ import annotations

from pathlib import Path

from spotter.errors import SpotterError
from spotter.services.form import FormReport

#: Phase -> colour of its shading.
_COLOURS = {"concentric": "tab:green", "eccentric": "tab:blue", "pause": "tab:grey"}


def save_plot(report: FormReport, path: Path) -> None:
    """Draw the signal over time, shade each rep's phases, mark rep starts and ends."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Patch

    sig = report.signal
    t = np.arange(sig.values.size) / sig.fps
    fig, ax = plt.subplots(figsize=(10, 3.5), dpi=100)
    try:
        ax.plot(t, sig.values, color="black", linewidth=1.2)
        for r in report.analysis.reps:
            reached = r.start + r.first_phase
            left = reached + r.pause_at_turn
            spans = [
                (r.start, reached, r.first_phase_name),
                (reached, left, "pause"),
                (left, r.end, "eccentric" if r.first_phase_name == "concentric" else "concentric"),
            ]
            for a, b, phase in spans:
                if b > a:
                    ax.axvspan(a, b, color=_COLOURS[phase], alpha=0.25, linewidth=0)
            ax.axvline(r.start, color="black", linestyle=":", linewidth=0.8)
            ax.axvline(r.end, color="black", linestyle=":", linewidth=0.8)
            ax.text(
                (r.start + r.end) / 2,
                1.0,
                str(r.index),
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
            )
        name = report.exercise.name if report.exercise else "Generic counter"
        ax.set_title(f"{name}: {report.analysis.count} reps", loc="left", fontsize=10)
        ax.set_xlabel("time (s)")
        ax.set_ylabel(f"{sig.name} ({sig.unit})")
        ax.legend(
            handles=[Patch(color=c, alpha=0.4, label=k) for k, c in _COLOURS.items()],
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncol=3,
            frameon=False,
            fontsize=8,
        )
        fig.tight_layout()
        try:
            fig.savefig(path, format="png")
        except OSError as exc:
            raise SpotterError(f"--plot {path}: cannot write the image ({exc})") from None
    finally:
        plt.close(fig)
