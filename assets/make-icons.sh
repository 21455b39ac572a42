#!/bin/sh
# Regenerates the add-in icons (ImageMagick): a white checklist on an agency-blue rounded square.
# Drawn once at 256 px and scaled down so every size shows the same glyph.
set -e
cd "$(dirname "$0")"
convert -size 256x256 xc:none \
  -fill '#0F5CAB' -draw 'roundrectangle 8,8 247,247 40,40' \
  -stroke white -strokewidth 18 -fill none \
  -draw 'polyline 46,78 64,96 94,60' -draw 'polyline 46,146 64,164 94,128' \
  -draw 'line 120,78 208,78' -draw 'line 120,146 208,146' \
  -draw 'rectangle 48,196 86,222' -draw 'line 120,209 208,209' \
  master.png
for size in 16 32 64 80 128; do
  convert master.png -filter Lanczos -resize "${size}x${size}" -depth 8 -strip "icon-${size}.png"
done
convert master.png -filter Lanczos -resize 300x300 -depth 8 -strip logo-filled.png
rm master.png
