#!/usr/bin/env bash
# Builds a self-contained sersic4j bundle for a Linux machine that has an OpenCL driver (e.g. a GPU host) but no Java:
#
#   scripts/gpu-bundle.sh [OUT_DIR]          (default: target/gpu-bundle)
#
# OUT_DIR then holds
#   runtime/            a jlink Java runtime with only the JDK modules the code needs (native symbol tables stripped)
#   lib/*.jar           the project's module jars and the runtime dependencies of render, fit and the cli, without
#                       ND4J / Deeplearning4j / JavaCPP / OpenBLAS (the networks' libraries, hundreds of MB): the
#                       commands render, simulate, fit, bench render and bench fit work; train, predict, bench predict,
#                       compare, run and validate do not
#   lib/opencl/         a fallback OpenCL ICD loader (used only where the machine has none) and an nvidia.icd
#   bin/sersic4j        the launcher (same as ./sersic4j, with the bundled runtime)
#   bin/gpu-measure.sh  the GPU measurements (a copy of scripts/gpu-measure.sh)
#   BUNDLE.txt          what was bundled, from which commit, and what the machine needs (glibc version)
#
# Copy OUT_DIR to the machine and run OUT_DIR/bin/sersic4j or OUT_DIR/bin/gpu-measure.sh there. The runtime is built
# from the JDK running this script, so the bundle runs on the same OS and architecture (Linux, `uname -m` here) with a
# glibc at least as new as the one it was linked against (written to BUNDLE.txt and checked by the launcher).
#
# Environment: SERSIC4J_SKIP_BUILD=1 uses the jars already in */target instead of running
# `./mvnw -B -q -DskipTests install` first; JAVA_HOME picks the JDK (else the one `java` on the PATH belongs to).
# The bundle must stay under 64 MiB (it is copied to machines that take at most that much); the script fails if not.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/gpu-bundle}"
limit=$((64 * 1024 * 1024))

say() { printf 'gpu-bundle: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------------------------------
# The JDK: jlink, jdeps and the runtime image all come from one JDK.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ]; then
  jdk="$JAVA_HOME"
else
  java_bin="$(command -v java)" || die "no java on the PATH and no JAVA_HOME"
  jdk="$(dirname "$(dirname "$(readlink -f "$java_bin")")")"
fi
for t in jlink jdeps java; do [ -x "$jdk/bin/$t" ] || die "$jdk/bin/$t is missing (a full JDK is needed, not a JRE)"; done
for t in zip unzip objdump; do command -v "$t" >/dev/null || die "'$t' is needed (zip, unzip; objdump is in binutils)"; done

# Refuse to wipe a directory that is not an earlier (perhaps unfinished) bundle: those carry a marker file.
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
marker=.sersic4j-gpu-bundle
if [ -e "$out" ]; then
  [ -f "$out/$marker" ] || [ -z "$(ls -A "$out")" ] || die "$out exists and is not a bundle; give an empty or new directory"
  rm -rf "$out"
fi
mkdir -p "$out"
: > "$out/$marker"

# ---------------------------------------------------------------------------------------------------------------------
# 1. Build the jars (as ./sersic4j does), unless asked not to.
cd "$root"
if [ "${SERSIC4J_SKIP_BUILD:-0}" != 1 ]; then
  say "building (./mvnw -B -q -DskipTests install)…"
  ./mvnw -B -q -DskipTests install >&2 || die "the build failed; run './mvnw -B -DskipTests install' to see why"
fi

cli_jar=""
for j in cli/target/sersic4j-cli-*.jar; do
  case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) continue ;; esac
  [ -f "$j" ] && cli_jar="$j"
done
[ -n "$cli_jar" ] || die "no cli/target/sersic4j-cli-*.jar; build first (or leave SERSIC4J_SKIP_BUILD unset)"
version="${cli_jar##*/sersic4j-cli-}"; version="${version%.jar}"

