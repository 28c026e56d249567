#!/bin/sh
# integration.kernel-arch: testsuite/kernel/run.sh --arch ARCH --dry-run,
# the part of the cross-arch kernel run that can be tested without a kernel
# tree (a real run takes hours): for arm64 the exact plan (configure with
# the arch's defconfig and the drivers where the bugs live, build with
# CROSS_COMPILE, sparse / the checker / the GCC engine through kbuild's C=2,
# parity of the checker with the cross plugin and with the engine); for
# sparc64, arm and powerpc their cross GCC and plugin; an unknown arch: one
# line, exit 2.
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
echo PASS
