"""Videos become upright H.264 + AAC MP4s with a poster; long or broken ones are refused."""

from __future__ import annotations

import array
import math
import struct
from pathlib import Path

import av
import pytest
from PIL import Image

from potluck.media.sniff import MediaFormat, MediaRejected, sniff
from potluck.media.video import output_size, probe_video, transcode_video

WIDTH, HEIGHT = 320, 240
BRIGHT, DARK = 235, 16


def fill(plane: av.video.plane.VideoPlane, row: bytes, rows: int) -> None:
    plane.update(row.ljust(plane.line_size, row[-1:]) * rows)


def make_video(
    path: Path,
    *,
    codec: str = "libx264",
    container: str = "mp4",
    audio: str | None = "aac",
    seconds: float = 2.0,
    fps: int = 25,
    rotation: int | None = None,
) -> Path:
    """A WIDTH x HEIGHT clip, the left half bright and the right half dark, with a 440 Hz
    tone when ``audio`` names an encoder. ``rotation`` is the display matrix's
    counter-clockwise angle, as phones write it (an iPhone held upright records -90)."""
    with av.open(str(path), "w", format=container) as output:
        video = output.add_stream(codec, rate=fps)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        if rotation is not None:
            video.set_display_rotation(rotation)
        rate, chunk = 48_000, 960 if audio == "libopus" else 1024
        if audio is not None:  # every stream before the first packet: the header goes first
            sound = output.add_stream(audio, rate=rate)
            sound.layout = "mono"
        for index in range(int(seconds * fps)):
            frame = av.VideoFrame(WIDTH, HEIGHT, "yuv420p")
            luma, blue, red = frame.planes
            fill(luma, bytes([BRIGHT] * (WIDTH // 2) + [DARK] * (WIDTH // 2)), HEIGHT)
            fill(blue, bytes([100 + index % 50] * (WIDTH // 2)), HEIGHT // 2)  # changes over time
            fill(red, bytes([128] * (WIDTH // 2)), HEIGHT // 2)
            frame.pts = index
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        if audio is not None:
            for start in range(0, int(seconds * rate), chunk):
                tone = array.array(
                    "h", (int(8000 * math.sin(2 * math.pi * 440 * (start + k) / rate)) for k in range(chunk))
                )
                samples = av.AudioFrame(format="s16", layout="mono", samples=chunk)
                samples.sample_rate, samples.pts = rate, start
                samples.planes[0].update(tone.tobytes())
                output.mux(sound.encode(samples))
            output.mux(sound.encode(None))
    return path


def streams_of(path: Path) -> dict[str, str]:
    with av.open(str(path)) as container:
        return {stream.type: stream.codec_context.name for stream in container.streams}


def first_frame(path: Path) -> av.VideoFrame:
    with av.open(str(path)) as container:
        return next(container.decode(video=0))


def luma_at(frame: av.VideoFrame, x: int, y: int) -> int:
    gray = frame.to_image().convert("L")
    value = gray.getpixel((x, y))
    assert isinstance(value, int)
    return value


def test_a_clip_with_sound_becomes_h264_and_aac_with_a_poster(tmp_path: Path) -> None:
    source = make_video(tmp_path / "clip.mp4")

    info = probe_video(source)
    result = transcode_video(source, tmp_path / "out", max_height=120)

    assert (info.width, info.height, info.rotation, info.has_audio) == (WIDTH, HEIGHT, 0, True)
    assert info.video_codec == "h264"
    assert info.duration_seconds == pytest.approx(2.0, abs=0.2)
    assert streams_of(result.path) == {"video": "h264", "audio": "aac"}
    assert (result.width, result.height) == (160, 120)
    assert result.duration_ms == pytest.approx(2000, abs=200)
    with av.open(str(result.path)) as written:
        audio = written.streams.audio[0].codec_context
        assert (audio.sample_rate, audio.layout.name) == (48_000, "stereo")
        assert written.streams.video[0].codec_context.format.name == "yuv420p"
    data = result.path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat"), "faststart: the index comes first"
    assert sniff(result.poster.read_bytes()[:64]) is MediaFormat.WEBP
    with Image.open(result.poster) as poster:
        assert poster.size == (result.poster_width, result.poster_height) == (WIDTH, HEIGHT)


def test_a_silent_webm_stays_silent(tmp_path: Path) -> None:
    source = make_video(tmp_path / "clip.webm", codec="libvpx-vp9", container="webm", audio=None, seconds=1.0)

    info = probe_video(source)
    result = transcode_video(source, tmp_path / "out", max_height=120)

    assert (info.video_codec, info.has_audio) == ("vp9", False)
    assert streams_of(result.path) == {"video": "h264"}
    assert result.duration_ms == pytest.approx(1000, abs=200)


def test_a_quicktime_movie_is_read(tmp_path: Path) -> None:
    source = make_video(tmp_path / "IMG_0003.MOV", container="mov", seconds=1.0)

    assert sniff(source.read_bytes()[:64]) is MediaFormat.MOV
    result = transcode_video(source, tmp_path / "out", max_height=120)

    assert streams_of(result.path) == {"video": "h264", "audio": "aac"}


def test_a_webm_with_opus_gets_aac(tmp_path: Path) -> None:
    source = make_video(
        tmp_path / "clip.webm", codec="libvpx-vp9", container="webm", audio="libopus", seconds=1.0
    )

    result = transcode_video(source, tmp_path / "out", max_height=120)

    assert streams_of(result.path) == {"video": "h264", "audio": "aac"}


def test_a_phone_video_stored_sideways_comes_out_upright(tmp_path: Path) -> None:
    # Stored landscape, bright on the left; the display matrix says "turn clockwise",
    # so upright it is portrait with the bright half on top.
    source = make_video(tmp_path / "portrait.mp4", rotation=-90, audio=None, seconds=1.2)

    info = probe_video(source)
    result = transcode_video(source, tmp_path / "out", max_height=120)

    assert (info.width, info.height, info.rotation) == (HEIGHT, WIDTH, 90)
    assert (result.width, result.height) == (120, 160)
    assert result.duration_ms == pytest.approx(1200, abs=200)
    frame = first_frame(result.path)
    assert frame.rotation == 0, "no rotation left for players to get wrong"
    assert (frame.width, frame.height) == (120, 160)
    assert luma_at(frame, 60, 20) > 180 > 60 > luma_at(frame, 60, 140)
    with Image.open(result.poster) as poster:
        assert poster.size == (HEIGHT, WIDTH)
        gray = poster.convert("L")
        top, bottom = gray.getpixel((120, 30)), gray.getpixel((120, 290))
    assert isinstance(top, int)
    assert isinstance(bottom, int)
    assert top > 180 > 60 > bottom


def test_an_upside_down_video_is_turned_around(tmp_path: Path) -> None:
    source = make_video(tmp_path / "flipped.mp4", rotation=180, audio=None, seconds=0.4)

    result = transcode_video(source, tmp_path / "out", max_height=120)

    frame = first_frame(result.path)
    assert luma_at(frame, 10, 60) < 60 < 180 < luma_at(frame, 150, 60)  # bright half now right


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((1920, 1080), (1920, 1080)),  # full HD passes
        ((1080, 1920), (1080, 1920)),  # and so does its vertical twin
        ((3840, 2160), (1920, 1080)),
        ((2160, 3840), (1080, 1920)),
        ((1440, 1080), (1440, 1080)),
        ((4032, 3024), (1440, 1080)),
        ((3000, 1000), (1920, 640)),  # very wide: the long side caps first
        ((641, 359), (640, 358)),  # odd sizes made even
        ((320, 240), (320, 240)),  # never upscaled
    ],
)
def test_output_size_caps_the_short_side_at_1080_and_the_long_at_1920(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert output_size(*size) == expected


def test_too_long_a_video_is_refused_from_its_header(tmp_path: Path) -> None:
    source = make_video(tmp_path / "long.mp4", audio=None, seconds=2.0)

    with pytest.raises(MediaRejected) as refused:
        probe_video(source, max_seconds=1)
    assert refused.value.reason == "too_long"
    assert refused.value.params == {"seconds": 1}
    with pytest.raises(MediaRejected) as refused:
        transcode_video(source, tmp_path / "out", max_seconds=1)
    assert refused.value.reason == "too_long"
    assert not (tmp_path / "out" / "video.mp4").exists()

    assert MediaRejected("too_long", {"minutes": 5}).params == {"minutes": 5}


def test_a_header_that_lies_about_the_duration_is_caught_while_decoding(tmp_path: Path) -> None:
    source = make_video(tmp_path / "liar.mp4", audio=None, seconds=2.0)
    data = bytearray(source.read_bytes())
    # Shrink every duration the MP4 header states (movie, track, media) to one tick.
    for box, offset in ((b"mvhd", 16), (b"tkhd", 20), (b"mdhd", 16)):
        at = data.index(box)
        assert data[at + 4] == 0, "version 0 boxes: 32-bit fields"
        data[at + 4 + offset : at + 8 + offset] = struct.pack(">I", 1)
    source.write_bytes(bytes(data))
    assert probe_video(source, max_seconds=1).duration_seconds < 1

    with pytest.raises(MediaRejected) as refused:
        transcode_video(source, tmp_path / "out", max_seconds=1)

    assert refused.value.reason == "too_long"
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a video, only text called .mp4\n" * 50,
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(range(256)) * 40,  # MP4 start, then junk
        b"\x1a\x45\xdf\xa3" + b"\xff" * 4000,  # EBML magic, then junk
    ],
)
def test_garbage_is_refused_as_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(content)

    with pytest.raises(MediaRejected) as refused:
        probe_video(path)
    assert refused.value.reason == "unreadable_video"
    with pytest.raises(MediaRejected) as refused:
        transcode_video(path, tmp_path / "out")
    assert refused.value.reason == "unreadable_video"


def test_a_picture_is_not_a_video(tmp_path: Path) -> None:
    path = tmp_path / "photo.mp4"
    Image.new("RGB", (64, 64), "red").save(path, "JPEG")

    with pytest.raises(MediaRejected) as refused:
        probe_video(path)
    assert refused.value.reason == "unreadable_video"
