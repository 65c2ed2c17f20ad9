#!/usr/bin/env bash
# Installs the Debian 12 packages galley builds, tests and benchmarks with.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libutf8proc-dev
  libtomlplusplus-dev libyaml-cpp-dev nlohmann-json3-dev
  libhpdf-dev libpng-dev zlib1g-dev
  libharfbuzz-dev libfreetype-dev libfontconfig-dev
  libcli11-dev doctest-dev
  libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr
  poppler-utils qpdf mupdf-tools python3
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
