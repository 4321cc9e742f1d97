#!/usr/bin/env bash
# Checks the system libraries the project needs (and, with `test`, the browser
# the tests drive) and installs the missing ones on
# Debian/Ubuntu (apt-get, as root). Anywhere else it says exactly what to install.
set -euo pipefail

missing=()
command -v python3.11 >/dev/null 2>&1 || missing+=(python3.11 python3.11-venv)
# WeasyPrint renders through Pango and needs real fonts. (Outputs are captured
# first: `grep -q` closing a pipe early would trip pipefail.)
libs=$(ldconfig -p 2>/dev/null || true)
fonts=$(fc-list 2>/dev/null || true)
[[ $libs == *libpango-1.0.so* ]] || missing+=(libpango-1.0-0)
[[ $libs == *libpangoft2-1.0.so* ]] || missing+=(libpangoft2-1.0-0)
# Font subsetting in C; without it WeasyPrint falls back to fontTools, which
# takes about a third of a second per font per certificate.
[[ $libs == *libharfbuzz-subset.so* ]] || missing+=(libharfbuzz-subset0)
# The certificates' QR codes (certificates/qr.py).
[[ $libs == *libqrencode.so* ]] || missing+=(libqrencode4)
[[ $fonts == *"DejaVu Sans"* ]] || missing+=(fonts-dejavu-core fontconfig)
# SAML company sign-in (python3-saml's `xmlsec` binding): PyPI's wheel carries
# its own libxmlsec1, but where pip finds no wheel it builds the binding against
# Debian's, with its headers and pkg-config.
if ! pkg-config --exists xmlsec1 libxml-2.0 2>/dev/null; then
  missing+=(pkg-config libxmlsec1-dev libxml2-dev)
fi
# msgfmt compiles the translation catalogues.
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# The browser tests drive Debian's Chromium (`system-deps.sh test`).
if [ "${1:-}" = "test" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  missing+=(chromium)
fi
# The company sign-in tests run a real OpenID provider (the npm package
# oidc-provider, tests/sso/oidc) with Node 20, and a SAML identity provider made
# with pysaml2, which signs its assertions with Debian's xmlsec1.
if [ "${1:-}" = "test" ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v xmlsec1 >/dev/null 2>&1 || missing+=(xmlsec1)
fi
# The slow tests open the XLSX exports in a real spreadsheet, LibreOffice Calc
# without its user interface (`system-deps.sh slow`, used by `make test-slow`).
if [ "${1:-}" = "slow" ]; then
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
fi
# Only to remake the demo's call recordings (`system-deps.sh audio`, used by
# scripts/demo-audio.py): speech synthesis and an MP3 encoder. The recordings
# themselves are in the repository, so nothing else needs these.
if [ "${1:-}" = "audio" ]; then
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v lame >/dev/null 2>&1 || missing+=(lame)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "System packages missing: ${missing[*]}"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "Install them with your package manager, e.g. on Debian/Ubuntu:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
