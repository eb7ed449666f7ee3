/**
 * Every release this build knows was published, by id: the SHA-256 of its bytes in data/releases.
 * Releases are immutable, so an id names one hash forever; a file, feed entry or workbook copy that
 * carries a known id with other bytes is a changed release and is refused (releaseIdentity.ts).
 * tests/engine/publishedReleases.test.ts checks this list against data/releases: cutting a release
 * adds its line here.
 */
export const PUBLISHED_RELEASES: Readonly<Record<string, string>> = {
  "2026.11a": "2fdbab500848c28b12259983d014136a3536d0175cbb39eda0a6d27fd4dba01a",
  "2026.12a": "922e03643093ceaabba4997fda7affb69388ee1c5689795e0f3ee8e7060a92fe",
  "2026.12b": "cad3076841469d60564b069cb2dfb65db35817dc016087637dd2a8b8825cf920",
};
