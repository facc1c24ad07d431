#!/bin/bash -eu
# ClusterFuzzLite build: the same script as OSS-Fuzz's (fuzz/oss-fuzz/build.sh,
# which documents the contract); kept in one place.
exec bash -eu "$SRC/camsim/fuzz/oss-fuzz/build.sh" "$@"
