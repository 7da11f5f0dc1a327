"""Videos: probed from the header, then transcoded frame by frame to H.264 + AAC in MP4.

Every upload becomes the one format every browser plays: H.264 (libx264, ``veryfast``,
CRF 23, yuv420p) and AAC-LC (128 kb/s stereo, 44.1 or 48 kHz as received) in an MP4
whose index sits at the front (``faststart``), so playback starts before the download
ends. Videos without sound stay silent (no audio track at all). The bit rate is capped
at 5 Mb/s: CRF alone spends 150 Mb/s and more on confetti or rain, and a five-minute
video must stay under about 200 MB to stream on a phone.

Size: the shorter side is capped at ``max_height`` (1080) and the longer at 16/9 of it
(1920), aspect ratio kept, dimensions even (H.264 4:2:0 needs it), never upscaled; a
vertical 1080x1920 phone video passes untouched in size. Phone videos store their frames
sideways with a rotation in the container; the output is turned upright instead, since
not every player honours the rotation. HDR (10-bit HLG/PQ) is squeezed to 8 bits without
tone mapping: colours look flat, but it plays everywhere.

Memory stays flat whatever the length: packets are decoded, scaled, encoded and written
one at a time. libx264's look-ahead and frame threads hold about 200 MB at 1080p (250 MB
resident for the whole process, measured on a 10 s 1080x1920 clip, flat from the first
second). The poster is the frame at one second (the first frame of shorter videos), as
WebP at most 1440 wide.

Functions are synchronous and CPU-heavy (libx264 uses every core): callers run them in a
worker thread, one or two at a time per process.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import av.filter
from av.audio.stream import AudioStream
from av.container import InputContainer
from av.video.stream import VideoStream
from PIL import Image

from potluck.media.sniff import SNIFF_BYTES, MediaFormat, MediaRejected, sniff

VIDEO_CODEC: Final = "libx264"
X264_OPTIONS = {"preset": "veryfast", "crf": "23", "maxrate": "5M", "bufsize": "10M"}
AUDIO_CODEC: Final = "aac"
AUDIO_BIT_RATE = 128_000
AUDIO_RATES = (44_100, 48_000)
POSTER_AT_SECONDS = 1.0
POSTER_MAX_WIDTH = 1440
POSTER_QUALITY = 80
# A clip trimmed to exactly the limit often measures a few frames more.
DURATION_GRACE_SECONDS = 0.5

# Only these demuxers, chosen from the sniffed magic bytes: letting FFmpeg probe could
# pick a playlist format (HLS, concat) that opens other files or URLs named inside.
_DEMUXERS = {MediaFormat.MP4: "mov", MediaFormat.MOV: "mov", MediaFormat.WEBM: "matroska"}
# Clockwise quarter turns as FFmpeg's transpose filter spells them.
_TURNS = {90: ("transpose", "clock"), 270: ("transpose", "cclock")}


@dataclass(frozen=True)
class VideoInfo:
    duration_seconds: float
    width: int  # as displayed, after rotation
    height: int
    rotation: int  # clockwise degrees that turn the stored frames upright: 0, 90, 180, 270
    has_audio: bool
    video_codec: str  # FFmpeg's decoder name: "h264", "hevc", "vp9"


@dataclass(frozen=True)
class TranscodedVideo:
    path: Path
    poster: Path
    width: int
    height: int
    duration_ms: int
    poster_width: int
    poster_height: int


def probe_video(path: Path, *, max_seconds: float = 300) -> VideoInfo:
    """What the video at ``path`` is, from its header and first frame.

    Raises MediaRejected: ``unreadable_video`` (not a video, no video stream, nothing
    decodable) or ``too_long`` (the container says it runs past ``max_seconds``).
    """
    with _open_input(path) as container:
        return _probe(container, max_seconds=max_seconds)


def transcode_video(
    path: Path, out_dir: Path, *, max_height: int = 1080, max_seconds: float = 300
) -> TranscodedVideo:
    """Transcode the video at ``path`` into ``out_dir/video.mp4`` and ``out_dir/poster.webp``.

    Raises MediaRejected like :func:`probe_video`, and ``too_long`` also when decoding
    runs past ``max_seconds`` though the header claimed less; nothing is left in
    ``out_dir`` then.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    video_path, poster_path = out_dir / "video.mp4", out_dir / "poster.webp"
    try:
        info = probe_video(path, max_seconds=max_seconds)
        with _open_input(path) as source:
            poster = _transcode(source, info, video_path, max_height=max_height, max_seconds=max_seconds)
        poster.save(poster_path, "WEBP", quality=POSTER_QUALITY)
        with av.open(str(video_path)) as written:
            stream = written.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            duration_ms = round((written.duration or 0) / 1000)
    except MediaRejected:
        _remove(video_path, poster_path)
        raise
    except (av.FFmpegError, OSError, ValueError) as error:
        _remove(video_path, poster_path)
        raise MediaRejected("unreadable_video") from error
    return TranscodedVideo(
        path=video_path,
        poster=poster_path,
        width=width,
        height=height,
        duration_ms=duration_ms,
        poster_width=poster.width,
        poster_height=poster.height,
    )


