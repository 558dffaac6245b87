#!/usr/bin/env bash
# The demo: installs what is missing, builds the module and every client,
# loads the module (here if this kernel can, otherwise in a VM booted from
# Debian's kernel), runs each client for resolve/echo/dump/error and shows
# the kernel log. Exits non-zero if any client is missing or answers wrongly.
. "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"

run_setup
build_module
say "building the clients (release)"
refresh_swift_sources
build_release_clients
export BIN_DIR=$RELEASE_BIN_DIR

if can_load_modules_here; then
	say "loading the module on this host"
	scripts/with-module.sh scripts/demo.sh
else
	say "this kernel cannot load modules: booting Debian's $KVER under QEMU (~30 s)"
	scripts/vm-run.sh scripts/with-module.sh scripts/demo.sh
fi
