#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# testsuite/kernel/run.sh -- the slow real-kernel test (not part of ctest).
#
# On Debian's linux-source-6.1 (x86_64 defconfig + DRM and every driver that
# uses struct iosys_map, all =y) it
#   a. installs what is missing (linux-source-6.1 flex bison bc libelf-dev
#      libssl-dev sparse time) and unpacks/configures/prepares the tree once
#      under $IMC_KERNEL_DIR (default /var/tmp/iomemcheck-kernel), building
#      drivers/gpu/drm/ once so that later `make C=2` runs only check;
#   b. runs sparse through kbuild (make C=2 CHECK=sparse drivers/gpu/drm/) and
#      keeps its __iomem findings (different address spaces, dereference of
#      noderef expression, cast removes address space);
#   c. runs iomemcheck through kbuild the same way, recording every unit's
#      command line, findings and exit status; and once more without the
#      recording wrapper on drivers/gpu/drm/tiny/, as a user would (make must
#      succeed: a CHECK tool that exits non-zero breaks kbuild);
#   d. compiles a slice (qxl/, tiny/, drm_fb_helper.o, drm_format_helper.o)
#      with KCFLAGS=-fplugin=iomemcheck.so, as the README documents it (the
#      build must succeed, no ICE), then again with -Wno-error added (defconfig
#      has CONFIG_WERROR=y) so every object is generated: all byte-identical
#      to the plain build;
#   f. parity (parity.py): on every unit step c recorded, GCC with the
#      plugin on the same command line (-fsyntax-only, kbuild's sparse-only
#      CHECKFLAGS dropped) and the checker again; every difference in (file,
#      line, rule, message, fix-its) between the two front ends fails;
#   e. asserts: no tool error, every sparse __iomem finding is reported by
#      iomemcheck (iomem-deref / iomem-address-space / iomem-memfn) at the
#      same file:line, the map-* findings are exactly those listed in
#      testsuite/kernel/expected-map-findings.txt, and the iomem-* findings
#      at lines where sparse says nothing are exactly those reviewed in
#      testsuite/kernel/expected-beyond-sparse.txt.
#
# --defconfig: b, c and e on every unit of the x86_64 defconfig kernel (plus
# the DRM drivers above), not only drivers/gpu/drm/: kbuild's C=2 over the
# whole tree, which also builds it the first time (an hour or more on two
# cores); no plugin step. Results under $IMC_KERNEL_DIR/results-defconfig/.
# --dirs "DIR/ ...": the same on these directories of the defconfig tree
# only (results-dirs/), e.g. "drivers/ata/ drivers/net/ethernet/intel/".
# Both run the parity step f on their units (--no-parity: not).
# --parity-only: only step f, on the command lines an earlier run recorded
# (no make, nothing rebuilt); with --defconfig / --dirs on their results.
# --arch arm64|sparc64|arm|powerpc (issue 20: where the bugs trap): a tree
# of its own ($IMC_KERNEL_DIR/linux-ARCH), configured with the arch's
# defconfig plus the drivers where these bugs live, built with
# CROSS_COMPILE (Debian's cross GCC), then sparse, the checker and the GCC
# engine (CHECK="iomemcheck --engine=gcc", the cross GCC and the plugin
# built for it: build/plugin/TRIPLE/) through kbuild on those directories
# with kbuild's -Werror on, and parity of the checker with the plugin and
# with the engine on every unit; findings per tool in RESULTS/arch.summary
# (results-ARCH/), make's exit status and seconds per tool in
# RESULTS/LABEL.status. Then step e's assertions on every unit the run
# checked, with the arch's expectation files (expected-map-findings-ARCH.txt,
# expected-beyond-sparse-ARCH.txt; reviewed so far: arm64), and a unit on
# which either parity run finds the front ends differ fails. With
# --dry-run it prints what it would run and exits (tested by ctest:
# integration.kernel-arch).
#
# Usage: testsuite/kernel/run.sh [--prepare-only] [--sparse-only]
#            [--no-checker] [--no-plugin] [--no-parity] [--parity-only]
#            [--rerun-sparse]
#            [--defconfig | --dirs "DIR/ ..." | --arch ARCH [--dry-run]]
#            [-j N]
# Environment: IMC_KERNEL_DIR, IMC_BUILD_DIR (default REPO/build),
#   IMC_CHECKER, IMC_PLUGIN, IMC_JOBS (default 2),
#   IMC_PLUGIN_KCFLAGS (default "-fplugin=$IMC_PLUGIN").
# Output: a summary on stdout, logs under $IMC_KERNEL_DIR/results/.
# Exit status: 0 all assertions hold, 1 some failed, 2 could not run.

