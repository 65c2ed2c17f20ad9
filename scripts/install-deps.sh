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
  libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr
  poppler-utils qpdf mupdf-tools python3 libharfbuzz-bin fontconfig
  # CI's second build: clang with AddressSanitizer and UndefinedBehaviorSanitizer (their runtimes
  # and llvm-symbolizer for readable stacks); also libFuzzer for fuzz/.
  clang libclang-rt-14-dev llvm
  # The families the default fallback lists name (styles/default.toml [fallback]), so every
  # machine sets the same text in the same faces: Noto for Arabic, Hebrew, Indic and
  # South-East Asian scripts, symbols and maths; Noto CJK (OpenType CFF collections); Symbola,
  # the one monochrome outline emoji font Debian has (Noto Color Emoji is a CBDT bitmap font
  # that cannot be a PDF font); DejaVu for what is left. Inter: an OpenType CFF text family
  # the tests embed.
  fonts-noto-core fonts-noto-cjk fonts-symbola fonts-dejavu-core fonts-inter
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
