#!/usr/bin/env bash
# Regenerates certificates/fonts/: the Latin part of DejaVu Sans (regular and
# bold) that every certificate is set in. WeasyPrint subsets and embeds the face
# of each certificate anew; from the full DejaVu Sans (6,000 glyphs) that took
# about 4 ms of every render, from this subset (about 700 glyphs) a fraction of
# it. Characters outside these ranges still print, in the system's DejaVu Sans
# (the stylesheet's next family). Run from the project root after changing the
# ranges; the output is committed, so deployments need nothing of this.
set -euo pipefail
source_dir=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
# Basic Latin, Latin-1, Latin Extended-A and -B (all European Latin alphabets,
# Romanian's ș and ț included), combining accents for decomposed names, general
# punctuation (dashes, quotes, ellipsis), the euro and trade marks.
ranges="U+0020-007E,U+00A0-024F,U+0300-036F,U+2010-205E,U+20AC,U+2116,U+2122"
for face in DejaVuSans DejaVuSans-Bold; do
  .venv/bin/pyftsubset "$source_dir/$face.ttf" --unicodes="$ranges" \
    --no-hinting --drop-tables+=FFTM,MATH --output-file="certificates/fonts/$face-Latin.ttf"
done