# ---------------------------------------------------------------------------------------------------------------------
# 2. The jars.
# Project jars: every module's, taken from its own target/ (the freshly built ones, not the local repository's).
# Third-party jars: the runtime class paths of render and fit, plus the cli's own direct dependencies (jackson, picocli).
# Everything that comes only through the learn module (ND4J, Deeplearning4j, JavaCPP, OpenBLAS and their helpers) and
# the compare module's chart library (xchart, PDFBox: reports only) is left out. The class path files are written
# into each module's target/ (Maven resolves relative file parameters against the module's directory).
mkdir -p "$out/lib"
for m in io render fit learn compare validation cli; do
  j="$m/target/sersic4j-$m-$version.jar"
  [ -f "$j" ] || die "$j is missing; build first"
  cp "$j" "$out/lib/"
done

cpfile=target/gpu-bundle-classpath.txt
say "resolving the runtime dependencies of render, fit and cli…"
./mvnw -B -q -pl render,fit dependency:build-classpath -DincludeScope=runtime -DexcludeGroupIds=org.sersic4j \
  -Dmdep.outputFile="$cpfile" >&2
# The cli's direct dependencies only (their own dependencies are in render's class path), without ND4J and
# Deeplearning4j, which the cli declares for the commands the bundle does not carry, and slf4j, through which only
# they log.
./mvnw -B -q -pl cli dependency:build-classpath -DincludeScope=runtime -DexcludeTransitive=true \
  -DexcludeGroupIds=org.sersic4j,org.slf4j,org.nd4j,org.deeplearning4j -Dmdep.outputFile="$cpfile" >&2

# Jars a dependency declares but no class uses (checked with `jdeps -summary -R` from the cli jar) are left out too:
# Aparapi's pom brings the Scala library (6 MB) and no Aparapi class refers to it.
for m in render fit cli; do
  [ -f "$m/$cpfile" ] || die "Maven wrote no $m/$cpfile"
  tr ':' '\n' < "$m/$cpfile"
  echo
done | grep -v '^$' | sort -u | while IFS= read -r j; do
  case "${j##*/}" in scala-library-*) continue ;; esac
  [ -f "$j" ] || die "$j (from Maven's class path) is missing"
  cp "$j" "$out/lib/"
done

# Aparapi's JNI jar carries its native library for Windows, macOS and four Linux architectures (70 MB unpacked, 19 MB
# packed); keep only this architecture's Linux library, which is the one Aparapi's NativeLoader extracts here.
arch="$(uname -m)"
apjni="$(ls "$out"/lib/aparapi-jni-*.jar 2>/dev/null | head -n 1)"
[ -n "$apjni" ] || die "aparapi-jni is not on render's class path"
unzip -l "$apjni" "linux/libaparapi_$arch.so" >/dev/null 2>&1 || die "$apjni has no Linux library for $arch"
mapfile -t foreign < <(unzip -Z1 "$apjni" | grep -E '^(win|osx|linux)/.+' | grep -v "^linux/libaparapi_$arch\.so\$")
if [ "${#foreign[@]}" -gt 0 ]; then zip -q -d "$apjni" "${foreign[@]}" >/dev/null; fi

