#!/usr/bin/env bash
# The product as a user installs it: build the wheel and the sdist, install the wheel
# (not editable) with its extras into a fresh virtual environment outside the checkout,
# and run every command from an empty folder. Nothing here may read the checkout.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gatekeeper-installed.XXXXXX")"
serve_pid=""
cleanup() {
  status=$?
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ] && [ -d "$work/empty" ]; then
    for file in "$work"/empty/*.txt "$work"/empty/*.log; do
      [ -f "$file" ] && { echo "--- $file"; tail -n 40 "$file"; }
    done
  fi
  if [ -n "${GATEKEEPER_INSTALLED_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
step() { printf '\n==> installed: %s\n' "$*"; }

step "fresh venv (no system site-packages) at $work/venv"
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check 'build>=1.0'

step "wheel and sdist"
"$py" -m build --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
ls "$work/dist"
wheel="$(ls "$work"/dist/*.whl)"
ls "$work"/dist/*.tar.gz >/dev/null

step "install the wheel with [audit,metrics,serve]"
"$py" -m pip install -q --disable-pip-version-check "${wheel}[audit,metrics,serve]"
gk="$work/venv/bin/gatekeeper"

mkdir "$work/empty"
cd "$work/empty"
export GATEKEEPER_DECISION_LOG="$work/empty/decisions.jsonl"
unset PYTHONPATH GATEKEEPER_POLICY_DIR GATEKEEPER_POLICY_DATA
export GATEKEEPER_CACHE_DIR="$work/cache"  # never the user's cache
shipped="$("$py" -c 'from gatekeeper.policy._files import shipped_folder as s; print(s("scenarios"))')"
examples="$("$py" -c 'from gatekeeper.policy._files import shipped_folder as s; print(s("examples"))')"
case "$shipped" in "$repo"*) echo "the installed package reads the checkout: $shipped"; exit 1;; esac
promote="$shipped/promotion/promote--spec-6-example.json"

step "check, every format"
for format in text json markdown junit sarif github; do
  "$gk" check "$promote" --format "$format" >"check.$format"
done

step "check --batch"
cat "$shipped"/promotion/*.json | "$py" -c 'import json,sys
dec = json.JSONDecoder(); text = sys.stdin.read(); i = 0
while i < len(text):
    text_i = text[i:].lstrip(); i = len(text) - len(text_i)
    if not text_i: break
    doc, n = dec.raw_decode(text_i); i += n; print(json.dumps(doc))' >batch.jsonl
set +e; "$gk" check batch.jsonl --batch >batch.json; code=$?; set -e
[ "$code" -le 1 ] || { echo "check --batch exited $code"; exit 1; }

step "schema"
for gate in promotion rollout approval; do "$gk" schema "$gate" >"schema.$gate"; done

step "scenarios"
"$gk" scenarios >scenarios.txt 2>&1

step "audit: markdown and pdf, 0 gaps"
"$gk" audit --format markdown -o audit.md
"$gk" audit --format pdf -o audit.pdf
test -s audit.pdf
# read back as an auditor gets it: every page has its footer (revision, page n of N),
# and the sign-off block is there
pages="$(pdfinfo audit.pdf | awk '/^Pages:/ {print $2}')"
[ "${pages:-0}" -gt 1 ] || { echo "audit.pdf: no pages"; exit 1; }
for n in $(seq 1 "$pages"); do
  text="$(pdftotext -f "$n" -l "$n" audit.pdf - | tr -s '[:space:]' ' ')"
  case "$text" in *"gatekeeper audit · policy sha256:"*) ;; *)
    echo "audit.pdf page $n: no footer naming the policy revision"; exit 1 ;; esac
  case "$text" in *"page $n of $pages"*) ;; *)
    echo "audit.pdf page $n: no 'page $n of $pages'"; exit 1 ;; esac
done
pdftotext audit.pdf - | tr -s '[:space:]' ' ' | grep -q "Prepared by.*Reviewed by.*Approved by" \
  || { echo "audit.pdf: no sign-off block"; exit 1; }
echo "audit.pdf: $pages pages, each with its footer; sign-off block present"

step "bundle build"
"$gk" bundle build -o bundle.tar.gz

step "build-input on the shipped examples"
"$gk" build-input --gate promotion --baseline "$examples/metrics/baseline.csv" \
  --canary "$examples/metrics/canary.csv" --base "$examples/metrics/promotion-context.json" \
  -o promotion-input.json
"$gk" check promotion-input.json >/dev/null

step "serve answers a decision"
port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$gk" serve --port "$port" >serve.log 2>&1 &
serve_pid=$!
"$py" - "$port" "$promote" <<'PY'
import json, sys, time, urllib.request
port, path = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
for _ in range(150):
    try:
        urllib.request.urlopen(f"{base}/readyz", timeout=2).read()
        break
    except OSError:
        time.sleep(0.2)
request = urllib.request.Request(
    f"{base}/v1/decisions", data=open(path, "rb").read(),
    headers={"Content-Type": "application/json"}, method="POST")
answer = json.load(urllib.request.urlopen(request, timeout=30))
assert answer["action"] == "promote", answer
print("serve:", answer["action"], answer["policy_revision"])
PY

step "doctor"
"$gk" doctor
echo "installed product: every command ran"
