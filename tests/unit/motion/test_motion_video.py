"""Video decoding and landmark extraction on tiny videos generated here, with a fake pose
estimator that returns known landmarks per frame (OpenCV needed, MediaPipe not)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from spotter.motion.extract import (  # noqa: E402
    NoPersonError,
    PersonLeftError,
    TwoPeopleError,
    extract_landmarks,
)
from spotter.motion.pose import PeopleFinder  # noqa: E402
from spotter.motion.video import VideoError, decode, finish, probe, scaled_size  # noqa: E402


def write_video(path: Path, frames: int, fps: float, size: tuple[int, int] = (64, 48)) -> Path:
    """A video whose frame i is a flat grey of level i (so a frame shows its own index)."""
    fourcc = "MJPG" if path.suffix == ".avi" else "mp4v"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, size)
    assert writer.isOpened()
    for i in range(frames):
        writer.write(np.full((size[1], size[0], 3), (i * 7) % 256, dtype=np.uint8))
    writer.release()
    return path


def truth(n: int) -> np.ndarray:  # type: ignore[type-arg]
    """Landmarks moving linearly in time: x = 0.3 + 0.002 i + 0.003 j, y = 0.2 + 0.001 i +
    0.01 j (frame i, landmark j): a person 0.1 wide and 0.33 tall drifting right."""
    i = np.arange(n)[:, None]
    j = np.arange(33)[None, :]
    out = np.empty((n, 33, 4))
    out[:, :, 0] = 0.3 + 0.002 * i + 0.003 * j
    out[:, :, 1] = 0.2 + 0.001 * i + 0.01 * j
    out[:, :, 2] = 0.0
    out[:, :, 3] = 0.9
    return out


class FakePose:
    """Returns the true landmarks of the frame at ``timestamp_ms`` (None in ``absent``) and
    records which frames it was asked about."""

    def __init__(self, data: np.ndarray, fps: float, absent: set[int] = frozenset()) -> None:  # type: ignore[type-arg,assignment]
        self.data, self.fps, self.absent = data, fps, absent
        self.seen: list[int] = []
        self.closed = False

    def process(self, frame_rgb: np.ndarray, timestamp_ms: int) -> np.ndarray | None:  # type: ignore[type-arg]
        assert frame_rgb.ndim == 3 and frame_rgb.shape[2] == 3
        i = round(timestamp_ms * self.fps / 1000)
        self.seen.append(i)
        return None if i in self.absent else self.data[i].copy()

    def close(self) -> None:
        self.closed = True


class FakeOther:
    """A single-frame estimator that finds (or not) someone at a fixed place."""

    def __init__(self, where: tuple[float, float] | None) -> None:
        self.where = where

    def process(self, frame_rgb: np.ndarray, timestamp_ms: int) -> np.ndarray | None:  # type: ignore[type-arg]
        if self.where is None:
            return None
        pts = np.zeros((33, 4))
        pts[:, 0] = np.linspace(self.where[0], self.where[0] + 0.1, 33)
        pts[:, 1] = np.linspace(self.where[1], self.where[1] + 0.5, 33)
        pts[:, 3] = 0.9
        return pts

    def close(self) -> None:
        pass


def test_the_rate_and_frame_count_come_from_the_container(tmp_path: Path) -> None:
    info = probe(write_video(tmp_path / "clip.mp4", 40, 25.0))
    assert (info.fps, info.frame_count, info.width, info.height) == (25.0, 40, 64, 48)
    frames = list(decode(info, every=3))
    assert [f.index for f in frames] == list(range(40))
    assert [f.time_ms for f in frames[:3]] == [0, 40, 80]
    # images only on every third frame, and each is the frame it claims to be (grey level 7 i)
    with_image = [f for f in frames if f.image is not None]
    assert [f.index for f in with_image] == list(range(0, 40, 3))
    levels = [int(np.median(f.image)) for f in with_image]  # type: ignore[arg-type]
    assert all(abs(lv - (f.index * 7) % 256) <= 3 for lv, f in zip(levels, with_image, strict=True))


def test_frames_are_shrunk_to_the_asked_longer_side(tmp_path: Path) -> None:
    info = probe(write_video(tmp_path / "wide.avi", 3, 30.0, size=(320, 180)))
    image = next(decode(info, max_side=160)).image
    assert image is not None and image.shape == (90, 160, 3)


def test_frames_kept_as_decoded_and_finished_later_are_the_frames_decode_gives(
    tmp_path: Path,
) -> None:
    # 200 x 150 shrunk to 64 x 48: halved once while decoding (100 x 75, still BGR), the rest
    # when finished; the same pixels as decoding them finished, red first (RGB)
    path = tmp_path / "red.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (200, 150))
    for i in range(4):
        writer.write(np.full((150, 200, 3), (10 * i, 40, 200), dtype=np.uint8))  # BGR
    writer.release()
    info = probe(path)
    eager = [f.image for f in decode(info, max_side=64)]
    raw = [f.image for f in decode(info, max_side=64, raw=True)]
    assert all(r is not None and r.shape == (75, 100, 3) for r in raw)
    done = [finish(r, scaled_size(200, 150, 64)) for r in raw]  # type: ignore[arg-type]
    for a, b in zip(eager, done, strict=True):
        assert a is not None and a.shape == (48, 64, 3)
        np.testing.assert_array_equal(a, b)
        red, green = int(np.median(a[:, :, 0])), int(np.median(a[:, :, 1]))
        assert abs(red - 200) <= 4 and abs(green - 40) <= 4


class CountingNobody:
    """A single-frame estimator that finds nobody and keeps the size of each picture."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def process(self, frame_rgb: np.ndarray, timestamp_ms: int) -> None:  # type: ignore[type-arg]
        self.shapes.append(frame_rgb.shape)

    def close(self) -> None:
        pass


