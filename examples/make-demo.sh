#!/usr/bin/env bash
# Recreates the example workspace from scratch: DemoAssets computes the input files, then the
# real packer command makes the workspace and registers each asset.
#
#   examples/make-demo.sh [DIR]     (default: examples/demo)
#
# DIR must not hold a workspace yet (a README.md is fine). The input files come out byte for
# byte as committed; the ids are drawn at random, so a remade registry differs from the
# committed one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="${1:-$repo/examples/demo}"
mkdir -p "$demo"
demo="$(cd "$demo" && pwd)"
for taken in packer.json registry assets .packer; do
  if [ -e "$demo/$taken" ]; then
    echo "make-demo: $demo already has $taken; remove packer.json, registry/, assets/ and .packer/ first" >&2
    exit 1
  fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# DemoAssets uses the JDK alone: compile it on its own, no Maven needed.
javac --release 17 -encoding UTF-8 -d "$work/classes" -sourcepath "$repo/packer-cli/src/test/java" \
  "$repo/packer-cli/src/test/java/packer/cli/demo/DemoAssets.java"
java -cp "$work/classes" packer.cli.demo.DemoAssets "$work/inputs"

packer() { "$repo/packer" -C "$demo" "$@"; }
in="$work/inputs"

"$repo/packer" init "$demo" --name demo
packer new assets/sprites/hero --type image --input "$in/assets/sprites/hero/hero.png" --tag sprite --tag character
packer new assets/tiles/grass --type image --input "$in/assets/tiles/grass/grass.png" --tag tile --tag level
packer new assets/ui/button --type image --input "$in/assets/ui/button/button.png" --tag ui
packer new assets/ui/menü --name Café-Menü --type image --input "$in/assets/ui/menü/café-menü.jpg" --tag ui --tag photo
packer new assets/audio/jump --type blob --input "$in/assets/audio/jump/jump.wav" --tag audio --tag sfx
packer new assets/audio/hit --type blob --input "$in/assets/audio/hit/hit.wav" --tag audio --tag sfx
packer new assets/music/BossTheme --type blob --input "$in/assets/music/BossTheme/boss-theme.wav" --tag audio --tag music
packer new assets/levels/level-01 --type json --input "$in/assets/levels/level-01/level-01.json" --tag level
packer new assets/levels/level-01-navmesh --type blob --input "$in/assets/levels/level-01-navmesh/level-01.navmesh" --tag level --tag ai
packer new assets/config/game --type json --input "$in/assets/config/game/game.json" --tag config
packer new assets/text/dialogue --type text --input "$in/assets/text/dialogue/dialogue.txt" --tag text --tag localization
packer new assets/text/credits --type text --input "$in/assets/text/credits/credits.txt" --tag text
packer new assets/fonts/score-digits --type blob --input "$in/assets/fonts/score-digits/score-digits.fnt" --tag ui --tag font
packer new assets/palettes/dusk --type blob --input "$in/assets/palettes/dusk/dusk.pal" --tag art

packer check
packer ls
