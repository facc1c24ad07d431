#!/usr/bin/env bash
# test_build.sh: the OSS-Fuzz build contract check fuzz/smoke.sh runs in CI.
# It is fuzz/oss-fuzz/check_build.sh (OSS-Fuzz's build_fuzzers + check_build
# without Docker): by default address x libFuzzer; --all (or CHECK_BUILD_ALL=1)
# runs address, undefined, memory, coverage x libFuzzer and address x AFL++.
# OSS_WORK: the work directory (kept when given).
exec "$(dirname "$0")/check_build.sh" "$@"
