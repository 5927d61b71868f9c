#!/usr/bin/env bash
# Lays out the installable tree from the packaged runnable jar and makes the offline bundle:
#   target/dist/PACKAGE-VERSION/                       the tree the .deb installs as /opt/runvault
#   target/PACKAGE-VERSION-linux-x86_64.tar.gz         the same tree, owned by root, for offline installs
#   target/PACKAGE-VERSION-linux-x86_64.tar.gz.sha256 / .b2   (sha256sum -c / b2sum -c)
# PACKAGE is runvault, or runvault-cuda for the CUDA build (-Pcuda).
# The Liberty server is unpacked and the application expanded here, once, so nothing is extracted
# when the server starts. ONNX Runtime keeps only its linux-x64 libraries, outside its jar, where
# bin/runvault points it (onnxruntime.native.path); PyTorch's natives (CPU, or CUDA 12.4) are a
# linux-x86_64 jar already, which DJL unpacks into its cache offline.
# Called by Maven in the package phase (pom.xml) with:
#   BASEDIR TARGET VERSION JAVA_HOME [PACKAGE [PYTORCH_NATIVE_ARTIFACT]]
# Needs only a JDK, tar, gzip and coreutils.
set -euo pipefail
basedir=$1 target=$2 version=$3 java_home=$4
package=${5:-runvault} pytorch_native=${6:-pytorch-native-cpu}
jar="$java_home/bin/jar"
name="$package-$version"
bundle="$name-linux-x86_64.tar.gz"
started=$(date +%s%N)

dist="$target/dist"
root="$dist/$name"
rm -rf "$dist"
mkdir -p "$root"

# The Liberty server from the runnable jar (its minified runtime: every feature server.xml names).
(cd "$root" && "$jar" xf "$target/runvault.jar" wlp)
find "$root/wlp/bin" -maxdepth 1 -type f ! -name '*.bat' -exec chmod 755 {} +

# The application expanded in place (a directory named runvault.war is what server.xml deploys).
apps="$root/wlp/usr/servers/runvault/apps"
mv "$apps/runvault.war" "$apps/runvault.war.packed"
mkdir "$apps/runvault.war"
(cd "$apps/runvault.war" && "$jar" xf ../runvault.war.packed)
rm "$apps/runvault.war.packed"

# PyTorch: exactly the natives this package is built for, for linux-x86_64, and no others: the
# engine must find them inside the package (no download at run time), and a CPU package carrying
# CUDA natives (or both) would be 2 GB for nothing.
lib="$apps/runvault.war/WEB-INF/lib"
natives=$(cd "$lib" && ls pytorch-native-*.jar 2>/dev/null || true)
case $natives in
    "$pytorch_native"-*-linux-x86_64.jar) ;;
    *) echo "stage.sh: expected one $pytorch_native linux-x86_64 jar in WEB-INF/lib, found: ${natives:-none}" >&2; exit 1 ;;
esac
props="$dist/pytorch-properties"
mkdir -p "$props"
(cd "$props" && "$jar" xf "$lib/$natives" native/lib/pytorch.properties)
flavor=$(sed -n 's/^flavor=//p' "$props/native/lib/pytorch.properties" 2>/dev/null || true)
rm -rf "$props"
[ "pytorch-native-$flavor" = "$pytorch_native" ] || {
    echo "stage.sh: $natives declares flavor '${flavor:-none}' (native/lib/pytorch.properties), not ${pytorch_native#pytorch-native-}" >&2
    exit 1
}

# ONNX Runtime: linux-x64 libraries beside the code, none left inside the jar.
ort_jar=$(ls "$apps"/runvault.war/WEB-INF/lib/onnxruntime-*.jar)
ort_tmp="$dist/onnxruntime-jar"
mkdir -p "$ort_tmp" "$root/lib/native/onnxruntime"
(cd "$ort_tmp" && "$jar" xf "$ort_jar")
mv "$ort_tmp"/ai/onnxruntime/native/linux-x64/* "$root/lib/native/onnxruntime/"
rm -rf "$ort_tmp/ai/onnxruntime/native"
rm "$ort_jar"
"$jar" cfM "$ort_jar" -C "$ort_tmp" .
rm -rf "$ort_tmp"

# Launch scripts, the launcher's classes (the per-installation keystore password), service files.
mkdir -p "$root/bin"
install -m 755 "$basedir/src/dist/bin/runvault" "$root/bin/runvault"
install -m 755 "$basedir/src/dist/bin/runvaultctl" "$root/bin/runvaultctl"
mkdir -p "$root/lib/launcher/io/runvault"
cp -r "$target/classes/io/runvault/launcher" "$root/lib/launcher/io/runvault/"
mkdir -p "$root/share/systemd" "$root/share/etc"
cp "$basedir/src/dist/systemd/runvault.service" "$basedir/src/dist/systemd/gpu.conf" "$root/share/systemd/"
cp "$basedir/src/dist/etc/runvault.env" "$root/share/etc/runvault.env"
printf '%s\n' "$version" > "$root/VERSION"

# Read-only code: directories 755, files 644, executables 755; owned by root inside the archive.
find "$root" -type d -exec chmod 755 {} +
find "$root" -type f ! -perm -u+x -exec chmod 644 {} +

tar --sort=name --owner=0 --group=0 --numeric-owner -C "$dist" -cf - "$name" | gzip -1 > "$target/$bundle"
(cd "$target" && sha256sum "$bundle" > "$bundle.sha256" && b2sum -l 256 "$bundle" > "$bundle.b2")
echo "Bundle $target/$bundle ($(du -h "$target/$bundle" | cut -f1)) in $(( ($(date +%s%N) - started) / 1000000 )) ms"