set -uo pipefail
export LC_ALL=C LANG=C

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${IMC_KERNEL_DIR:-/var/tmp/iomemcheck-kernel}
src=$root/linux-source-6.1
results=$root/results
build=${IMC_BUILD_DIR:-$repo/build}
checker=${IMC_CHECKER:-$build/checker/iomemcheck}
plugin=${IMC_PLUGIN:-$build/plugin/iomemcheck.so}
jobs=${IMC_JOBS:-2}
export IOMEMCHECK_RULES_DIR=${IOMEMCHECK_RULES_DIR:-$repo/rules}

prepare_only=0 sparse_only=0 do_checker=1 do_plugin=1 rerun_sparse=0
do_parity=1 parity_only=0 arch= dry_run=0
scope=drivers/gpu/drm/ prefix=drivers/gpu/drm/
while [ $# -gt 0 ]; do
	case $1 in
	--prepare-only) prepare_only=1 ;;
	--sparse-only) sparse_only=1 ;;
	--no-checker) do_checker=0 ;;
	--no-plugin) do_plugin=0 ;;
	--no-parity) do_parity=0 ;;
	--parity-only) parity_only=1 ;;
	--rerun-sparse) rerun_sparse=1 ;;
	--defconfig) scope= prefix= do_plugin=0 results=$root/results-defconfig ;;
	--dirs) shift; scope=$1 prefix=$1 do_plugin=0 results=$root/results-dirs ;;
	--arch) shift; arch=$1 ;;
	--dry-run) dry_run=1 ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	-h|--help) sed -n '3,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

die() { echo "run.sh: $*" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
kmake() { (cd "$src" && nice -n 19 make -j"$jobs" "$@"); }
start=$(date +%s)

# The front ends are snapshotted: build/ may be relinked while this runs.
snap=$root/tools
snapshot() { # snapshot FILE NAME: prints the copy's path
	mkdir -p "$snap" && cp "$1" "$snap/$2.tmp" && mv "$snap/$2.tmp" "$snap/$2" ||
		die "cannot copy $1"
	echo "$snap/$2"
}

# ---- --arch: a cross build's tree ------------------------------------------
# arch_setup ARCH: sets kernel_arch, cross, defconfig, enable, arch_dirs.
arch_setup() {
	case $1 in
	arm64)
		kernel_arch=arm64 cross=aarch64-linux-gnu- defconfig=defconfig
		enable="REMOTEPROC QCOM_Q6V5_PAS QCOM_SMEM TI_K3_R5_REMOTEPROC
			USB_GADGET USB_RENESAS_USB3 CRYPTO_DEV_MARVELL_CESA
			SND_SOC_FSL_SAI"
		arch_dirs="drivers/remoteproc/ drivers/soc/qcom/ drivers/soc/ti/
			drivers/usb/gadget/udc/ drivers/crypto/marvell/ sound/soc/fsl/" ;;
	sparc64)
		kernel_arch=sparc cross=sparc64-linux-gnu- defconfig=sparc64_defconfig
		enable="FB FB_ATY FB_FFB DRM DRM_KMS_HELPER DRM_AST DRM_MGAG200
			DRM_BOCHS DRM_FBDEV_EMULATION"
		arch_dirs="drivers/video/fbdev/ drivers/gpu/drm/ast/
			drivers/gpu/drm/mgag200/ drivers/gpu/drm/tiny/
			drivers/gpu/drm/drm_format_helper.o" ;;
	arm)
		kernel_arch=arm cross=arm-linux-gnueabi- defconfig=multi_v7_defconfig
		enable="REMOTEPROC ARCH_ROCKCHIP SRAM"
		arch_dirs="drivers/remoteproc/ drivers/misc/ arch/arm/mach-rockchip/" ;;
	powerpc)
		kernel_arch=powerpc cross=powerpc64-linux-gnu- defconfig=ppc64_defconfig
		enable="FB FB_OF DRM DRM_AST DRM_MGAG200"
		arch_dirs="drivers/video/fbdev/ drivers/gpu/drm/ast/
			drivers/gpu/drm/mgag200/" ;;
	*) die "--arch: '$1' is not arm64, sparc64, arm or powerpc" ;;
	esac
	arch_dirs=$(echo $arch_dirs) enable=$(echo $enable)
}