# ---------------------------------------------------------------------------------------------------------------------
# 3. The Java runtime.
# jdeps lists the JDK modules the jars need. Its roots are the cli jar and the jars without a module-info (a modular
# jar given as a root is resolved as a module, and its requirements are not found on the class path); the modular
# jars are still analysed through the class path, recursively, from the code that uses them. Classes of the
# libraries left out (ND4J, xchart) are missing deliberately, hence --ignore-missing-deps.
classpath="$(ls "$out"/lib/*.jar | tr '\n' ':')"
roots=("$out/lib/$(basename "$cli_jar")")
for j in "$out"/lib/*.jar; do
  [ "$j" = "${roots[0]}" ] && continue
  # (grep without -q: an early exit would fail the pipeline under pipefail)
  unzip -Z1 "$j" | grep -E '(^|/)module-info\.class$' >/dev/null || roots+=("$j")
done
modules="$("$jdk/bin/jdeps" --multi-release 17 --print-module-deps --ignore-missing-deps --class-path "$classpath" \
  "${roots[@]}" | tail -n 1)"
case "$modules" in java.base*) ;; *) die "jdeps gave no module list (got: $modules)" ;; esac
# Always: jdk.unsupported (sun.misc.Unsafe, used by JTransforms and JLargeArrays, maybe by Aparapi).
modules="$modules,jdk.unsupported"
modules="$(tr ',' '\n' <<< "$modules" | sort -u | paste -sd, -)"
say "jlink modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/runtime"
# jlink links each module's legal notices to java.base's copies; store them as files (some copying tools drop links).
find "$out/runtime" -type l | while IFS= read -r l; do
  t="$(readlink -f "$l")"; rm "$l"; cp "$t" "$l"
done
[ -f "$out/runtime/lib/libjsig.so" ] || die "the runtime has no lib/libjsig.so"
# Drop the native libraries' static symbol tables (libjvm.so's alone is 4 MB; --strip-debug strips class files only).
# The dynamic symbols stay, so the libraries link as before; a JVM crash log then names fewer native frames.
if command -v strip >/dev/null; then
  find "$out/runtime" -name '*.so' -type f -exec strip --strip-unneeded {} +
else
  say "note: no 'strip' here; the runtime keeps its native symbol tables (about 4 MB more)"
fi

# The newest glibc symbol version the runtime's native libraries ask for: the machine needs at least this glibc.
glibc_needed="$(for f in "$out"/runtime/lib/*.so "$out"/runtime/lib/server/*.so "$out"/runtime/bin/java; do
    objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' || true
  done | sed 's/GLIBC_//' | sort -uV | tail -n 1)"

# ---------------------------------------------------------------------------------------------------------------------
# 4. A fallback OpenCL ICD loader. Aparapi's library links libOpenCL.so.1; a machine with a GPU driver but without an
# ICD loader (a bare container) would have no OpenCL at all. The launcher adds lib/opencl to LD_LIBRARY_PATH only
# where the machine has no libOpenCL.so.1 of its own, and points the loader at NVIDIA's library only where
# /etc/OpenCL/vendors lists no driver.
mkdir -p "$out/lib/opencl/vendors"
printf 'libnvidia-opencl.so.1\n' > "$out/lib/opencl/vendors/nvidia.icd"
ocl="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | awk '/libOpenCL\.so\.1 .*x86-64|libOpenCL\.so\.1 .*AArch64/ {print $NF; exit}')"
if [ -n "$ocl" ] && [ -f "$ocl" ]; then
  cp "$(readlink -f "$ocl")" "$out/lib/opencl/libOpenCL.so.1"
else
  say "note: no libOpenCL.so.1 here to bundle as a fallback; the machine must have its own"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 5. The launcher and the measurement script.
mkdir -p "$out/bin"
cat > "$out/bin/sersic4j" <<'LAUNCHER'
#!/usr/bin/env bash
# sersic4j, bundled: runs the command-line tool with the Java runtime and jars of this bundle (no Java needed).
# Works from any directory; relative paths in arguments stay relative to your directory.
# Extra JVM options: SERSIC4J_JAVA_OPTS (e.g. SERSIC4J_JAVA_OPTS="-Xmx8g").
set -euo pipefail

# The bundle's directory (the parent of bin/), following symbolic links.
src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  case "$src" in /*) ;; *) src="$dir/$src" ;; esac
done
home="$(cd -P "$(dirname "$src")/.." && pwd)"
java="$home/runtime/bin/java"

# The runtime needs at least the glibc it was linked against (BUNDLE.txt); say so plainly rather than fail in the loader.
need="$(sed -n 's/^glibc-needed: *//p' "$home/BUNDLE.txt" 2>/dev/null || true)"
have="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}' || true)"
if [ -n "$need" ] && [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n 1)" != "$need" ]; then
  echo "sersic4j: this bundle's Java runtime needs glibc $need or newer; this machine has $have" >&2
  exit 2
