#!/bin/bash
# One load-test run of a checkout, as in docs/load-test.md ("Before and after
# the simpler core"):
#   bench/load_run.sh CHECKOUT LABEL [AGENTS DURATION RAMP FIRST_PERSON]
# Drops and creates the PostgreSQL database lms_load_LABEL (SKIP_SETUP=1 keeps
# it), migrates, collects static files, runs `load_test.py setup --people 5000`,
# starts gunicorn (5 sync workers, production settings) from CHECKOUT, runs
# `load_test.py run`, and appends gunicorn's CPU a request (master and workers,
# reaped ones included, from /proc) and the machine's busy cores. Output in
# $OUT_ROOT/LABEL (default /tmp/load). VENV chooses the virtualenv (default
# this checkout's .venv): an older checkout may need one of its own.
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT_ROOT=${OUT_ROOT:-/tmp/load}
CO=$1; LABEL=$2; AGENTS=${3:-1000}; DURATION=${4:-600}; RAMP=${5:-120}; FIRST=${6:-0}
VENV=${VENV:-$HERE/.venv}; PY=$VENV/bin/python
OUT=$OUT_ROOT/$LABEL; mkdir -p $OUT
KEYS=$OUT_ROOT/keys; mkdir -p $KEYS
[ -f $KEYS/sign.key ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout $KEYS/sign.key -out $KEYS/sign.crt -days 30 -subj "/CN=load-test" 2>/dev/null
export DJANGO_SETTINGS_MODULE=lms.settings.production
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_load_$LABEL
export REDIS_URL=redis://127.0.0.1:6379/3
export SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL=https://127.0.0.1:8000
export CERTIFICATES_SIGNING_KEY=$KEYS/sign.key CERTIFICATES_SIGNING_CERT=$KEYS/sign.crt
export TRUSTED_CLIENT_IP_HEADER=X-Real-IP
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_FORMAT=plain EMAIL_HOST=127.0.0.1
redis-cli -n 3 flushdb >/dev/null; redis-cli -n 4 flushdb >/dev/null
cd $CO
if [ -z "${SKIP_SETUP:-}" ]; then
psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS lms_load_$LABEL" -c "CREATE DATABASE lms_load_$LABEL"
$PY manage.py migrate --noinput > $OUT/migrate.log 2>&1 || { echo migrate failed; tail $OUT/migrate.log; exit 1; }
$PY manage.py collectstatic --noinput > /dev/null 2>&1
$PY bench/load_test.py setup --people 5000 > $OUT/setup.log 2>&1 || { echo setup failed; tail $OUT/setup.log; exit 1; }
fi
GUNICORN_BIND=127.0.0.1:8000 GUNICORN_WORKERS=5 $VENV/bin/gunicorn -c gunicorn.conf.py --chdir $CO > $OUT/gunicorn.log 2>&1 &
GPID=$!
for i in $(seq 60); do curl -s -o /dev/null http://127.0.0.1:8000/account/login/ -H 'X-Forwarded-Proto: https' && break; sleep 1; done
# warm every worker
for i in $(seq 20); do curl -s -o /dev/null http://127.0.0.1:8000/account/login/ -H 'X-Forwarded-Proto: https'; done
cpu() { # utime+stime+cutime+cstime of the master and its live children, in ticks
  local t=0; for p in $GPID $(pgrep -P $GPID); do read -r -a f < /proc/$p/stat; t=$((t + f[13] + f[14] + f[15] + f[16])); done; echo $t; }
C0=$(cpu); L0=$(wc -l < $OUT/gunicorn.log); T0=$(date +%s)
read -r _ u0 n0 s0 i0 w0 _ < /proc/stat
OUTF=$OUT/run-$AGENTS-$DURATION.txt
$PY bench/load_test.py run --base http://127.0.0.1:8000 --agents $AGENTS --think 30 --duration $DURATION --ramp $RAMP --first-person $FIRST > $OUTF 2>&1
echo "exit $?" >> $OUTF
read -r _ u1 n1 s1 i1 w1 _ < /proc/stat
C1=$(cpu); L1=$(wc -l < $OUT/gunicorn.log); T1=$(date +%s)
REQ=$(sed -n "$((L0+1)),${L1}p" $OUT/gunicorn.log | grep -c '"status"')
HZ=$(getconf CLK_TCK)
python3 - <<PY >> $OUTF
ticks=$C1-$C0; req=$REQ; secs=$T1-$T0
busy=(($u1+$n1+$s1)-($u0+$n0+$s0))/$HZ
print(f"gunicorn CPU: {ticks/$HZ:.1f} s for {req} requests = {1000*ticks/$HZ/max(req,1):.1f} ms/request; machine busy {busy/secs:.2f} cores over {secs} s")
PY
kill $GPID; wait $GPID 2>/dev/null
echo done
