#!/usr/bin/env bash
# check_install.sh BUILD_DIR SOURCE_DIR: install the build into a scratch
# prefix, then build and run a consumer program against it both ways a user
# would (pkg-config, find_package), shared and static, and check that the
# shared library exports exactly the functions of camsim.h.
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name libcamsim.so -print -quit)")
cc=${CC:-cc}

echo "== exported symbols"
exported=$(nm -D --defined-only "$libdir/libcamsim.so" | awk '$2 == "T" {sub(/@.*/, "", $3); print $3}' | sort)
declared=$(grep -oE '\bcamsim_[a-z_0-9]+\(' "$prefix/include/camsim/camsim.h" | tr -d '(' | sort -u)
if [ "$exported" != "$declared" ]; then
  diff <(echo "$declared") <(echo "$exported") | sed 's/^</declared, not exported:/; s/^>/exported, not declared:/'
  exit 1
fi
readelf -d "$libdir/libcamsim.so" | grep -q 'SONAME.*libcamsim.so.0' || { echo "no soname libcamsim.so.0"; exit 1; }
echo "$(wc -l <<<"$exported") functions, soname libcamsim.so.0"

echo "== pkg-config"
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046
$cc -o "$work/pc_shared" "$src/tests/install/consumer.c" $(pkg-config --cflags --libs camsim)
LD_LIBRARY_PATH=$libdir "$work/pc_shared"
# shellcheck disable=SC2046
$cc -static-libgcc -o "$work/pc_static" "$src/tests/install/consumer.c" \
  $(pkg-config --cflags camsim) "$libdir/libcamsim.a" $(pkg-config --libs-only-l --static libcjson) -pthread
"$work/pc_static"

echo "== find_package"
cmake -S "$src/tests/install" -B "$work/cm" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cm" >/dev/null
LD_LIBRARY_PATH=$libdir "$work/cm/consumer_shared"
"$work/cm/consumer_static"
if ldd "$work/cm/consumer_static" | grep -q libcamsim; then echo "static consumer links libcamsim.so"; exit 1; fi
echo "install check: ok"
