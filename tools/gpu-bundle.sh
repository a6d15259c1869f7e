#!/usr/bin/env bash
# Builds the portable GPU bundle: a self-contained directory that runs `jdotcompute` on a GPU
# host with no JDK and no Maven installed (only the NVIDIA driver for CUDA, an OpenCL ICD for
# OpenCL). Contents:
#   runtime/   a jlink image with just the JDK modules the jars need (found with jdeps)
#   modules/   the jdotcompute-cli jar and every runtime dependency (the module path)
#   bin/jdotcompute   the launcher
#   BUNDLE.txt what was built, from which commit, and its size
# With --with-tests, also:
#   tests/     the CUDA backend's test classes, the kernel corpus (testkit) and JUnit, on a class path
#   bin/jdotcompute-gpu-tests   runs the CUDA backend's GPU tests (CudaGpuTest) on this host's GPU;
#              exit 0: tests ran and passed, 1: a test failed, 2: nothing ran (no usable GPU)
#
# Usage:  tools/gpu-bundle.sh [--with-tests] [OUTPUT_DIR]     (default: .bundle/jdotcompute)
#         JAVA_HOME must be a JDK 25 (jlink and jdeps come from it).
# Then:   OUTPUT_DIR/bin/jdotcompute backends
#         OUTPUT_DIR/bin/jdotcompute conformance --backend cuda   (once the conformance runner exists)
#         OUTPUT_DIR/bin/jdotcompute-gpu-tests                    (a --with-tests bundle)
#         tar -C "$(dirname OUTPUT_DIR)" -czf jdotcompute-bundle.tar.gz "$(basename OUTPUT_DIR)"   to ship it
#
# Not part of `./mvnw verify`: it runs the build with -DskipTests and jlink (about a minute).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WITH_TESTS=0
if [ "${1:-}" = "--with-tests" ]; then
  WITH_TESTS=1
  shift
fi
OUT="${1:-$ROOT/.bundle/jdotcompute}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25, e.g. /usr/lib/jvm/temurin-25-jdk-amd64}"
JLINK="$JAVA_HOME/bin/jlink"
JDEPS="$JAVA_HOME/bin/jdeps"
[ -x "$JLINK" ] || { echo "gpu-bundle: $JLINK not found: JAVA_HOME must be a full JDK 25" >&2; exit 1; }

TEST_DEPS="$ROOT/backend-cuda/target/gpu-test-deps"
if [ "$WITH_TESTS" = 1 ]; then
  echo "gpu-bundle: building the jars and the CUDA backend's test classes (tests not run)"
  rm -rf "$TEST_DEPS"
  (cd "$ROOT" && ./mvnw -B -q -pl cli,backend-cuda -am -DskipTests package dependency:copy-dependencies \
    -DincludeScope=test -DoutputDirectory=target/gpu-test-deps)
else
  echo "gpu-bundle: building the jars (tests skipped)"
  (cd "$ROOT" && ./mvnw -B -q -pl cli -am -DskipTests package)
fi
MODULES="$ROOT/cli/target/modules"
[ -f "$MODULES/jdotcompute-cli-"*.jar ] 2>/dev/null || ls "$MODULES"/jdotcompute-cli-*.jar >/dev/null

# The JDK modules the jars need. jdeps reads the module descriptors and bytecode; the safety set
# covers what reflection and services use at run time (JFR for the engine's events, logging for
# JCuda's java.util.logging).
NEEDED="$("$JDEPS" --multi-release 25 --ignore-missing-deps --print-module-deps --module-path "$MODULES" \
  "$MODULES"/*.jar 2>/dev/null | tail -1)"
