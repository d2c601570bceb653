"""Contact sheets of the real clips, to check rep counts by eye against the label files.

For each clip in ../shared/data/pose this runs the whole video path (MediaPipe, then the
analysis `spotter form` runs) and writes ``bench/out/review/NAME.png``: every third frame,
each captioned with its frame number and time (at the video's own frame rate), and

- a red frame around the thumbnails that carry a label 1.0 in ``NAME.labels.csv``;
- under each thumbnail, what the analysis says of that moment: ``rep N ^`` while rep N leaves
  the start position, ``rep N turn`` at its turn, ``rep N v`` on the way back, ``rest``
  between reps, ``unfinished`` for a rep the clip cuts off.

Use it to see what a rep count means on a clip: the labels sit at rep boundaries (a rep's
start, between two reps, or after the last), so their number is not the number of completed
reps on every clip (tests/integration/test_form_video_real.py has the review).

    python bench/review_clips.py [--pose DIR] [--out DIR] [--every 3]

Needs the vision extra (`spotter vision install`).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CLIPS = {
    "pull-up_5": "pull-up",
    "pull-up_11": "pull-up",
    "push-up_37": "push-up",
    "squat_18": "bodyweight-squat",
}
THUMB_HEIGHT = 180
COLUMNS = 10


def labelled_frames(path: Path) -> set[int]:
    with path.open(newline="") as fh:
        return {int(row["frame"]) for row in csv.DictReader(fh) if float(row["label"]) == 1.0}


def phase_at(t: float, analysis) -> str:  # type: ignore[no-untyped-def]
    """What the analysis says the lifter is doing at time ``t`` (seconds)."""
    for rep in analysis.reps:
        if rep.start <= t <= rep.end:
            up = rep.start + rep.first_phase
            turn_end = up + rep.pause_at_turn
            if t < up:
                return f"rep {rep.index} ^"
            if t <= turn_end or abs(t - up) < 0.05:
                return f"rep {rep.index} turn"
            return f"rep {rep.index} v"
    if analysis.unfinished_start is not None and t >= analysis.unfinished_start:
        return "unfinished"
    return "rest"


def sheet(name: str, slug: str, pose: Path, every: int):  # type: ignore[no-untyped-def]
    import cv2

    from spotter.motion.extract import extract_landmarks
    from spotter.services.catalog import load_catalog
    from spotter.services.form import check_form

    video = pose / f"{name}.mp4"
    extraction = extract_landmarks(video)
    report = check_form(extraction.landmarks, load_catalog(None).resolve(slug))
    analysis = report.analysis
    labels = labelled_frames(pose / f"{name}.labels.csv")
    fps = extraction.video.fps
    cap = cv2.VideoCapture(str(video))
    tiles = []
    index = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        if index % every == 0 or index in labels:
            h, w = frame.shape[:2]
            thumb = cv2.resize(frame, (round(w * THUMB_HEIGHT / h), THUMB_HEIGHT))
            band = np.full((34, thumb.shape[1], 3), 255, dtype=np.uint8)
            t = index / fps
            cv2.putText(thumb, f"{index}  {t:.2f}s", (4, 18), 0, 0.5, (0, 0, 255), 2)
            cv2.putText(band, phase_at(t, analysis), (4, 24), 0, 0.6, (0, 110, 0), 2)
            tile = np.vstack([thumb, band])
            if index in labels:
                cv2.rectangle(tile, (0, 0), (tile.shape[1] - 1, tile.shape[0] - 1), (0, 0, 255), 5)
            tiles.append(tile)
        index += 1
    width = max(t.shape[1] for t in tiles)
    tiles = [np.pad(t, ((0, 0), (0, width - t.shape[1]), (0, 0))) for t in tiles]
    while len(tiles) % COLUMNS:
        tiles.append(np.zeros_like(tiles[0]))
    rows = [np.hstack(tiles[i : i + COLUMNS]) for i in range(0, len(tiles), COLUMNS)]
    return np.vstack(rows), analysis, sorted(labels), fps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pose", type=Path, default=ROOT.parent / "shared" / "data" / "pose")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "review")
    parser.add_argument("--every", type=int, default=3, help="one thumbnail per N frames")
    args = parser.parse_args()
    import cv2

    args.out.mkdir(parents=True, exist_ok=True)
    for name, slug in CLIPS.items():
        if not (args.pose / f"{name}.mp4").is_file():
            print(f"{name}: not found in {args.pose}, skipped")
            continue
        image, analysis, labels, fps = sheet(name, slug, args.pose, args.every)
        target = args.out / f"{name}.png"
        cv2.imwrite(str(target), image)
        reps = ", ".join(
            f"{r.start:.2f}-{r.end:.2f} s" + (" (partial)" if r.partial else "")
            for r in analysis.reps
        )
        unfinished = (
            f"; unfinished from {analysis.unfinished_start:.2f} s"
            if analysis.unfinished_start is not None
            else ""
        )
        at = ", ".join(f"{f} ({f / fps:.2f} s)" for f in labels)
        print(f"{name}: {len(analysis.reps)} reps [{reps}]{unfinished}")
        print(f"  labels at frames {at}; sheet: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
