#!/usr/bin/env bash
# Installs the system packages that building and testing need, when they are missing.
# Debian/Ubuntu: libncurses-dev (ncursesw headers), tmux (end-to-end tests), graphviz (DOT export
# check), ncurses-term (terminfo entries), hyperfine, vim and nano (start-up comparison in bench).
set -euo pipefail
need=()
pkg-config --exists ncursesw 2>/dev/null || need+=(libncurses-dev)
command -v tmux >/dev/null || need+=(tmux)
command -v dot >/dev/null || need+=(graphviz)
[ -n "${MLSD_BENCH_DEPS:-}" ] && { command -v hyperfine >/dev/null || need+=(hyperfine); command -v nano >/dev/null || need+=(nano); command -v vim >/dev/null || need+=(vim); }
# The schema tests (Tests/InterviewKitTests/ScenarioSchemaTests.swift) check Scenarios/*.yaml against
# Scenarios/schema.json with python3 and its jsonschema and PyYAML modules. Without python3 they skip
# locally and fail in CI; a failed pip install only warns, so that building still works.
if ! command -v python3 >/dev/null; then
  echo "deps: python3 not found; the schema tests skip locally (and fail when CI is set)" >&2
elif ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  echo "deps: installing the python3 modules jsonschema and pyyaml" >&2
  python3 -m pip install --quiet jsonschema pyyaml \
    || echo "deps: could not install jsonschema and pyyaml with pip; the schema tests need them (Debian: apt-get install python3-jsonschema python3-yaml)" >&2
fi
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "deps: please install: ${need[*]} (no apt-get on this machine)" >&2; exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "deps: installing ${need[*]}" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
