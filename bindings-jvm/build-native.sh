#!/usr/bin/env bash
# Builds libfeedrail_jvm (Cargo profile $1, target $2) and writes its Kotlin into $3: uniffi's
# bindings with feedrail's exception and the Java facade (feedrail-jvm-bindgen). Maven runs it
# before compiling; the library must be generated from before it is stripped.
set -euo pipefail
profile=$1 target=$2 out=$3
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
flags=()
[ "$profile" = release ] && flags=(--release)
cargo build -q "${flags[@]}" --target "$target" -p feedrail-jvm -p feedrail-jvm-bindgen
dir="target/$target/$profile"
rm -rf "$out"
"$dir/feedrail-jvm-bindgen" generate "$dir/libfeedrail_jvm.so" --language kotlin --out-dir "$out" --no-format