def output_size(width: int, height: int, *, max_height: int = 1080) -> tuple[int, int]:
    """The upright ``width x height`` fitted into the caps, even, never upscaled."""
    max_long = max_height * 16 // 9
    scale = min(1.0, max_height / min(width, height), max_long / max(width, height))
    return max(2, math.floor(width * scale / 2) * 2), max(2, math.floor(height * scale / 2) * 2)


# --- reading ----------------------------------------------------------------------------


@contextmanager
def _open_input(path: Path) -> Iterator[InputContainer]:
    with path.open("rb") as file:
        fmt = sniff(file.read(SNIFF_BYTES))
    demuxer = _DEMUXERS.get(fmt) if fmt is not None else None
    if demuxer is None:
        raise MediaRejected("unreadable_video")
    try:
        container = av.open(str(path), format=demuxer)
    except (av.FFmpegError, OSError, ValueError) as error:
        raise MediaRejected("unreadable_video") from error
    with container:
        yield container


def _probe(container: InputContainer, *, max_seconds: float) -> VideoInfo:
    if not container.streams.video:
        raise MediaRejected("unreadable_video")
    stream = container.streams.video[0]
    duration = _header_duration(container, stream)
    if duration is not None and duration > max_seconds + DURATION_GRACE_SECONDS:
        raise _too_long(max_seconds)
    try:
        first = next(container.decode(stream), None)
        if duration is None:
            duration = _demuxed_duration(container, stream, max_seconds=max_seconds)
    except (av.FFmpegError, ValueError) as error:
        raise MediaRejected("unreadable_video") from error
    if first is None:
        raise MediaRejected("unreadable_video")
    if duration > max_seconds + DURATION_GRACE_SECONDS:
        raise _too_long(max_seconds)
    rotation = _clockwise_rotation(first.rotation)
    width, height = _square_pixels(first.width, first.height, stream.sample_aspect_ratio)
    if rotation in _TURNS:
        width, height = height, width
    return VideoInfo(
        duration_seconds=duration,
        width=width,
        height=height,
        rotation=rotation,
        has_audio=_audio_stream(container) is not None,
        video_codec=stream.codec_context.name,
    )


def _header_duration(container: InputContainer, stream: VideoStream) -> float | None:
    if container.duration is not None and container.duration > 0:
        return container.duration / av.time_base
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    return None


def _demuxed_duration(container: InputContainer, stream: VideoStream, *, max_seconds: float) -> float:
    """From the first to the last packet, for containers whose header leaves the
    duration out (streamed WebM). Reads on without decoding, and stops past the limit."""
    start: float | None = None
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is None or packet.time_base is None:
            continue
        begins = float(packet.pts * packet.time_base)
        start = begins if start is None else min(start, begins)
        end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
        if end - start > max_seconds + DURATION_GRACE_SECONDS:
            break
    return 0.0 if start is None else end - start


def _audio_stream(container: InputContainer) -> AudioStream | None:
    for stream in container.streams.audio:
        if stream.codec_context is not None and stream.codec_context.sample_rate:
            return stream
    return None


def _clockwise_rotation(counter_clockwise: float) -> int:
    """FFmpeg reports the display matrix as a counter-clockwise angle in [-180, 180]."""
    return round(-counter_clockwise / 90) % 4 * 90


def _square_pixels(width: int, height: int, aspect: Fraction | None) -> tuple[int, int]:
    """Anamorphic video (DV, some broadcast captures) stretched to square pixels."""
    if aspect is None or aspect <= 0 or aspect == 1:
        return width, height
    return round(width * aspect), height


