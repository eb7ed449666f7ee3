/**
 * Every release this build knows was published, by id: the SHA-256 of its bytes in data/releases.
 * Releases are immutable, so an id names one hash forever; a file, feed entry or workbook copy that
 * carries a known id with other bytes is a changed release and is refused (releaseIdentity.ts).
 * tests/engine/publishedReleases.test.ts checks this list against data/releases: cutting a release
 * adds its line here.
 */
export const PUBLISHED_RELEASES: Readonly<Record<string, string>> = {
  "2026.11a": "2fdbab500848c28b12259983d014136a3536d0175cbb39eda0a6d27fd4dba01a",
  "2026.12a": "98f5b0f21790d5b6c5deb302bc209a6639e1825fe8862228ac133427fc4e604b",
};