# say CMD...: the command, and runs it unless --dry-run
say() {
	printf '+'; printf ' %s' "$@"; printf '\n'
	[ $dry_run = 1 ] || "$@"
}

arch_run() {
	arch_setup "$arch"
	local src=$root/linux-$arch results=$root/results-$arch
	local gcc=${cross}gcc triple=${cross%-}
	local cplugin=$build/plugin/$triple/iomemcheck.so
	local km="nice -n 19 make -C $src -j$jobs ARCH=$kernel_arch CROSS_COMPILE=$cross"
	# kbuild's -Werror on (CONFIG_WERROR), as the issue's runs have it
	local args="-e WERROR" s
	for s in $enable; do args="$args -e $s"; done
	echo "arch $arch: $gcc, $defconfig + $enable"
	echo "units: $arch_dirs"
	if [ $dry_run = 0 ]; then
		"$repo/scripts/install-deps" || die "scripts/install-deps failed"
		command -v "$gcc" >/dev/null || die "no $gcc (scripts/install-deps)"
		[ -f "$cplugin" ] || die "no plugin for $gcc at $cplugin (cmake builds it when $gcc and its plugin headers are installed)"
		[ -f "$src/Makefile" ] || {
			mkdir -p "$src" && tar -xf /usr/src/linux-source-6.1.tar.* -C "$src" \
				--strip-components=1 || die "unpacking failed"
		}
		mkdir -p "$results"
	fi
	say $km -s $defconfig
	say "$src/scripts/config" --file "$src/.config" $args
	say $km -s olddefconfig
	say $km prepare
	say $km $arch_dirs
	local tool label
	for label in sparse iomemcheck engine; do
		case $label in
		sparse) tool=sparse ;;
		iomemcheck) tool=$checker ;;
		engine) tool="$checker --engine=gcc" ;;
		esac
		arch_check "$label" env IMC_LOG_DIR="$results" $km -k C=2 \
			CHECK="$here/check-wrap $label $tool" $arch_dirs
	done
	# parity.py writes NAME.summary only when it ran: no stale one is read
	[ $dry_run = 1 ] || rm -f "$results/parity.summary" "$results/parity-engine.summary"
	say python3 "$here/parity.py" --results "$results" --src "$src" \
		--checker "$checker" --plugin "$cplugin" --gcc "$gcc"
	say python3 "$here/parity.py" --results "$results" --src "$src" \
		--checker "$checker" --plugin "$cplugin" --gcc "$gcc" --engine
	if [ $dry_run = 0 ]; then
		for label in sparse iomemcheck engine; do
			printf '%s: %s units, %s findings\n' "$label" \
				"$(sort -u "$results/$label/units" 2>/dev/null | wc -l)" \
				"$(cat "$results/$label/"*.err 2>/dev/null |
					grep -c ': warning: ')"
		done | tee "$results/arch.summary"
	fi
	# The assertions of the x86 run on every unit this run checked, with
	# the arch's expectation files; both parity runs' differences fail too
	# (there is no plugin build of a slice nor a run without check-wrap).
	say python3 "$here/compare.py" --results "$results" --src "$src" \
		--arch "$arch" --prefix= --no-plugin \
		--expected "$here/expected-map-findings-$arch.txt" \
		--expected-beyond "$here/expected-beyond-sparse-$arch.txt" \
		--parity parity --parity parity-engine
}

