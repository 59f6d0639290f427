#!/usr/bin/env bash
# Rebuilds the fonts the PDFs are drawn with (src/Werkbon.Server/Invoicing/Documents/Fonts) from Debian's
# DejaVu Sans: Latin, Greek and Cyrillic with punctuation, currency and common symbols, without TrueType
# hinting. A smaller font makes every embedded subset smaller and quicker to build.
# Needs: apt-get install fonts-dejavu-core python3-fonttools
set -euo pipefail
source=/usr/share/fonts/truetype/dejavu
target="$(dirname "$0")/../src/Werkbon.Server/Invoicing/Documents/Fonts"
ranges="U+0000-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-25FF,U+2700-27BF,U+FB00-FB06,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  /usr/bin/python3 -m fontTools.subset "$source/$face.ttf" --unicodes="$ranges" --no-hinting --layout-features='*' \
    --name-IDs='*' --notdef-outline --output-file="$target/$face.ttf"
done
