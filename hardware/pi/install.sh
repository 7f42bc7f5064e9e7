#!/usr/bin/env bash
# Builds MixConsole self-contained for linux-arm64 and installs it as a systemd service on
# Raspberry Pi OS (64-bit). Run on the Pi (with the .NET SDK) or on a build machine with
# TARGET=pi@host to copy it over ssh.
#   hardware/pi/install.sh [--profile pi4-cs42448] [--no-config-txt] [--from PUBLISHED_DIR]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
profile=pi4-cs42448
edit_config=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --no-config-txt) edit_config=0; shift ;;
    --from) out="$2"; shift 2 ;;
    *) echo "install.sh: unknown option $1"; exit 2 ;;
  esac
done

if [ -z "$out" ]; then
  root="$(cd "$here/../.." && pwd)"
  out="$root/.publish/linux-arm64"
  echo "publishing self-contained for linux-arm64 -> $out"
  dotnet publish "$root/host-dsp/MixConsole.Host/MixConsole.Host.csproj" -c Release -r linux-arm64 --self-contained true \
    -p:TieredPGO=true -p:ConcurrentGarbageCollection=true -p:ServerGarbageCollection=false \
    -o "$out" --nologo -v quiet
  mkdir -p "$out/hardware/pi"
  cp -r "$here/profiles" "$out/hardware/pi/"
  cp "$here/mixconsole.service" "$here/mixconsole.default" "$here/install.sh" "$out/hardware/pi/"
fi
profile_file="$out/hardware/pi/profiles/$profile.json"
[ -f "$profile_file" ] || { echo "install.sh: no profile $profile in $out/hardware/pi/profiles"; exit 1; }

if [ -n "${TARGET:-}" ]; then
  echo "copying to $TARGET"
  rsync -a --delete "$out/" "$TARGET:/tmp/mixconsole-install/"
  echo "now run on the Pi: sudo /tmp/mixconsole-install/hardware/pi/install.sh --from /tmp/mixconsole-install --profile $profile"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo) to install the service"; exit 1; }
id mixconsole >/dev/null 2>&1 || useradd --system --no-create-home --groups audio --shell /usr/sbin/nologin mixconsole
install -d /opt/mixconsole
rsync -a --delete "$out/" /opt/mixconsole/
install -m 0644 "$out/hardware/pi/mixconsole.service" /etc/systemd/system/mixconsole.service
[ -f /etc/default/mixconsole ] || install -m 0644 "$out/hardware/pi/mixconsole.default" /etc/default/mixconsole
sed -i "s/^MIXCONSOLE_PROFILE=.*/MIXCONSOLE_PROFILE=$profile/" /etc/default/mixconsole

if [ "$edit_config" -eq 1 ]; then
  config=/boot/firmware/config.txt; [ -f "$config" ] || config=/boot/config.txt
  # Add the profile's dtparam/dtoverlay lines once each.
  python3 - "$profile_file" "$config" <<'PY'
import json, sys
lines = json.load(open(sys.argv[1])).get("configTxt", [])
path = sys.argv[2]
have = open(path).read().splitlines()
new = [l for l in lines if l not in have]
if new:
    with open(path, "a") as f:
        f.write("\n# mixconsole\n" + "\n".join(new) + "\n")
    print("added to " + path + ": " + ", ".join(new) + " (reboot to load the codec)")
PY
fi

systemctl daemon-reload
systemctl enable mixconsole.service
echo "installed; after a reboot (or now: systemctl start mixconsole) check: journalctl -u mixconsole -f"