# arch_check LABEL CMD...: says CMD and, unless --dry-run, runs it with its
# output in RESULTS/LABEL.make.log and "MAKE_EXIT SECONDS" in
# RESULTS/LABEL.status, after removing LABEL's earlier records (check-wrap
# appends to them), as run_check does for the x86 run.
arch_check() {
	local label=$1 t0
	shift
	printf '+'; printf ' %s' "$@"; printf '\n'
	[ $dry_run = 1 ] && return 0
	rm -rf "${results:?}/$label" && mkdir -p "$results/$label"
	t0=$(date +%s)
	"$@" > "$results/$label.make.log" 2>&1
	echo "$? $(( $(date +%s) - t0 ))" > "$results/$label.status"
}

# ---- f. parity of the two front ends ----------------------------------------
# On every unit the checker step recorded (check-wrap's NAME.cmd).
run_parity() {
	[ -x "$checker" ] || die "no checker at $checker (build it, or set IMC_CHECKER)"
	[ -f "$plugin" ] || die "no plugin at $plugin (build it, or set IMC_PLUGIN)"
	[ -d "$results/iomemcheck" ] || die "no recorded units in $results/iomemcheck (run without --parity-only first)"
	log "parity: checker and plugin on every recorded unit (${scope:-all of defconfig})"
	IMC_JOBS=$jobs python3 "$here/parity.py" --results "$results" --src "$src" \
		--checker "$(snapshot "$checker" iomemcheck-parity)" \
		--plugin "$(snapshot "$plugin" iomemcheck-parity.so)" \
		--prefix "$prefix" > "$results/parity.log" 2>&1
	local rc=$?
	grep -v '^  ' "$results/parity.log" | sed 's/^/  /'
	return $rc
}
if [ -n "$arch" ]; then
	arch_run
	exit $?
fi
if [ $parity_only = 1 ]; then
	[ -f "$src/Makefile" ] || die "no prepared tree at $src"
	run_parity
	exit $?
fi

# ---- a. packages ------------------------------------------------------------
"$repo/scripts/install-deps" || die "scripts/install-deps failed"

# ---- a. kernel tree -----------------------------------------------------------
# Every driver that uses struct iosys_map, =y so that no module-only path is
# skipped.  i915 (on in defconfig, huge, no iosys_map use worth the time) off.
enable="DRM DRM_KMS_HELPER FB USB VIRTIO_MENU VIRTIO VIRTIO_PCI HYPERVISOR_GUEST
	DRM_AST DRM_MGAG200 DRM_QXL DRM_BOCHS DRM_CIRRUS_QEMU DRM_SIMPLEDRM DRM_UDL
	DRM_GM12U320 DRM_VKMS DRM_VIRTIO_GPU DRM_VMWGFX DRM_VBOXVIDEO
	DRM_FBDEV_EMULATION"
