#!/usr/bin/env bash
# Scans a poisoned fixture, opens its HTML report in headless Chromium with every network path closed, saves a
# screenshot, and checks Chromium's network log: the page must load nothing but itself (file:// and data: URLs).
#
#   scripts/html-screenshot.sh [DATASET] [OUT_DIR]
#
# DATASET defaults to test-fixtures/examples/year-trigger-cuisine.jsonl; OUT_DIR to target/html-screenshot.
# Set REPORT=path/to/augury-report.html to screenshot an existing report instead of scanning.
# Needs Debian's chromium package: installed with apt-get when missing and running as root, otherwise the
# script says how to install it and stops (exit 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dataset="${1:-$here/test-fixtures/examples/year-trigger-cuisine.jsonl}"
out="${2:-$here/target/html-screenshot}"
# Tall enough for the verdict, the findings and their plots; headless Chromium captures the window only.
window="${WINDOW:-1280,3200}"

find_chromium() {
  command -v chromium || command -v chromium-browser || true
}

chromium_bin="$(find_chromium)"
if [ -z "$chromium_bin" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "html-screenshot: chromium is missing; installing Debian's chromium package with apt-get" >&2
    apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }
    chromium_bin="$(find_chromium)"
  fi
  if [ -z "$chromium_bin" ]; then
    echo "html-screenshot: needs Chromium. Install Debian's package as root: apt-get install -y chromium" >&2
    exit 2
  fi
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
html="${REPORT:-$out/augury-report.html}"
if [ -z "${REPORT:-}" ]; then
  # Exit 1 (a finding reached --fail-on) is the expected outcome for a poisoned fixture; 2 and 70 are errors.
  set +e
  "$here/augury" scan --quiet --format html --output "$html" "$dataset"
  code=$?
  set -e
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ] && [ "$code" -ne 3 ]; then
    echo "html-screenshot: the scan failed with exit code $code" >&2
    exit "$code"
  fi
fi
html="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
png="$out/augury-report.png"
netlog="$out/netlog.json"
rm -f "$png" "$netlog"

# Every way out is closed: a proxy on the discard port, and host rules that make every name (the proxy's
# too) unresolvable, so no socket can connect; no QUIC, no background services, an empty profile. Chromium's
# own start-up requests (account and search pings) are still attempted: the net log records them, and the
# check below shows they were initiated by the browser, not the page, and sent no byte.
"$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
  --disable-extensions --no-pings --disable-domain-reliability --disable-client-side-phishing-detection \
  --disable-breakpad --disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate \
  --user-data-dir="$profile" \
  --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
  --log-net-log="$netlog" \
  --hide-scrollbars --window-size="$window" --screenshot="$png" "file://$html" 2> "$out/chromium.log" || {
    echo "html-screenshot: chromium failed; see $out/chromium.log" >&2
    exit 1
  }

if [ ! -s "$png" ]; then
  echo "html-screenshot: no screenshot written; see $out/chromium.log" >&2
  exit 1
fi

command -v python3 >/dev/null || { echo "html-screenshot: python3 is needed to read the net log" >&2; exit 2; }
python3 - "$netlog" "$html" <<'PY'
import json, re, sys

netlog, html = sys.argv[1], sys.argv[2]
log = json.load(open(netlog, encoding="utf-8"))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
problems, browser_urls, page_urls = [], set(), set()
for e in log["events"]:
    kind, p = names.get(e["type"], str(e["type"])), e.get("params", {})
    url = p.get("url", "")
    if kind == "URL_REQUEST_START_JOB" and url and not re.match(r"(file|data):", url):
        # A page's request carries its origin as initiator ("null" for file://); the browser's own say so.
        (browser_urls if p.get("initiator") == "not an origin" else page_urls).add(url)
    if kind in ("SOCKET_BYTES_SENT", "UDP_BYTES_SENT", "SSL_CONNECT", "HTTP_TRANSACTION_SEND_REQUEST_HEADERS"):
        problems.append(f"{kind} {json.dumps(p)[:120]}")
    if kind == "TCP_CONNECT" and p.get("address"):
        problems.append(f"TCP connection attempted to {p['address']}")
for u in sorted(page_urls):
    problems.append(f"the page requested {u}")
# The page itself references nothing outside: no src/href/url() other than data:, fragments or nothing.
text = open(html, encoding="utf-8").read()
for m in re.finditer(r'(?:src|href)\s*=\s*["\']([^"\']*)|url\(\s*["\']?([^"\')]*)', text):
    ref = (m.group(1) or m.group(2) or "").strip()
    if ref and not re.match(r"(data:|#)", ref):
        problems.append(f"the HTML references {ref}")
if problems:
    print("html-screenshot: network check FAILED:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"html-screenshot: network check passed: the page made no request and references nothing outside itself; "
      f"no socket sent a byte. Chromium's own start-up requests, all blocked: {len(browser_urls)}")
for u in sorted(browser_urls):
    print("  blocked (browser):", u[:100])
PY
echo "html-screenshot: $png"