def _too_long(max_seconds: float) -> MediaRejected:
    if max_seconds % 60 == 0:
        return MediaRejected("too_long", {"minutes": int(max_seconds // 60)})
    return MediaRejected("too_long", {"seconds": math.floor(max_seconds)})


# --- writing ----------------------------------------------------------------------------


def _transcode(
    source: InputContainer, info: VideoInfo, destination: Path, *, max_height: int, max_seconds: float
) -> Image.Image:
    """Write the MP4 and return the poster picture."""
    in_video = source.streams.video[0]
    in_video.thread_type = "AUTO"  # frame-threaded decoding: several cores for 4K HEVC
    in_audio = _audio_stream(source)
    width, height = output_size(info.width, info.height, max_height=max_height)
    turned = info.rotation in _TURNS
    # Scale first, turn second: the turn then moves the smaller picture.
    scaled_size = (height, width) if turned else (width, height)
    poster = _Poster(info)

    with av.open(str(destination), "w", format="mp4", options={"movflags": "+faststart"}) as target:
        out_video = target.add_stream(VIDEO_CODEC, rate=in_video.average_rate or 30, options=X264_OPTIONS)
        out_video.width, out_video.height, out_video.pix_fmt = width, height, "yuv420p"
        # Keep the source's clock: phones record variable frame rates, and rebasing to a
        # fixed rate would collide timestamps.
        if in_video.time_base is not None:
            out_video.codec_context.time_base = in_video.time_base
        upright = _Upright(info.rotation, scaled_size, in_video.time_base)

        out_audio = resampler = None
        if in_audio is not None:
            rate = in_audio.codec_context.sample_rate
            rate = rate if rate in AUDIO_RATES else AUDIO_RATES[-1]
            out_audio = target.add_stream(AUDIO_CODEC, rate=rate)
            out_audio.layout, out_audio.bit_rate = "stereo", AUDIO_BIT_RATE
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=rate, frame_size=1024)

        streams = [in_video] if in_audio is None else [in_video, in_audio]
        clock = _Clock(max_seconds)
        for packet in source.demux(streams):
            for frame in packet.decode():
                if isinstance(frame, av.VideoFrame):
                    clock.check(frame.time)
                    poster.offer(frame)
                    scaled = frame.reformat(*scaled_size, format="yuv420p", interpolation="BICUBIC")
                    for turned_frame in upright.turn(scaled):
                        target.mux(out_video.encode(turned_frame))
                elif isinstance(frame, av.AudioFrame) and out_audio is not None and resampler is not None:
                    clock.check(frame.time)
                    for chunk in resampler.resample(frame):
                        target.mux(out_audio.encode(chunk))
        target.mux(out_video.encode(None))
        if out_audio is not None and resampler is not None:
            for chunk in resampler.resample(None):
                target.mux(out_audio.encode(chunk))
            target.mux(out_audio.encode(None))
    return poster.picture()


class _Clock:
    """Refuses the video once decoding passes the limit, whatever the header said."""

    def __init__(self, max_seconds: float) -> None:
        self.max_seconds = max_seconds
        self.origin: float | None = None  # streams may start at any timestamp

    def check(self, time: float | None) -> None:
        if time is None:
            return
        if self.origin is None:
            self.origin = time
        if time - self.origin > self.max_seconds + DURATION_GRACE_SECONDS:
            raise _too_long(self.max_seconds)


class _Upright:
    """Turns frames stored sideways by the FFmpeg ``transpose`` (or flip) filters."""

    def __init__(self, rotation: int, size: tuple[int, int], time_base: Fraction | None) -> None:
        self.graph: av.filter.Graph | None = None
        if rotation == 0:
            return
        graph = av.filter.Graph()
        width, height = size
        nodes = [
            graph.add_buffer(
                width=width, height=height, format=av.VideoFormat("yuv420p"), time_base=time_base
            )
        ]
        if rotation == 180:
            nodes += [graph.add("hflip"), graph.add("vflip")]
        else:
            nodes.append(graph.add(*_TURNS[rotation]))
        nodes.append(graph.add("buffersink"))
        graph.link_nodes(*nodes).configure()
        self.graph = graph

    def turn(self, frame: av.VideoFrame) -> list[av.VideoFrame]:
        if self.graph is None:
            return [frame]
        self.graph.vpush(frame)
        frames = []
        while True:
            try:
                frames.append(self.graph.vpull())
            except (BlockingIOError, av.EOFError):
                return frames


class _Poster:
    """Keeps one small picture: the first frame until the one at POSTER_AT_SECONDS comes."""

    def __init__(self, info: VideoInfo) -> None:
        self.rotation = info.rotation
        scale = min(1.0, POSTER_MAX_WIDTH / info.width)
        width, height = max(1, round(info.width * scale)), max(1, round(info.height * scale))
        self.size = (height, width) if info.rotation in _TURNS else (width, height)
        self.image: Image.Image | None = None
        self.final = False

    def offer(self, frame: av.VideoFrame) -> None:
        if self.final:
            return
        at_mark = frame.time is not None and frame.time >= POSTER_AT_SECONDS
        if self.image is None or at_mark:
            self.image = frame.reformat(*self.size, format="rgb24").to_image()  # type: ignore[no-untyped-call]
            self.final = at_mark

    def picture(self) -> Image.Image:
        if self.image is None:
            raise MediaRejected("unreadable_video")
        turns = {
            90: Image.Transpose.ROTATE_270,  # PIL turns counter-clockwise
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_90,
        }
        if self.rotation in turns:
            return self.image.transpose(turns[self.rotation])
        return self.image


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