disable="DRM_I915"
stamp=$src/.iomemcheck-prepared
want_stamp="v1 $(echo $enable / $disable)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
	mkdir -p "$root"
	if [ ! -f "$src/Makefile" ]; then
		tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -1)
		[ -n "$tarball" ] || die "no /usr/src/linux-source-6.1.tar.*"
		log "unpacking $tarball into $root"
		rm -rf "$src.tmp" && mkdir -p "$src.tmp" &&
			nice -n 19 tar -xf "$tarball" -C "$src.tmp" &&
			mv "$src.tmp/linux-source-6.1" "$src" && rmdir "$src.tmp" ||
			die "unpacking failed"
	fi
	log "configuring (defconfig + DRM iosys_map drivers)"
	kmake -s defconfig >/dev/null || die "make defconfig failed"
	args=
	for s in $enable; do args="$args -e $s"; done
	for s in $disable; do args="$args -d $s"; done
	(cd "$src" && scripts/config $args) || die "scripts/config failed"
	kmake -s olddefconfig >/dev/null || die "make olddefconfig failed"
	for s in $enable; do
		grep -q "^CONFIG_$s=y" "$src/.config" || die "CONFIG_$s is not =y after olddefconfig"
	done
	log "make prepare"
	kmake prepare > "$root/prepare.log" 2>&1 || die "make prepare failed (see $root/prepare.log)"
	log "building drivers/gpu/drm/ once (later C=2 runs then only check)"
	kmake drivers/gpu/drm/ > "$root/build.log" 2>&1 || die "make drivers/gpu/drm/ failed (see $root/build.log)"
	echo "$want_stamp" > "$stamp"
else
	# Bring objects up to date (a plugin run or a C=1 failure may have removed
	# or changed some), so that C=2 below only runs CHECK.
	kmake drivers/gpu/drm/ > "$root/build.log" 2>&1 || die "make drivers/gpu/drm/ failed (see $root/build.log)"
fi
log "kernel tree ready: $src"
[ $prepare_only = 1 ] && exit 0

# Run CHECK through kbuild on every unit of drivers/gpu/drm/, recording per
# unit (check-wrap): run_check LABEL TOOL
run_check() {
	rm -rf "${results:?}/$1"
	mkdir -p "$results/$1"
	local t0=$(date +%s)
	IMC_LOG_DIR=$results kmake -k C=2 CHECK="$here/check-wrap $1 $2" $scope \
		> "$results/$1.make.log" 2>&1
	local rc=$?
	echo "$rc $(( $(date +%s) - t0 ))" > "$results/$1.status"
	return 0
}

# ---- b. sparse ----------------------------------------------------------------
mkdir -p "$results"
if [ $rerun_sparse = 1 ] || [ ! -f "$results/sparse.status" ] ||
   [ "$(cat "$results/sparse.stamp" 2>/dev/null)" != "$want_stamp $(sparse --version)" ]; then
	log "sparse through kbuild (make C=2 CHECK=sparse ${scope:-(all of defconfig)})"
	run_check sparse sparse
	echo "$want_stamp $(sparse --version)" > "$results/sparse.stamp"
else
	log "reusing sparse results in $results/sparse (--rerun-sparse to redo)"
fi
read -r sparse_make_rc sparse_secs < "$results/sparse.status"
log "sparse: make exit $sparse_make_rc, ${sparse_secs}s, $(sort -u "$results/sparse/units" | wc -l) units"
[ $sparse_only = 1 ] && exit 0

# ---- c. iomemcheck ----------------------------------------------------------
if [ $do_checker = 1 ]; then
	[ -x "$checker" ] || die "no checker at $checker (build it, or set IMC_CHECKER)"
	checker_src=$checker
	checker=$(snapshot "$checker" iomemcheck)
	"$checker" --version > "$results/iomemcheck.version" 2>&1
	log "iomemcheck through kbuild (make C=2 CHECK=check-wrap iomemcheck ...)"
	run_check iomemcheck "$checker"
	# As a user runs it: no wrapper, the tool's own exit status goes to make.
	# kbuild runs CHECK in the recipe of each object; a non-zero exit fails
	# the object (and .DELETE_ON_ERROR removes the .o just compiled), and with
	# C=2 even scripts/mod/empty.c is checked during prepare0.
	log "iomemcheck as a user runs it: make C=2 CHECK=$checker drivers/gpu/drm/tiny/"
	kmake C=2 CHECK="$checker" drivers/gpu/drm/tiny/ > "$results/direct.make.log" 2>&1
	echo $? > "$results/direct.status"
	# A failing CHECK deleted objects (.DELETE_ON_ERROR): rebuild them.
	kmake drivers/gpu/drm/ >> "$root/build.log" 2>&1 || die "make drivers/gpu/drm/ failed (see $root/build.log)"
