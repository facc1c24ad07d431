#!/usr/bin/env bash
# Install every Debian package camsim needs that is not installed yet.
# Runs as root on a fresh Debian 12 machine; does nothing when all is there.
set -euo pipefail

packages=(
  # build
  cmake ninja-build gcc g++ pkg-config git
  # libraries
  libcjson-dev libcmocka-dev libbenchmark-dev
  # fuzzing and the asan/tsan presets: clang, its libFuzzer and sanitizer runtimes
  # (ASan, UBSan, TSan, MSan: libclang-rt-14-dev), llvm-cov, AFL++
  clang llvm libclang-rt-14-dev afl++ zip
  # fuzzing: jansson, the independent JSON oracle (fuzz/reference/ref_json.c)
  libjansson-dev
  # tests/memory: /usr/bin/time -v for peak memory
  time
  # benchmarks: compare.py runs on Debian's python3 with scipy; plots; instruction counts
  libbenchmark-tools python3 python3-scipy gnuplot-nox valgrind
  # OSS-Fuzz contract check (fuzz/oss-fuzz/check_build.sh): apt-get source for the
  # pinned cJSON/jansson releases; libc++ for the AFL++ link with -stdlib=libc++
  dpkg-dev libc++-14-dev libc++abi-14-dev unzip file binutils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "camsim setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
else
  echo "camsim setup: all packages present"
fi