def standing(x0: float, x1: float) -> np.ndarray:  # type: ignore[type-arg]
    """A lifter from ``x0`` to ``x1`` across and 0.1 to 0.9 down."""
    pts = np.zeros((33, 4))
    pts[:, 0] = np.linspace(x0, x1, 33)
    pts[:, 1] = np.linspace(0.1, 0.9, 33)
    pts[:, 3] = 0.9
    return pts


def test_the_look_for_others_skips_a_middle_window_the_lifter_mostly_fills() -> None:
    frame = np.zeros((720, 1280, 3), dtype=np.uint8)
    seen = CountingNobody()
    # the lifter's box, 15 % margin plus 3 % of the frame: x 0.405-0.595 (518-762 px) in the
    # middle window 280-1000 and y 0-1: 244 x 720 of 720 x 720, under half: looked in
    PeopleFinder(seen).others(frame, [standing(0.45, 0.55)])
    assert len(seen.shapes) == 4  # the whole frame and three windows
    # x 0.275-0.725 (352-928 px): 576 of the middle window's 720 columns: left out; the
    # first and last windows, 368 columns blanked, are always looked in
    seen.shapes.clear()
    PeopleFinder(seen).others(frame, [standing(0.35, 0.65)])
    assert seen.shapes == [(720, 1280, 3), (720, 720, 3), (720, 720, 3)]


def test_every_other_frame_interpolated_gives_the_true_landmarks_of_a_linear_motion(
    tmp_path: Path,
) -> None:
    n = 31
    video = write_video(tmp_path / "clip.mp4", n, 30.0)
    fake = FakePose(truth(n), 30.0)
    result = extract_landmarks(video, estimator=fake, pose_fps=15, check_people=False)
    assert fake.seen == list(range(0, n, 2))
    assert result.pose_every == 2 and result.frames == n
    assert result.landmarks.fps == 30.0 and result.landmarks.n_frames == n
    np.testing.assert_allclose(result.landmarks.data, truth(n), atol=1e-9)


def test_the_last_frame_after_the_last_model_run_holds_its_landmarks(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 30, 30.0)  # runs on 0, 2, ..., 28; 29 skipped
    result = extract_landmarks(video, estimator=FakePose(truth(30), 30.0), check_people=False)
    np.testing.assert_allclose(result.landmarks.data[29], truth(30)[28])


def test_every_frame_when_asked(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 12, 30.0)
    fake = FakePose(truth(12), 30.0)
    result = extract_landmarks(video, estimator=fake, pose_fps=None, check_people=False)
    assert fake.seen == list(range(12)) and result.pose_every == 1


def test_frames_without_a_person_stay_empty_and_short_gaps_pass(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 60, 30.0)
    absent = {20, 22, 24}  # 0.2 s without a person: a normal dropout
    result = extract_landmarks(
        video, estimator=FakePose(truth(60), 30.0, absent), check_people=False
    )
    data = result.landmarks.data
    assert np.isnan(data[19:26, :, 0]).all()  # not drawn across a frame where nobody was seen
    assert np.isfinite(data[18]).all() and np.isfinite(data[26]).all()
    assert result.person_frames == 30 - 3


