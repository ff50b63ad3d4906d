#!/bin/sh
# Set up minutes in ./.venv on a fresh Debian/Ubuntu machine: sh scripts/setup.sh [--test]
# Needs Python 3.11 or newer. Installs Debian's python3-venv, libvoikko1 with voikko-fi for
# Finnish search and wswedish (a Swedish word list), when they are missing and we are root;
# otherwise says what to install.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "setup: $PYTHON not found; install Python 3.11 or newer (apt-get install python3)" >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: minutes needs Python 3.11 or newer; $("$PYTHON" --version) found" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            "$PYTHON" -m venv .venv
        else
            echo "setup: the venv module is missing; run: sudo apt-get install python3-venv" >&2
            exit 1
        fi
    fi
fi
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s libvoikko1 voikko-fi wswedish >/dev/null 2>&1; then
    # Voikko: Finnish search, and with Debian's Swedish word list (wswedish, /usr/share/dict/swedish)
    # the check that tells a PDF page's broken text layer (read by OCR instead) from a good one
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi wswedish >/dev/null
    else
        echo "setup: for Finnish search install Voikko: sudo apt-get install libvoikko1 voikko-fi wswedish" >&2
        echo "setup: (without it, search matches words only as they are written, and broken text layers" >&2
        echo "setup: of PDF pages are not recognised)" >&2
    fi
fi
if [ "${1:-}" = "--test" ] && ! command -v tesseract >/dev/null 2>&1; then
    # the tests OCR scanned pages and broken text layers; `--ocr auto` (the default) needs the same
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe >/dev/null
    else
        echo "setup: for the OCR tests install Tesseract: sudo apt-get install tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe" >&2
    fi
fi
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    # the browser tests of `minutes serve` drive Debian's chromium with Playwright (no browser download)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "setup: for the browser tests install chromium: sudo apt-get install chromium" >&2
    fi
fi
if [ "${1:-}" = "--test" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    # the PostgreSQL store's tests start a private server of Debian's PostgreSQL (scripts/postgres_server.sh)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "setup: for the PostgreSQL tests install PostgreSQL: sudo apt-get install postgresql" >&2
    fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# minutes[nlp]: the Finnish statistical pipeline (spacy-fi-experimental-web-md, which needs
# libvoikko1 and voikko-fi above) adds person names where a meeting prints no participant list
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,nlp]"
else
    .venv/bin/python -m pip install -q --disable-pip-version-check ".[nlp]"
fi
