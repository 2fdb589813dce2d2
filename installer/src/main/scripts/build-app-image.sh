#!/usr/bin/env bash
# Builds Weft Studio's jlink runtime and jpackage app-image from the staged app
# (app/target/weft/lib), then launches `weft --version` from the image to prove it starts.
#   build-app-image.sh STAGE_LIB_DIR OUTPUT_DIR VERSION
# Needs a JDK 25+ in JAVA_HOME (./mvnw sets it).
set -euo pipefail

lib=${1:?staged lib folder}
out=${2:?output folder}
version=${3:?version}
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 25+}

# jpackage wants a numeric version (x.y.z).
app_version=$(printf '%s' "$version" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')

rm -rf "$out"
mkdir -p "$out/input"

platform_fx=()
for jar in "$lib"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-linux*.jar | javafx-*-mac*.jar | javafx-*-win*.jar) platform_fx+=("$jar") ;;
    javafx-*.jar) ;; # empty placeholders
    *) cp "$jar" "$out/input/" ;;
  esac
done
fx_path=$(IFS=:; echo "${platform_fx[*]}")

# The runtime: the JDK modules the libraries use, plus JavaFX as modules.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.localedata,javafx.base,javafx.graphics,javafx.controls,javafx.swing
if ls "$lib"/javafx-media-*.jar >/dev/null 2>&1; then
  modules="$modules,javafx.media"
fi
echo "installer: jlink runtime with $modules"
"$jdk/bin/jlink" \
  --module-path "$fx_path" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages \
  --include-locales=en,zh,ja,ko,de,fr,es \
  --output "$out/runtime"

# `weft screenshot` runs on Monocle's headless glass (a jar on the class path), which needs these
# JavaFX internals (the same list as the ./weft launcher).
headless_glass=""
for p in javafx.base/com.sun.javafx.logging javafx.base/com.sun.javafx javafx.graphics/com.sun.glass.ui \
  javafx.graphics/com.sun.glass.events javafx.graphics/com.sun.glass.utils javafx.graphics/com.sun.javafx.util \
  javafx.graphics/com.sun.javafx.application javafx.graphics/com.sun.javafx.tk; do
  headless_glass="$headless_glass --add-exports=$p=ALL-UNNAMED"
done
headless_glass=${headless_glass# }

echo "installer: jpackage app-image"
"$jdk/bin/jpackage" \
  --type app-image \
  --name weft \
  --app-version "$app_version" \
  --vendor "Weft Studio" \
  --description "Multimodal AI pipelines on a node graph" \
  --input "$out/input" \
  --main-jar weft-app.jar \
  --main-class dev.weft.app.Main \
  --runtime-image "$out/runtime" \
  --java-options "--enable-native-access=javafx.graphics,ALL-UNNAMED" \
  --java-options "$headless_glass" \
  --dest "$out/image"

launcher="$out/image/weft/bin/weft"
echo "installer: checking $launcher --version"
got=$("$launcher" --version 2>&1)
echo "  $got"
case "$got" in
  "Weft Studio $version"*) ;;
  *) echo "installer: the app-image did not report 'Weft Studio $version'" >&2; exit 1 ;;
esac
got=$("$launcher" nodes 2>&1 | head -n 1)
[ -n "$got" ] || { echo "installer: 'weft nodes' printed nothing from the app-image" >&2; exit 1; }
du -sh "$out/image/weft" | sed 's/^/installer: app-image size /'