fi

# ---- d. GCC plugin ----------------------------------------------------------
slice="drivers/gpu/drm/qxl/ drivers/gpu/drm/tiny/ drivers/gpu/drm/drm_fb_helper.o drivers/gpu/drm/drm_format_helper.o"
if [ $do_plugin = 1 ]; then
	[ -f "$plugin" ] || die "no plugin at $plugin (build it, or set IMC_PLUGIN)"
	plugin_src=$plugin
	plugin=$(snapshot "$plugin" iomemcheck.so)
	# As docs/kbuild.md says: kbuild's -Werror (CONFIG_WERROR=y) does not
	# turn the findings into errors, so the build goes on.
	kcflags=${IMC_PLUGIN_KCFLAGS:-"-fplugin=$plugin"}
	rm -rf "$results/plugin" && mkdir -p "$results/plugin/plain"
	objs=$(cd "$src" && ls drivers/gpu/drm/qxl/*.o drivers/gpu/drm/tiny/*.o \
		drivers/gpu/drm/drm_fb_helper.o drivers/gpu/drm/drm_format_helper.o |
		grep -v -e built-in -e '\.mod\.o$')
	# Move the plain objects away: GCC leaves an old .o alone when it fails,
	# and make keeps an unchanged target, so a failed compile must show as a
	# missing object, not as an identical one.
	for o in $objs; do mv "$src/$o" "$results/plugin/plain/${o//\//%}"; done
	echo "$objs" > "$results/plugin/objects"
	# Pass 1, as the README says to use it: kbuild's own flags, which in
	# defconfig include -Werror (CONFIG_WERROR=y).  ICE, build failure,
	# findings.
	log "plugin through kbuild: make KCFLAGS='$kcflags' on the slice ($(echo $objs | wc -w) objects)"
	t0=$(date +%s)
	kmake -k KCFLAGS="$kcflags" $slice > "$results/plugin.make.log" 2>&1
	echo "$? $(( $(date +%s) - t0 ))" > "$results/plugin.status"
	# Pass 2, with -Wno-error so that every object is generated: byte
	# identity with the plain build.
	for o in $objs; do rm -f "$src/$o"; done
	log "plugin through kbuild with -Wno-error (byte identity of all objects)"
	t0=$(date +%s)
	kmake -k KCFLAGS="$kcflags -Wno-error" $slice > "$results/plugin-nowerror.make.log" 2>&1
	echo "$? $(( $(date +%s) - t0 ))" > "$results/plugin-nowerror.status"
	mkdir -p "$results/plugin/with"
	for o in $objs; do
		[ -f "$src/$o" ] && cp "$src/$o" "$results/plugin/with/${o//\//%}"
	done
	log "restoring the plain objects of the slice"
	kmake $slice > "$results/plugin.restore.log" 2>&1 || die "plain rebuild of the slice failed"
fi

# ---- f. parity ----------------------------------------------------------------
parity_rc=0
if [ $do_parity = 1 ] && [ $do_checker = 1 ]; then
	checker=${checker_src:-$checker} plugin=${plugin_src:-$plugin}
	run_parity
	parity_rc=$?
	[ $parity_rc -le 1 ] || exit $parity_rc
fi

# ---- e. assertions ----------------------------------------------------------
python3 "$here/compare.py" --results "$results" --src "$src" \
	--expected "$here/expected-map-findings.txt" \
	--expected-beyond "$here/expected-beyond-sparse.txt" \
	--prefix "$prefix" \
	$([ $do_checker = 1 ] || echo --no-checker) \
	$([ $do_plugin = 1 ] || echo --no-plugin) \
	--elapsed $(( $(date +%s) - start ))
rc=$?
if [ $rc = 0 ] && [ $parity_rc != 0 ]; then
	echo "kernel: FAIL (the front ends differ: $results/parity.summary)"
	rc=$parity_rc
fi
exit $rc
