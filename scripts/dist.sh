#!/usr/bin/env bash
# Builds the portable Linux x86_64 artifacts with zig and checks each one as a user would get it:
# the Python wheel (manylinux2014, glibc 2.17; auditwheel must agree) installed into a fresh venv,
# the sdist, the npm tarball (addon against glibc 2.17) installed into a fresh project and used
# from ESM and CommonJS, the JVM jar (its native library against glibc 2.17) tested as packaged
# and used by the JVM examples, and the glibc-2.17 CLI running `validate`. Everything lands in
# target/dist; the sizes are printed at the end.
#
# Run: make dist   (needs the .venv `make test` creates; installs ziglang, cargo-zigbuild and
# auditwheel into it)
#
# `scripts/dist.sh --check` (run by `make test`) builds and checks the same wheel, sdist, npm
# tarball and CLI in the `dist-check` profile (unoptimised, no debug info: minutes where the
# release builds take half an hour), and leaves out the sdist's build from source and the JVM jar,
# whose packaging `make test` checks with the host's library (PackagedIT).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROFILE=release
if [ "${1:-}" = --check ]; then
  PROFILE=dist-check
fi
DIST=$ROOT/target/$([ "$PROFILE" = release ] && echo dist || echo dist-check)
VENV=$ROOT/.venv
TARGET=x86_64-unknown-linux-gnu
rm -rf "$DIST" && mkdir -p "$DIST"

"$VENV/bin/pip" install -q "ziglang==0.17.1" "cargo-zigbuild>=0.24" "auditwheel>=6.8"
mkdir -p "$ROOT/.tools"
ln -sf "$("$VENV/bin/python" -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))')/zig" "$ROOT/.tools/zig"
export PATH=$ROOT/.tools:$VENV/bin:$PATH
export CARGO_BUILD_TARGET=$TARGET

highest_glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1; }

echo "== Python wheel (manylinux2014) and sdist"
(cd bindings-python && maturin build --profile "$PROFILE" --strip --zig --compatibility manylinux2014 -o "$DIST")
(cd bindings-python && maturin sdist -o "$DIST")
wheel=$(ls "$DIST"/feedrail-*manylinux2014*.whl)
auditwheel show "$wheel" | tee "$DIST/auditwheel.txt"
grep -q 'consistent with the following platform tag:' "$DIST/auditwheel.txt"
grep -q '"manylinux_2_17_x86_64"' "$DIST/auditwheel.txt"
tar tzf "$DIST"/feedrail-*.tar.gz > "$DIST/sdist.txt"
grep -q 'core/src/lib.rs' "$DIST/sdist.txt"
python3 -m venv "$DIST/venv"
"$DIST/venv/bin/pip" install -q "$wheel"
"$DIST/venv/bin/python" - <<'EOF'
import feedrail
report = feedrail.validate([{"id": "t1", "date": "2026-01-02", "description": "Coffee", "amount": "-3.20",
                             "balance": "96.80", "transaction_type": "Debit"}], today="2026-06-30")
assert report.ok, report.errors
with feedrail.Sandbox() as sandbox:
    client = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
    assert client.create_company("Wheel Ltd").name == "Wheel Ltd"
print(f"wheel: feedrail {feedrail.__version__} imports, validates and talks to the sandbox")
EOF
# The sdist builds from source (Rust from PATH, maturin from PyPI) in a venv of its own, in its own
# target dir, which is removed afterwards.
if [ "$PROFILE" = release ]; then
  python3 -m venv "$DIST/venv-sdist"
  CARGO_TARGET_DIR="$DIST/sdist-target" "$DIST/venv-sdist/bin/pip" install -q "$DIST"/feedrail-*.tar.gz
  rm -rf "$DIST/sdist-target"
  "$DIST/venv-sdist/bin/python" -c 'import feedrail; assert feedrail.validate([], today="2026-06-30").ok; print(f"sdist: feedrail {feedrail.__version__} built from source and imports")'
fi

echo "== npm package (addon against glibc 2.17)"
mkdir -p "$DIST/npm"
(cd bindings-node && npm install --no-audit --no-fund --loglevel=error &&
  npx napi build --platform --profile "$PROFILE" -x --target "$TARGET.2.17" -o "$DIST/npm")
addon=$(ls "$DIST"/npm/*.node)
test "$(highest_glibc "$addon")" = GLIBC_2.17
cp bindings-node/package.json bindings-node/README.md "$DIST/npm/"
git diff --quiet -- bindings-node/index.js bindings-node/index.d.ts
(cd "$DIST/npm" && cp "$ROOT/bindings-node/index.js" "$ROOT/bindings-node/index.d.ts" . && npm pack --silent --pack-destination "$DIST" > /dev/null)
mkdir -p "$DIST/npm-check"
(cd "$DIST/npm-check" && npm init -y > /dev/null && npm install --no-audit --no-fund --loglevel=error "$DIST"/feedrail-*.tgz &&
  node -e "const f = require('feedrail'); if (!f.validate([]).errors) process.exit(1); console.log('npm: CommonJS require works, feedrail ' + f.VERSION)" &&
  node --input-type=module -e "import f from 'feedrail'; const { validate } = f; console.log('npm: ESM import works, ' + validate([]).checked + ' lines checked')")

if [ "$PROFILE" = release ]; then
  echo "== JVM jar (native library against glibc 2.17)"
  cargo zigbuild --release -p feedrail-jvm --target "$TARGET.2.17"
  natives=$DIST/jvm-natives/linux-x86-64
  mkdir -p "$natives"
  cp "target/$TARGET/release/libfeedrail_jvm.so" "$natives/"
  test "$(highest_glibc "$natives/libfeedrail_jvm.so")" = GLIBC_2.17
  strip "$natives/libfeedrail_jvm.so"
  # The Kotlin comes from a host build's uniffi metadata (zig's link drops it; the API is the same).
  bindings-jvm/build-native.sh debug "$TARGET" bindings-jvm/target/generated-sources/uniffi
  mvn -B -q -ntp -f bindings-jvm install -Dnative.skip=true -Dnative.dir="$natives"
  cp bindings-jvm/target/feedrail-*.jar "$DIST/"
  unzip -l "$DIST"/feedrail-*.jar linux-x86-64/libfeedrail_jvm.so > /dev/null
  mvn -B -q -ntp -f examples/jvm verify > /dev/null
  echo "jvm: the jar passed its suite and PackagedIT, and the Kotlin and Java quickstarts ran against it"
fi

echo "== CLI (glibc 2.17)"
cargo zigbuild --profile "$PROFILE" -p feedrail-cli --target "$TARGET.2.17"
cp "target/$TARGET/$PROFILE/feedrail" "$DIST/feedrail"
test "$(highest_glibc "$DIST/feedrail")" = GLIBC_2.17
"$DIST/feedrail" validate examples/data/bank-lines-fixed.csv
if "$DIST/feedrail" validate examples/data/bank-lines.csv > /dev/null; then
  echo "the CLI accepted a file with an error" >&2
  exit 1
fi

echo "== sizes"
for f in "$wheel" "$DIST"/feedrail-*.tar.gz "$addon" "$DIST"/feedrail-*.tgz "$DIST"/feedrail-*.jar "$DIST/feedrail"; do
  [ -e "$f" ] || continue # no jar in --check
  printf "%8.1f MB  %s\n" "$(($(stat -c %s "$f") / 100000))e-1" "$f"
done
