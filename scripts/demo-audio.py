#!/usr/bin/env python3
"""Make the demo's call recordings from `demo/data/media/calls.yaml`.

Each line is spoken by espeak-ng with the voice the call gives its speaker,
the lines are joined with a short pause, and lame encodes the call as a small
mono MP3 (24 kbit/s: a one-minute call is about 180 KB) next to calls.yaml.
The recordings are demo material made on this machine: synthetic voices,
invented names. Install the tools with `scripts/system-deps.sh audio`, then:

    .venv/bin/python scripts/demo-audio.py            # every call
    .venv/bin/python scripts/demo-audio.py canone-app # just these

Run it again after editing calls.yaml and commit the MP3 files.
"""

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import yaml

MEDIA = Path(__file__).resolve().parents[1] / "demo" / "data" / "media"
PAUSE_SECONDS = 0.45
SPEED = "160"  # words per minute: calm, clear speech


def speak(text: str, voice: str, target: Path) -> None:
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", SPEED, "-w", str(target), text], check=True
    )


def make_call(call_id: str, call: dict) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for number, (speaker, text) in enumerate(call["lines"]):
            part = Path(tmp) / f"{number:02d}.wav"
            speak(text, call["voices"][speaker], part)
            parts.append(part)
        joined = Path(tmp) / "call.wav"
        with wave.open(str(joined), "wb") as out:
            for index, part in enumerate(parts):
                with wave.open(str(part), "rb") as piece:
                    if index == 0:
                        out.setparams(piece.getparams())
                        pause = b"\0" * int(
                            piece.getframerate() * PAUSE_SECONDS * piece.getsampwidth()
                        )
                    else:
                        out.writeframes(pause)
                    out.writeframes(piece.readframes(piece.getnframes()))
        target = MEDIA / call["file"]
        subprocess.run(
            [
                "lame",
                "--quiet",
                "-m",
                "m",
                "-b",
                "24",
                "--resample",
                "22.05",
                "--tt",
                call["title"],
                "--ta",
                "Demo (voce sintetica)",
                str(joined),
                str(target),
            ],
            check=True,
        )
    return target


def main(wanted: list[str]) -> None:
    calls = yaml.safe_load((MEDIA / "calls.yaml").read_text(encoding="utf-8"))
    unknown = set(wanted) - set(calls)
    if unknown:
        sys.exit(f"Not in calls.yaml: {', '.join(sorted(unknown))}")
    for call_id, call in calls.items():
        if wanted and call_id not in wanted:
            continue
        target = make_call(call_id, call)
        print(f"{target.name}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
