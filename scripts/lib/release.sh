# Sourced by scripts/test and scripts/package: the release binary users run, the .deb's, with the
# Swift runtime linked statically and no RUNPATH. One scratch path (.build-release-static,
# git-ignored) for both, so a CI run builds it once: the ratchets measure the very binary that is
# packaged.
#
# usage: . scripts/lib/release.sh; bin=$(build_release)

RELEASE_SCRATCH=.build-release-static
RELEASE_FLAGS=(-c release --static-swift-stdlib --disable-local-rpath --scratch-path "$RELEASE_SCRATCH")

# Builds the feedsync product (build output on stderr) and prints the binary's path.
build_release() {
  echo "== swift build ${RELEASE_FLAGS[*]} --product feedsync" >&2
  swift build "${RELEASE_FLAGS[@]}" --product feedsync >&2
  echo "$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)/feedsync"
}
