#!/bin/sh
# integration.kernel-arch: testsuite/kernel/run.sh --arch ARCH --dry-run,
# the part of the cross-arch kernel run that can be tested without a kernel
# tree (a real run takes hours): for arm64 the exact plan (configure with
# the arch's defconfig and the drivers where the bugs live, build with
# CROSS_COMPILE, sparse / the checker / the GCC engine through kbuild's C=2,
# parity of the checker with the cross plugin and with the engine, then
# compare.py with the arch's expectation files and both parity summaries);
# for sparc64, arm and powerpc their cross GCC and plugin; an unknown arch:
# one line, exit 2. Then compare.py --arch on made-up results: the header
# names the arch and tree, the recorded make status is read, there is no
# run without check-wrap to judge, and a parity summary with a differing
# unit (or none at all) fails.
. "$(dirname "$0")/lib.sh"

RUN=$REPO/testsuite/kernel/run.sh
# kernel ARCH: the dry run's output with the tree's and our paths named K, R, B
kernel() {
	status=0
	IMC_KERNEL_DIR=/K IMC_BUILD_DIR=/B IMC_JOBS=2 "$RUN" --arch "$1" --dry-run \
		>"$OUT" 2>"$ERR" || status=$?
	sed -i "s|$REPO/|R/|g" "$OUT"
	echo "\$ run.sh --arch $1 --dry-run -> $status"
}
kernel arm64
expect_status 0
expect_empty "$ERR"
M="nice -n 19 make -C /K/linux-arm64 -j2 ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"
D="drivers/remoteproc/ drivers/soc/qcom/ drivers/soc/ti/ drivers/usb/gadget/udc/ drivers/crypto/marvell/ sound/soc/fsl/"
expect_file "$OUT" <<EOF2
arch arm64: aarch64-linux-gnu-gcc, defconfig + REMOTEPROC QCOM_Q6V5_PAS QCOM_SMEM TI_K3_R5_REMOTEPROC USB_GADGET USB_RENESAS_USB3 CRYPTO_DEV_MARVELL_CESA SND_SOC_FSL_SAI
units: $D
+ $M -s defconfig
+ /K/linux-arm64/scripts/config --file /K/linux-arm64/.config -e WERROR -e REMOTEPROC -e QCOM_Q6V5_PAS -e QCOM_SMEM -e TI_K3_R5_REMOTEPROC -e USB_GADGET -e USB_RENESAS_USB3 -e CRYPTO_DEV_MARVELL_CESA -e SND_SOC_FSL_SAI
+ $M -s olddefconfig
+ $M prepare
+ $M $D
+ env IMC_LOG_DIR=/K/results-arm64 $M -k C=2 CHECK=R/testsuite/kernel/check-wrap sparse sparse $D
+ env IMC_LOG_DIR=/K/results-arm64 $M -k C=2 CHECK=R/testsuite/kernel/check-wrap iomemcheck /B/checker/iomemcheck $D
+ env IMC_LOG_DIR=/K/results-arm64 $M -k C=2 CHECK=R/testsuite/kernel/check-wrap engine /B/checker/iomemcheck --engine=gcc $D
+ python3 R/testsuite/kernel/parity.py --results /K/results-arm64 --src /K/linux-arm64 --checker /B/checker/iomemcheck --plugin /B/plugin/aarch64-linux-gnu/iomemcheck.so --gcc aarch64-linux-gnu-gcc
+ python3 R/testsuite/kernel/parity.py --results /K/results-arm64 --src /K/linux-arm64 --checker /B/checker/iomemcheck --plugin /B/plugin/aarch64-linux-gnu/iomemcheck.so --gcc aarch64-linux-gnu-gcc --engine
+ python3 R/testsuite/kernel/compare.py --results /K/results-arm64 --src /K/linux-arm64 --arch arm64 --prefix= --no-plugin --expected R/testsuite/kernel/expected-map-findings-arm64.txt --expected-beyond R/testsuite/kernel/expected-beyond-sparse-arm64.txt --parity parity --parity parity-engine
EOF2
for pair in sparc64:sparc:sparc64-linux-gnu arm:arm:arm-linux-gnueabi powerpc:powerpc:powerpc64-linux-gnu; do
	a=${pair%%:*} rest=${pair#*:}
	k=${rest%%:*} triple=${rest#*:}
	kernel "$a"
	expect_status 0
	grep -q "^+ nice -n 19 make -C /K/linux-$a -j2 ARCH=$k CROSS_COMPILE=$triple- prepare$" "$OUT" ||
		fail "$a: no prepare with ARCH=$k CROSS_COMPILE=$triple-"
	grep -q -- "--plugin /B/plugin/$triple/iomemcheck.so --gcc $triple-gcc --engine$" "$OUT" ||
		fail "$a: no engine parity with $triple-gcc and its plugin"
done
kernel mips
expect_status 2
expect_empty "$OUT"
expect_one_line "$ERR" "run.sh: --arch: 'mips' is not arm64, sparc64, arm or powerpc"

# compare.py --arch on one made-up unit: sparse and the checker agree on its
# line 3, the checker also reports line 5, reviewed in the expectation file.
R=$T/results S=$T/tree
mkdir -p "$R/sparse" "$R/iomemcheck" "$S/drivers/soc"
for l in sparse iomemcheck; do echo drivers/soc/a.c > "$R/$l/units"; done
echo 0 > "$R/iomemcheck/drivers%soc%a.c.rc"
cat > "$R/sparse/drivers%soc%a.c.err" <<EOF2
drivers/soc/a.c:3:9: warning: cast removes address space '__iomem' of expression
EOF2
cat > "$R/iomemcheck/drivers%soc%a.c.err" <<EOF2
drivers/soc/a.c:3:9: warning: cast drops __iomem from 'base' (add __iomem to the destination, or __force if intended) [iomem-address-space]
drivers/soc/a.c:5:2: warning: plain load through __iomem pointer 'p'; use readl() [iomem-deref]
EOF2
echo "drivers/soc/a.c:5: iomem-deref  # verdict: true positive: made up" > "$T/beyond.txt"
: > "$T/map.txt"
echo "0 12" > "$R/sparse.status"
echo "0 34" > "$R/iomemcheck.status"
# compare [ARG...]: compare.py --arch arm64 on $R, its output in $OUT
compare() {
	status=0
	python3 "$REPO/testsuite/kernel/compare.py" --results "$R" --src "$S" --arch arm64 \
		--prefix= --no-plugin --expected "$T/map.txt" --expected-beyond "$T/beyond.txt" \
		"$@" >"$OUT" 2>"$ERR" || status=$?
	echo "\$ compare.py --arch arm64 $* -> $status"
}
printf '%s\n' "parity: 1 units compared, findings: checker 2, plugin 2, identical 2, differences 0; 0 units differ" > "$R/parity.summary"
printf '%s\n' "parity-engine: 1 units compared, findings: checker 2, engine 1, identical 1, differences 1; 1 units differ" drivers/soc/a.c > "$R/parity-engine.summary"
compare --parity parity --parity parity-engine
expect_status 1
expect_empty "$ERR"
expect_file "$OUT" <<EOF2
== kernel test: linux-source-6.1 for arm64 ($S), every unit the run checked ==
sparse: 1 units, make exit 0, 12s; __iomem findings at 1 distinct file:line (1 address-space/cast, 0 noderef-only)
iomemcheck: 1 units, make exit 0, 34s; exit statuses 0: 1
findings: 2 reported, 2 distinct file:line:rule; by rule: iomem-address-space 1, iomem-deref 1
sparse __iomem findings matched: 1/1
map findings: 0 reported, 0 expected, 0 unexpected, 0 missing
iomem findings beyond sparse: 1 reported (iomem-deref 1), 1 expected; reviewed: 1 true, 0 false, 0 other
  drivers/soc/a.c:3: iomem-address-space: cast drops __iomem from 'base' (add __iomem to the destination, or __force if intended)
  drivers/soc/a.c:5: iomem-deref: plain load through __iomem pointer 'p'; use readl()
parity: 1 units compared, findings: checker 2, plugin 2, identical 2, differences 0; 0 units differ
parity-engine: 1 units compared, findings: checker 2, engine 1, identical 1, differences 1; 1 units differ
FAIL: parity-engine: the front ends differ on 1 units (see $R/parity-engine/*.diff)
    drivers/soc/a.c
kernel: FAIL (1 failed assertions)
EOF2
compare --parity parity
expect_status 0
[ "$(tail -n 1 "$OUT")" = "kernel: PASS (0 failed assertions)" ] || fail "not PASS with parity only"
rm "$R/parity.summary" "$R/iomemcheck.status" "$T/map.txt"
compare --parity parity
expect_status 1
grep -qx "FAIL: parity: no summary ($R/parity.summary): parity.py did not run" "$OUT" ||
	fail "a missing parity summary does not fail"
grep -qx "FAIL: no make exit status recorded ($R/iomemcheck.status)" "$OUT" ||
	fail "a missing make status does not fail"
grep -qx "FAIL: no expectation file $T/map.txt: its findings are all unreviewed" "$OUT" ||
	fail "a missing expectation file does not fail"
echo PASS
