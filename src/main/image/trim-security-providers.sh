#!/usr/bin/env bash
# Keeps in the runtime image's security configuration only the providers whose module jlink put in the image, and
# numbers them again. A provider listed but absent is looked for on the class path instead, with a ServiceLoader
# that instantiates every provider it finds there: BouncyCastle's (a signed jar, verified first), which costs the
# controller half a second and 20 MiB at its first TLS context, to find a provider it never asked for.
#
#   trim-security-providers.sh IMAGE
set -euo pipefail
image=$1
config="$image/conf/security/java.security"
modules=$("$image/bin/java" --list-modules | sed 's/@.*//')
module_of() {
  case "$1" in
    SUN | SunRsaSign | SunJSSE | SunJCE) echo java.base ;;
    SunEC) echo jdk.crypto.ec ;;
    SunJGSS) echo java.security.jgss ;;
    SunSASL) echo java.security.sasl ;;
    XMLDSig) echo java.xml.crypto ;;
    SunPCSC) echo java.smartcardio ;;
    JdkLDAP) echo java.naming ;;
    JdkSASL) echo jdk.security.jgss ;;
    SunPKCS11) echo jdk.crypto.cryptoki ;;
    *) echo unknown ;;
  esac
}
kept=()
while IFS= read -r provider; do
  if printf '%s\n' "$modules" | grep -qx "$(module_of "${provider%% *}")"; then
    kept+=("$provider")
  fi
done < <(sed -n 's/^security\.provider\.[0-9]*=//p' "$config")
grep -v '^security\.provider\.[0-9]*=' "$config" >"$config.trimmed"
for i in "${!kept[@]}"; do
  echo "security.provider.$((i + 1))=${kept[$i]}"
done >>"$config.trimmed"
chmod u+w "$config"
mv "$config.trimmed" "$config"
echo "security providers kept: ${kept[*]}"
