#!/usr/bin/env bash
# Installs the Debian 12 packages gongkai needs to build, test and run. Idempotent: installs only what is missing.
# Usage: scripts/install-deps.sh        (as root, or with sudo available)
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libsqlite3-dev sqlite3 libcli11-dev nlohmann-json3-dev libicu-dev libuchardet-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpq-dev postgresql postgresql-client
  libboost1.81-dev libboost-url1.81-dev libxapian-dev libopencc-dev opencc libkainjow-mustache-dev libmagic-dev
  libgumbo-dev libzip-dev libpugixml-dev libcurl4-openssl-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  poppler-utils
  chromium fonts-noto-cjk wrk nginx-light
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm run the browser tests (Playwright); a machine may already have them from another source.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