TEST_JARS=()
if [ "$WITH_TESTS" = 1 ]; then
  # The test classes and just the test dependencies CudaGpuTest needs (the kernel corpus and the
  # JUnit Platform; not AssertJ, Byte Buddy or Awaitility, which would pull java.desktop and
  # java.instrument into the runtime). They run on the class path: their JDK modules come on top.
  TEST_JAR="$ROOT/backend-cuda/target/jdotcompute-backend-cuda-tests.jar"
  rm -f "$TEST_JAR"
  "$JAVA_HOME/bin/jar" --create --file "$TEST_JAR" -C "$ROOT/backend-cuda/target/test-classes" .
  TEST_JARS=("$TEST_JAR")
  for dep in "$TEST_DEPS"/*.jar; do
    case "$(basename "$dep")" in
      jdotcompute-testkit-*|junit-jupiter-api-*|junit-jupiter-engine-*|junit-jupiter-params-*|\
      junit-platform-commons-*|junit-platform-engine-*|junit-platform-launcher-*|opentest4j-*|apiguardian-api-*)
        [ -f "$MODULES/$(basename "$dep")" ] || TEST_JARS+=("$dep") ;;
    esac
  done
  TEST_CLASS_PATH="$(IFS=:; echo "${TEST_JARS[*]}")"
  TEST_NEEDED="$("$JDEPS" --multi-release 25 --ignore-missing-deps --print-module-deps --module-path "$MODULES" \
    --class-path "$TEST_CLASS_PATH" "${TEST_JARS[@]}" 2>/dev/null | tail -1)"
  # jdeps also names the application modules the test jars use; jlink wants the JDK's only.
  NEEDED="$NEEDED,$(printf '%s\n' ${TEST_NEEDED//,/ } | grep -E '^(java|jdk)\.' | paste -sd, -)"
fi
JDK_MODULES="$(printf '%s\n' ${NEEDED//,/ } java.base java.logging jdk.jfr | sort -u | paste -sd, -)"
echo "gpu-bundle: JDK modules: $JDK_MODULES"

rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
"$JLINK" --add-modules "$JDK_MODULES" --output "$OUT/runtime" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9
mkdir -p "$OUT/modules" "$OUT/bin"
cp "$MODULES"/*.jar "$OUT/modules/"
# The CUDA backend loads only libJCudaDriver at run time (JNvPTXCompiler, JCudaRuntime and JNvrtc
# serve tests or nothing): keep the natives jar, same name (the automatic module jcuda.natives),
# with just that library.
for natives in "$OUT/modules"/jcuda-natives-*.jar; do
  [ -f "$natives" ] || continue
  tmp="$(mktemp -d)"
  (cd "$tmp" && "$JAVA_HOME/bin/jar" xf "$natives" && find lib -type f ! -name 'libJCudaDriver-*' -delete \
    && rm -f "$natives" && "$JAVA_HOME/bin/jar" --create --file "$natives" --no-manifest lib)
  rm -rf "$tmp"
done

NATIVE_MODULES="$(grep -v '^#' "$ROOT/tools/native-access-modules" | grep . | paste -sd, -)"
{
  echo '#!/usr/bin/env sh'
  echo '# jdotcompute launcher (portable bundle): the bundled runtime, the bundled module path.'
  echo 'HERE="$(cd "$(dirname "$0")/.." && pwd)"'
  echo 'exec "$HERE/runtime/bin/java" \'
  echo "  --enable-native-access=$NATIVE_MODULES \\"
  echo '  --sun-misc-unsafe-memory-access=allow \'
  echo '  ${JAVA_OPTS:-} \'
  echo '  --module-path "$HERE/modules" --add-modules ALL-MODULE-PATH \'
  echo '  --module org.jdotcompute.cli/org.jdotcompute.cli.Main "$@"'
} > "$OUT/bin/jdotcompute"
chmod +x "$OUT/bin/jdotcompute"

if [ "$WITH_TESTS" = 1 ]; then
  mkdir -p "$OUT/tests"
  cp "${TEST_JARS[@]}" "$OUT/tests/"
  cat > "$OUT/bin/jdotcompute-gpu-tests" <<'LAUNCHER'
#!/usr/bin/env sh
# Runs the CUDA backend's GPU tests (CudaGpuTest) with the bundled runtime, on the class path.
# Exit status: 0 tests ran and passed, 1 a test failed, 2 nothing ran (no usable CUDA device).
HERE="$(cd "$(dirname "$0")/.." && pwd)"
exec "$HERE/runtime/bin/java" \
  --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow \
  ${JAVA_OPTS:-} \
  -cp "$HERE/modules/*:$HERE/tests/*" \
  org.jdotcompute.backend.cuda.GpuTestMain "$@"
LAUNCHER
  chmod +x "$OUT/bin/jdotcompute-gpu-tests"
fi

SIZE_MB="$(du -sm "$OUT" | cut -f1)"
{
  echo "JDotCompute portable bundle"
  echo "commit:       $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "built:        $(date -u +%Y-%m-%dT%H:%M:%SZ) with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "JDK modules:  $JDK_MODULES"
  echo "size:         ${SIZE_MB} MiB (runtime $(du -sm "$OUT/runtime" | cut -f1) MiB, modules $(du -sm "$OUT/modules" | cut -f1) MiB)"
  echo "run:          bin/jdotcompute backends"
  if [ "$WITH_TESTS" = 1 ]; then
    echo "GPU tests:    bin/jdotcompute-gpu-tests   (tests $(du -sm "$OUT/tests" | cut -f1) MiB)"
  fi
} > "$OUT/BUNDLE.txt"
cat "$OUT/BUNDLE.txt"
if [ "$SIZE_MB" -ge 64 ]; then
  echo "gpu-bundle: the bundle is ${SIZE_MB} MiB, over the 64 MiB budget" >&2
  exit 1
fi
