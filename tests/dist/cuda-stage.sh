#!/usr/bin/env bash
# Checks what the -Pcuda build does with the packaged jar, without the 2.4 GB CUDA natives: takes
# the CPU build's target/runvault.jar, swaps its PyTorch natives jar for a small fake
# pytorch-native-cu124-<version>-linux-x86_64.jar (flavor=cu124), and runs src/dist/build/stage.sh
# with the arguments -Pcuda gives it. Expects the runvault-cuda bundle with that jar inside, and
# stage.sh refusing a natives jar of the wrong flavour and a CPU package carrying CUDA natives.
# Run after `mvn -B -ntp -DskipTests package`:   bash tests/dist/cuda-stage.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
basedir=$PWD
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
version=$(sed -n 's/^ *<version>\(.*\)<\/version>.*/\1/p' pom.xml | head -n 1)
pytorch=$(sed -n 's/.*<pytorch.version>\(.*\)<\/pytorch.version>.*/\1/p' pom.xml)
[ -f target/runvault.jar ] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /tmp/runvault-cuda-stage.XXXXXX)
trap 'rm -rf "$work"' EXIT
fake_target="$work/target"
mkdir -p "$fake_target"
ln -s "$basedir/target/classes" "$fake_target/classes"

# A fake natives jar: the properties DJL reads to pick the library, and a stand-in library.
make_natives() { # make_natives FLAVOR OUT.jar
    local dir="$work/natives-$1"
    mkdir -p "$dir/native/lib" "$dir/pytorch/$1/linux-x86_64"
    printf 'version=%s\nflavor=%s\nclassifier=linux-x86_64\nlibraries=libtorch.so\n' "$pytorch" "$1" \
        > "$dir/native/lib/pytorch.properties"
    printf 'not a real library\n' > "$dir/pytorch/$1/linux-x86_64/libtorch.so"
    "$java_home/bin/jar" cfM "$2" -C "$dir" .
}

# runvault.jar with its war's natives jar replaced: JAR_OUT NATIVES_JAR (named as the war will hold it)
swap_natives() {
    python3 - "$basedir/target/runvault.jar" "$1" "$2" <<'PY'
import io, os, sys, zipfile
source, out, natives = sys.argv[1:]
war_name = 'wlp/usr/servers/runvault/apps/runvault.war'
with zipfile.ZipFile(source) as jar, zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED, allowZip64=True) as new:
    for item in jar.infolist():
        data = jar.read(item.filename)
        if item.filename == war_name:
            buffer = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(data)) as war, zipfile.ZipFile(buffer, 'w', zipfile.ZIP_STORED) as swapped:
                for entry in war.infolist():
                    if not entry.filename.startswith('WEB-INF/lib/pytorch-native-'):
                        swapped.writestr(entry, war.read(entry.filename))
                swapped.write(natives, 'WEB-INF/lib/' + os.path.basename(natives))
            data = buffer.getvalue()
        new.writestr(item, data)
PY
}

stage() { # stage PACKAGE ARTIFACT: stage.sh as the build calls it
    bash src/dist/build/stage.sh "$basedir" "$fake_target" "$version" "$java_home" "$1" "$2"
}

fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/cu124" "$work/cpu"
make_natives cu124 "$work/cu124/pytorch-native-cu124-$pytorch-linux-x86_64.jar"
swap_natives "$fake_target/runvault.jar" "$work/cu124/pytorch-native-cu124-$pytorch-linux-x86_64.jar"

# 1. The CUDA package's staging: its name, its natives, its checksums.
stage runvault-cuda pytorch-native-cu124 > "$work/stage.log" 2>&1 || { cat "$work/stage.log"; fail "stage.sh as -Pcuda"; }
bundle="$fake_target/runvault-cuda-$version-linux-x86_64.tar.gz"
[ -f "$bundle" ] || fail "no $bundle"
(cd "$fake_target" && sha256sum -c --quiet "$(basename "$bundle").sha256" && b2sum -c --quiet "$(basename "$bundle").b2") \
    || fail "checksums"
listing=$(tar -tzf "$bundle")
grep -q "^runvault-cuda-$version/wlp/usr/servers/runvault/apps/runvault.war/WEB-INF/lib/pytorch-native-cu124-$pytorch-linux-x86_64.jar$" \
    <<<"$listing" || fail "the bundle lacks the CUDA natives jar"
! grep -q 'pytorch-native-cpu' <<<"$listing" || fail "the bundle carries CPU natives too"
grep -q "^runvault-cuda-$version/share/systemd/gpu.conf$" <<<"$listing" || fail "no GPU drop-in in the bundle"
echo "ok: $(basename "$bundle") holds pytorch-native-cu124-$pytorch-linux-x86_64.jar and nothing of the CPU natives"

# 2. The CPU package refuses to ship the CUDA natives.
if stage runvault pytorch-native-cpu > "$work/wrong.log" 2>&1; then fail "a CPU package with CUDA natives was staged"; fi
grep -q "expected one pytorch-native-cpu linux-x86_64 jar" "$work/wrong.log" || { cat "$work/wrong.log"; fail "message"; }
echo "ok: the CPU package refuses the CUDA natives"

# 3. A jar named cu124 whose properties say cpu is refused (DJL would load what the properties say).
make_natives cpu "$work/cpu/pytorch-native-cu124-$pytorch-linux-x86_64.jar"
swap_natives "$fake_target/runvault.jar" "$work/cpu/pytorch-native-cu124-$pytorch-linux-x86_64.jar"
if stage runvault-cuda pytorch-native-cu124 > "$work/flavor.log" 2>&1; then fail "a cpu-flavoured jar was staged as CUDA"; fi
grep -q "declares flavor 'cpu'" "$work/flavor.log" || { cat "$work/flavor.log"; fail "message"; }
echo "ok: a natives jar of the wrong flavour is refused"
echo "cuda-stage: 3 passed, 0 failed"
