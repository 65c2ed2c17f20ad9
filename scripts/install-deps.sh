#!/usr/bin/env bash
# Installs the Debian 12 packages galley builds, tests and benchmarks with.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libutf8proc-dev
  libtomlplusplus-dev libyaml-cpp-dev nlohmann-json3-dev
  libpng-dev libdeflate-dev nettle-dev
  # Pictures: SVG drawn by librsvg onto a cairo PDF surface; PDF pages (cairo's and the
  # author's) read and copied into galley's PDF with libqpdf (src/picture, src/pdf).
  librsvg2-dev libcairo2-dev libqpdf-dev
  libharfbuzz-dev libfreetype-dev libfontconfig-dev libicu-dev
  libcli11-dev doctest-dev
  # Syntax highlighting of code blocks (the highlight stage): the Kate definitions, with Qt 5.
  libkf5syntaxhighlighting-dev
  # Emoji short codes (:tada:), read at build time: GitHub's names (goldmark-emoji's table) and
  # their aliases (python3-emoji's data).
  golang-github-yuin-goldmark-emoji-dev python3-emoji
  libhyphen-dev
  # Hyphenation patterns for every language Debian 12 has them for in the alphabets galley
  # hyphenates (Latin, Greek, Cyrillic); read in their own encodings (KOI8-R, ISO 8859-2, ...).
  hyphen-af hyphen-be hyphen-bg hyphen-ca hyphen-cs hyphen-da hyphen-de hyphen-el hyphen-en-gb
  hyphen-en-us hyphen-es hyphen-fr hyphen-gl hyphen-hr hyphen-hu hyphen-id hyphen-is hyphen-it
  hyphen-lt hyphen-lv hyphen-mn hyphen-nl hyphen-no hyphen-pl hyphen-pt-br hyphen-pt-pt hyphen-ro
  hyphen-ru hyphen-sk hyphen-sl hyphen-sr hyphen-sv hyphen-uk hyphen-zu
  poppler-utils qpdf mupdf-tools python3 libharfbuzz-bin fontconfig
  # The sRGB ICC profile of the PDF/A output intent (--pdf-standard a-2b): "no copyright, use
  # freely", 7 KB, ICC version 2 (/usr/share/color/icc/sRGB.icc).
  icc-profiles-free
  # CI's second build: clang with AddressSanitizer and UndefinedBehaviorSanitizer (their runtimes
  # and llvm-symbolizer for readable stacks); also libFuzzer for fuzz/.
  clang libclang-rt-14-dev llvm
  # The families the default fallback lists name (styles/default.toml [fallback]), so every
  # machine sets the same text in the same faces: Noto for Arabic, Hebrew, Indic and
  # South-East Asian scripts, symbols and maths; Noto CJK (OpenType CFF collections); Noto
  # Color Emoji (CBDT: its PNG glyphs are drawn as pictures); Symbola, the one monochrome outline
  # emoji font Debian has (fallback.emoji-color = false); DejaVu for what is left. Inter: an
  # OpenType CFF text family the tests embed.
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-symbola fonts-dejavu-core fonts-inter fonts-lmodern
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