def test_a_person_gone_for_long_in_the_middle_is_refused_with_the_time_range(
    tmp_path: Path,
) -> None:
    video = write_video(tmp_path / "clip.mp4", 120, 30.0)
    absent = set(range(30, 90))  # 1.0 s to 3.0 s
    with pytest.raises(PersonLeftError, match=r"from 1\.0 s to 3\.0 s"):
        extract_landmarks(video, estimator=FakePose(truth(120), 30.0, absent), check_people=False)


def test_nobody_before_or_after_the_set_is_only_a_note(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 120, 30.0)
    absent = set(range(0, 30)) | set(range(90, 120))
    result = extract_landmarks(
        video, estimator=FakePose(truth(120), 30.0, absent), check_people=False
    )
    assert result.notes == ("no person in the first 1.0 s", "no person in the last 1.0 s")
    assert np.isnan(result.landmarks.data[:30, :, 0]).all()


def test_nobody_at_all_is_refused(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 30, 30.0)
    fake = FakePose(truth(30), 30.0, set(range(30)))
    with pytest.raises(NoPersonError, match="no person found in any frame"):
        extract_landmarks(video, estimator=fake, check_people=False)
    assert fake.closed is False  # the caller's estimator is the caller's to close


def write_timed_video(path: Path, frames: int, fps: float) -> Path:
    """A 256x48 video whose frame i has a white bar i + 1 pixels long along its top rows,
    so that an estimator can read the frame's index from the pixels it is given."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (256, 48))
    for i in range(frames):
        img = np.full((48, 256, 3), 60, dtype=np.uint8)
        img[:8, : i + 1] = 255
        writer.write(img)
    writer.release()
    return path


def frame_index(image: np.ndarray) -> int:  # type: ignore[type-arg]
    return int((image[1:7].mean(axis=(0, 2)) > 128).sum()) - 1


def lifter(x: float, t: float, hz: float) -> np.ndarray:  # type: ignore[type-arg]
    """A person standing at ``x`` (0.1 wide, 0.3 to 0.8 high) raising and lowering the hands
    ``hz`` times a second."""
    pts = np.zeros((33, 4))
    pts[:, 0] = np.linspace(x, x + 0.1, 33)
    pts[:, 1] = np.linspace(0.3, 0.8, 33)
    pts[[15, 16, 17, 18, 19, 20], 1] = 0.45 - 0.12 * np.cos(2 * np.pi * hz * t)
    pts[[13, 14], 1] = 0.5 - 0.06 * np.cos(2 * np.pi * hz * t)
    pts[:, 3] = 0.9
    return pts


class Scene:
    """People at fixed places, each a function of time; the tracker follows ``followed(t)``
    and the single-frame look finds, one per look, whoever it has not been shown yet (the
    ones already found are blanked in the frame it gets)."""

    def __init__(self, people: dict[str, object], followed: object, fps: float) -> None:
        self.people, self.followed, self.fps = people, followed, fps
        self.tracked = self.Tracker(self)
        self.look = self.Look(self)

    def at(self, name: str, image: np.ndarray) -> np.ndarray | None:  # type: ignore[type-arg]
        t = frame_index(image) / self.fps
        return self.people[name](t)  # type: ignore[operator,no-any-return]

    class Tracker:
        def __init__(self, scene: Scene) -> None:
            self.scene = scene

        def process(self, frame: np.ndarray, timestamp_ms: int) -> np.ndarray | None:  # type: ignore[type-arg]
            name = self.scene.followed(frame_index(frame) / self.scene.fps)  # type: ignore[operator]
            return self.scene.at(name, frame)

        def close(self) -> None:
            pass

    class Look:
        def __init__(self, scene: Scene) -> None:
            self.scene = scene

        def process(self, frame: np.ndarray, timestamp_ms: int) -> np.ndarray | None:  # type: ignore[type-arg]
            h, w = frame.shape[:2]
            if (h, w) != (48, 256):  # a square window of the frame: this fake sees no one
                return None
            for name in sorted(self.scene.people):
                pts = self.scene.at(name, frame)
                if pts is None:
                    continue
                x, y = int(pts[16, 0] * w), int(pts[30, 1] * h)  # a wrist and a heel
                if frame[min(y, h - 1), min(x, w - 1)].max() > 0:  # not blanked
                    return pts
            return None

        def close(self) -> None:
            pass


def two_lifters(followed: object) -> Scene:
    return Scene(
        {"a": lambda t: lifter(0.2, t, 0.9), "b": lambda t: lifter(0.7, t, 0.55)},
        followed,
        30.0,
    )


def test_two_people_exercising_side_by_side_are_refused_naming_the_flag(tmp_path: Path) -> None:
    video = write_timed_video(tmp_path / "clip.avi", 120, 30.0)
    scene = two_lifters(lambda t: "a")
    with pytest.raises(TwoPeopleError, match="two people in view") as err:
        extract_landmarks(video, estimator=scene.tracked, people_estimator=scene.look)
    assert "--subject left" in str(err.value) and "would follow" in str(err.value)


def test_the_subject_flag_picks_the_person_on_the_right(tmp_path: Path) -> None:
    video = write_timed_video(tmp_path / "clip.avi", 120, 30.0)
    scene = two_lifters(lambda t: "b")
    result = extract_landmarks(
        video, estimator=scene.tracked, people_estimator=scene.look, subject="right"
    )
    assert float(np.nanmedian(result.landmarks.data[:, 0, 0])) == pytest.approx(0.7)
    assert any("following the one on the right" in n for n in result.notes)


def test_a_tracker_that_jumps_from_one_person_to_another_is_caught(tmp_path: Path) -> None:
    video = write_timed_video(tmp_path / "clip.avi", 120, 30.0)
    scene = two_lifters(lambda t: "a" if t < 1.5 else "b")
    with pytest.raises(TwoPeopleError, match="two people in view"):
        extract_landmarks(video, estimator=scene.tracked, people_estimator=scene.look)


def test_a_mirror_image_moving_with_the_lifter_is_ignored(tmp_path: Path) -> None:
    video = write_timed_video(tmp_path / "clip.avi", 120, 30.0)
    mirrored = Scene(
        {"a": lambda t: lifter(0.2, t, 0.9), "b": lambda t: lifter(0.7, t, 0.9)},
        lambda t: "a",
        30.0,
    )
    result = extract_landmarks(video, estimator=mirrored.tracked, people_estimator=mirrored.look)
    assert any("mirror image" in n for n in result.notes)


def test_someone_walking_through_is_ignored(tmp_path: Path) -> None:
    video = write_timed_video(tmp_path / "clip.avi", 120, 30.0)
    walker = Scene(  # crosses from the right edge leftward between 1 s and 2 s
        {
            "a": lambda t: lifter(0.2, t, 0.9),
            "b": lambda t: lifter(1.6 - 0.8 * t, t, 2.0) if 1.0 <= t <= 2.0 else None,
        },
        lambda t: "a",
        30.0,
    )
    result = extract_landmarks(video, estimator=walker.tracked, people_estimator=walker.look)
    assert any("passing through" in n for n in result.notes)
    assert float(np.nanmax(result.landmarks.data[:, 0, 0])) == pytest.approx(0.2)


def test_the_tracked_person_found_again_is_not_a_second_person(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 90, 30.0)
    # found where the tracked person is at other times (a tracker that slipped): no error
    result = extract_landmarks(
        video, estimator=FakePose(truth(90), 30.0), people_estimator=FakeOther((0.35, 0.3))
    )
    assert result.person_frames == 45
    # someone standing still elsewhere (a partner watching) is not a second lifter
    still = extract_landmarks(
        video, estimator=FakePose(truth(90), 30.0), people_estimator=FakeOther((0.8, 0.3))
    )
    assert any("standing still" in n for n in still.notes)
    nobody = extract_landmarks(
        video, estimator=FakePose(truth(90), 30.0), people_estimator=FakeOther(None)
    )
    assert nobody.person_frames == 45


def test_a_text_file_named_mp4_is_not_a_video(tmp_path: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my training notes, not a video\n" * 20)
    with pytest.raises(VideoError, match=r"notes\.mp4: not a video"):
        probe(fake)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match="no such file"):
        probe(tmp_path / "nowhere.mp4")


def test_a_truncated_mp4_is_refused(tmp_path: Path) -> None:
    whole = write_video(tmp_path / "whole.mp4", 60, 30.0).read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 2])  # mp4v writes its index at the end: gone
    with pytest.raises(VideoError, match=r"cut\.mp4: not a video OpenCV can open"):
        extract_landmarks(cut, estimator=FakePose(truth(60), 30.0), check_people=False)


def test_a_truncated_avi_that_still_opens_is_refused_for_its_missing_frames(
    tmp_path: Path,
) -> None:
    whole = write_video(tmp_path / "whole.avi", 90, 30.0, size=(160, 120)).read_bytes()
    cut = tmp_path / "cut.avi"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(VideoError, match=r"cut\.avi: .*(truncated|damaged)"):
        extract_landmarks(cut, estimator=FakePose(truth(90), 30.0), check_people=False)


def test_the_annotated_video_shows_a_fault_only_during_its_rep(tmp_path: Path) -> None:
    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.motion.annotate import RepMark, write_annotated

    video = write_video(tmp_path / "clip.mp4", 60, 30.0, size=(320, 240))
    lm = Landmarks.from_array(truth(60), fps=30.0)
    marks = [RepMark(1, 0.5, 1.0, ("Swinging",)), RepMark(2, 1.2, 1.8)]
    out = tmp_path / "out.mp4"
    assert write_annotated(video, lm, marks, out, title="Pull-Up") == 60
    cap = cv2.VideoCapture(str(out))
    assert (cap.get(cv2.CAP_PROP_FRAME_COUNT), cap.get(cv2.CAP_PROP_FRAME_WIDTH)) == (60, 320)

    def yellow(frame: np.ndarray) -> int:  # type: ignore[type-arg]
        b, g, r = (frame[:, :, k].astype(int) for k in range(3))
        return int(((r > 200) & (g > 150) & (b < 90)).sum())

    frames = [cap.read()[1] for _ in range(60)]
    during = [yellow(f) for f in frames[16:29]]  # 0.53-0.93 s: rep 1, with its fault
    outside = [yellow(f) for f in frames[:14] + frames[31:]]  # before, between, rep 2 (no fault)
    assert min(during) > 20 and max(outside) == 0
    assert not list(tmp_path.glob("*.part*"))


def test_annotating_over_the_input_is_refused(tmp_path: Path) -> None:
    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.motion.annotate import AnnotateError, write_annotated

    video = write_video(tmp_path / "clip.mp4", 10, 30.0)
    with pytest.raises(AnnotateError, match="overwrite the input"):
        write_annotated(video, Landmarks.from_array(truth(10), fps=30.0), [], video)


def bounce(n: int, turn: int) -> np.ndarray:  # type: ignore[type-arg]
    """A figure 0.33 tall going down 0.02 of the picture a frame, straight back up at ``turn``."""
    out = truth(n)
    k = np.arange(n)
    depth = np.where(k <= turn, k, 2 * turn - k) * 0.02
    out[:, :, 0] = 0.3 + 0.003 * np.arange(33)[None, :]
    out[:, :, 1] = 0.2 + 0.01 * np.arange(33)[None, :] + depth[:, None]
    return out


def test_adaptive_sampling_tracks_forward_and_fills_the_turn_frame_by_frame(tmp_path: Path) -> None:
    n, turn = 61, 31
    video = write_video(tmp_path / "clip.mp4", n, 30.0)
    tracker, refiner = FakePose(bounce(n, turn), 30.0), FakePose(bounce(n, turn), 30.0)
    result = extract_landmarks(
        video, estimator=tracker, refiner=refiner, adaptive=True, check_people=False
    )
    assert tracker.seen == sorted(set(tracker.seen))  # forward only, each frame once
    assert len(tracker.seen) < n / 3
    assert {turn - 1, turn, turn + 1} <= set(refiner.seen) | set(tracker.seen)
    assert result.analysed < n and result.model_runs < n
    # the frames around the turn are the model's own; elsewhere lines on straight motion
    np.testing.assert_allclose(result.landmarks.data, bounce(n, turn), atol=1e-9)


def test_a_refiner_on_someone_else_is_not_believed(tmp_path: Path) -> None:
    n, turn = 61, 31
    video = write_video(tmp_path / "clip.mp4", n, 30.0)
    elsewhere = bounce(n, turn)
    elsewhere[:, :, 0] += 0.4  # another person, to the right
    tracker, refiner = FakePose(bounce(n, turn), 30.0), FakePose(elsewhere, 30.0)
    result = extract_landmarks(
        video, estimator=tracker, refiner=refiner, adaptive=True, check_people=False
    )
    assert np.nanmax(result.landmarks.data[:, :, 0]) < 0.5  # nobody's landmarks moved right
    # found out on the tracker's frame before each gap, it is not run through the gap
    assert refiner.seen and set(refiner.seen) <= set(tracker.seen)


def test_adaptive_sampling_with_a_given_tracker_needs_a_refiner(tmp_path: Path) -> None:
    video = write_video(tmp_path / "clip.mp4", 10, 30.0)
    with pytest.raises(ValueError, match="refiner"):
        extract_landmarks(video, estimator=FakePose(truth(10), 30.0), adaptive=True)