fi

# has_lib NAME: whether the dynamic linker finds NAME (its cache, the usual directories, or LD_LIBRARY_PATH).
has_lib() {
  local l d
  for l in "$(command -v ldconfig 2>/dev/null)" /sbin/ldconfig /usr/sbin/ldconfig; do
    if [ -n "$l" ] && [ -x "$l" ]; then
      "$l" -p 2>/dev/null | awk -v n="$1" '$1 == n {f = 1} END {exit !f}' && return 0
      break
    fi
  done
  local IFS=:
  for d in ${LD_LIBRARY_PATH:-} /lib64 /usr/lib64 /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu \
           /lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib; do
    [ -n "$d" ] && [ -e "$d/$1" ] && return 0
  done
  return 1
}

# OpenCL: use the machine's ICD loader and drivers; fall back on the bundled loader where there is none, and on
# NVIDIA's library where no driver is registered in /etc/OpenCL/vendors (both ocl-icd's and Khronos' variables).
if [ -f "$home/lib/opencl/libOpenCL.so.1" ] && ! has_lib libOpenCL.so.1; then
  export LD_LIBRARY_PATH="$home/lib/opencl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if [ -z "${OCL_ICD_VENDORS:-}${OCL_ICD_FILENAMES:-}" ] && ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1 \
   && has_lib libnvidia-opencl.so.1; then
  export OCL_ICD_VENDORS="$home/lib/opencl/vendors" OCL_ICD_FILENAMES="libnvidia-opencl.so.1"
fi

# OpenCL runtimes built on LLVM (PoCL) install signal handlers of their own; the JVM's signal-chaining library keeps
# the JVM's handlers working (without it the JVM can die with SIGSEGV after an OpenCL kernel is compiled).
export LD_PRELOAD="$home/runtime/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"

# SERSIC4J_JAVA_OPTS is split on spaces on purpose (several options in one variable). sersic4j.home tells run
# configurations where the shipped data would be, as ./sersic4j does with the source tree.
# shellcheck disable=SC2086
exec "$java" ${SERSIC4J_JAVA_OPTS:-} -Dsersic4j.home="$home" -cp "$home/lib/*" org.sersic4j.cli.Main "$@"
LAUNCHER
cp "$root/scripts/gpu-measure.sh" "$out/bin/gpu-measure.sh"
chmod 755 "$out/bin/sersic4j" "$out/bin/gpu-measure.sh"

# ---------------------------------------------------------------------------------------------------------------------
# 6. What the bundle is, then its size.
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | head -n 1)"
{
  echo "sersic4j $version bundle for Linux $arch, built $(date -u +%Y-%m-%dT%H:%M:%SZ) from commit $commit${dirty:+ (with uncommitted changes)}"
  echo "java: $("$out/runtime/bin/java" -version 2>&1 | head -n 1)"
  echo "glibc-needed: $glibc_needed"
  echo "modules: $modules"
  echo "commands: render, simulate, fit, bench render, bench fit (not: train, predict, bench predict, compare, run, validate)"
  echo "jars:"
  (cd "$out/lib" && ls -1 ./*.jar | sed 's|^\./|  |')
} > "$out/BUNDLE.txt"

# The runtime must start and find every class of the commands the bundle is for.
"$out/bin/sersic4j" --version >/dev/null || die "the bundled sersic4j does not start"

size="$(du -sb "$out" | cut -f1)"
mib="$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1048576}')"
say "runtime $(du -sb "$out/runtime" | cut -f1) bytes, jars $(du -sb "$out/lib" | cut -f1) bytes"
if [ "$size" -gt "$limit" ]; then
  die "the bundle is $size bytes ($mib MiB), over the 64 MiB limit ($limit bytes)"
fi
say "bundle: $out, $size bytes ($mib MiB; limit 64 MiB)"
