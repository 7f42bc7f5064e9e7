#!/usr/bin/env bash
# Installs a published MixConsole (self-contained linux-arm64) as a systemd service on Raspberry Pi OS
# Bookworm, 64-bit. Publish on a build machine, not on the Pi, and never as root in the checkout:
#   hardware/pi/install.sh --publish [--profile NAME]     as your user: dotnet publish into .publish/linux-arm64
#   TARGET=pi@rack.local hardware/pi/install.sh --publish  ... then copy it to the Pi over ssh
#   sudo ./hardware/pi/install.sh --from DIR [--profile pi4-cs42448] [--no-config-txt] [--root DIR]
# --root installs into another root file system (an SD card's, or a test's) instead of /.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
profile=pi4-cs42448
edit_config=1
from=""
publish=0
root=/
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --no-config-txt) edit_config=0; shift ;;
    --from) from="$2"; shift 2 ;;
    --publish) publish=1; shift ;;
    --root) root="$2"; shift 2 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$publish" -eq 1 ]; then
  [ "$(id -u)" -ne 0 ] || { echo "install.sh: publish as your own user, not root (root-owned build output would stay in the checkout)" >&2; exit 1; }
  checkout="$(cd "$here/../.." && pwd)"
  out="$checkout/.publish/linux-arm64"
  echo "publishing self-contained for linux-arm64 -> $out"
  dotnet publish "$checkout/host-dsp/MixConsole.Host/MixConsole.Host.csproj" -c Release -r linux-arm64 --self-contained true \
    -o "$out" --nologo -v quiet
  mkdir -p "$out/hardware/pi"
  cp -r "$here/profiles" "$out/hardware/pi/"
  cp "$here/mixconsole.service" "$here/mixconsole.default" "$here/install.sh" "$out/hardware/pi/"
  if [ -n "${TARGET:-}" ]; then
    rsync -a --delete "$out/" "$TARGET:/tmp/mixconsole-install/"
    echo "now on the Pi: sudo /tmp/mixconsole-install/hardware/pi/install.sh --from /tmp/mixconsole-install --profile $profile"
  else
    echo "now on the Pi (after copying $out there): sudo hardware/pi/install.sh --from DIR --profile $profile"
  fi
  exit 0
fi

[ -n "$from" ] || { echo "install.sh: give --from DIR (a published tree) or --publish (see the top of this script)" >&2; exit 2; }
profile_file="$from/hardware/pi/profiles/$profile.json"
[ -f "$profile_file" ] || { echo "install.sh: no profile $profile in $from/hardware/pi/profiles" >&2; exit 1; }
[ -x "$from/mixconsole" ] || { echo "install.sh: $from/mixconsole is missing: publish first (--publish)" >&2; exit 1; }

# The published program is arm64: a 32-bit (armhf) userland cannot run it even on a 64-bit kernel.
arch="${MIXCONSOLE_ARCH:-$(dpkg --print-architecture 2>/dev/null || uname -m)}"
case "$arch" in
  arm64|aarch64) ;;
  *) echo "install.sh: this system's userland is $arch; MixConsole needs Raspberry Pi OS 64-bit (arm64)" >&2; exit 1 ;;
esac
if [ "$root" = / ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo) to install the service" >&2; exit 1; }
fi

json() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2], ""); print("\n".join(v) if isinstance(v, list) else v)' "$profile_file" "$1"; }
card="$(json alsaCard)"
[ "$card" != usb ] || card=""

if [ "$root" = / ]; then
  id mixconsole >/dev/null 2>&1 || useradd --system --no-create-home --groups audio --shell /usr/sbin/nologin mixconsole
fi
install -d "$root/opt/mixconsole" "$root/etc/systemd/system" "$root/etc/default" "$root/etc/NetworkManager/conf.d"
rm -rf "${root:?}/opt/mixconsole"
cp -a "$from/." "$root/opt/mixconsole/"
chown -R 0:0 "$root/opt/mixconsole" 2>/dev/null || true
install -m 0644 "$from/hardware/pi/mixconsole.service" "$root/etc/systemd/system/mixconsole.service"
defaults="$root/etc/default/mixconsole"
[ -f "$defaults" ] || install -m 0644 "$from/hardware/pi/mixconsole.default" "$defaults"
sed -i -e "s/^MIXCONSOLE_PROFILE=.*/MIXCONSOLE_PROFILE=$profile/" -e "s/^MIXCONSOLE_CARD=.*/MIXCONSOLE_CARD=$card/" "$defaults"
grep -q '^MIXCONSOLE_CARD=' "$defaults" || echo "MIXCONSOLE_CARD=$card" >> "$defaults"

# Full clock speed from boot: raspi-config's boot script sets the governor it reads here (the default is ondemand).
governor="$root/etc/default/cpu_governor"
if [ -f "$governor" ] && grep -q '^CPU_DEFAULT_GOVERNOR=' "$governor"; then
  sed -i 's/^CPU_DEFAULT_GOVERNOR=.*/CPU_DEFAULT_GOVERNOR="performance"/' "$governor"
else
  echo 'CPU_DEFAULT_GOVERNOR="performance"' >> "$governor"
fi

# Wi-Fi power saving delays the control surface's packets by up to a beacon interval; NetworkManager (Bookworm) reads this.
printf '[connection]\n# 2 = disable\nwifi.powersave = 2\n' > "$root/etc/NetworkManager/conf.d/mixconsole-wifi-powersave.conf"

if [ "$edit_config" -eq 1 ]; then
  config="$root/boot/firmware/config.txt"
  [ -f "$config" ] || config="$root/boot/config.txt"
  [ -f "$config" ] || { echo "install.sh: no config.txt under $root/boot" >&2; exit 1; }
  # Our lines go last, after an explicit [all], so an earlier [pi4] or [cm5] section cannot swallow them;
  # a block from an earlier install is replaced, not repeated.
  tmp="$(mktemp)"
  awk '/^# mixconsole begin$/{skip=1; next} /^# mixconsole end$/{skip=0; next} !skip' "$config" > "$tmp"
  [ ! -s "$tmp" ] || [ -z "$(tail -c 1 "$tmp")" ] || echo >> "$tmp"
  {
    printf '# mixconsole begin\n[all]\n'
    json configTxt
    printf '# mixconsole end\n'
  } >> "$tmp"
  cat "$tmp" > "$config"
  rm -f "$tmp"
  if grep -q '^dtoverlay=hifiberry-adc8x' "$config" && grep -q '^dtoverlay=hifiberry-dac8x' "$config"; then
    echo "install.sh: warning: $config loads hifiberry-adc8x as well as hifiberry-dac8x; the last one replaces the other's card: remove dtoverlay=hifiberry-adc8x" >&2
  fi
  echo "config.txt: $(json configTxt | tr '\n' ' ')under [all] (reboot to load the codec)"
fi

if [ "$root" = / ]; then
  systemctl daemon-reload
  systemctl enable mixconsole.service
else
  systemctl --root="$root" enable mixconsole.service >/dev/null 2>&1 || echo "install.sh: enable it on the Pi: systemctl enable mixconsole.service"
fi
echo "installed; after a reboot check: journalctl -u mixconsole -f (and hardware/pi/CHECKLIST.md)"
