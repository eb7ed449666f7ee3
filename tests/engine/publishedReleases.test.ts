import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { listReleases } from "../../scripts/releases";
import { PUBLISHED_RELEASES } from "../../src/engine/releases/publishedReleases";
import { ReleaseIdentities, publishedIdentityProblem } from "../../src/engine/releases/releaseIdentity";

/** The build's list of published releases is data/releases, id for id and hash for hash. */
describe("published releases", () => {
  it("list every release in data/releases with the SHA-256 of its bytes, and nothing else", () => {
    const actual = Object.fromEntries(listReleases().map((r) => [r.id, createHash("sha256").update(readFileSync(r.file)).digest("hex")]));
    expect(PUBLISHED_RELEASES).toEqual(actual);
  });
});

describe("a known id with other bytes is a changed release", () => {
  const [id, sha] = Object.entries(PUBLISHED_RELEASES)[0]!;
  const other = "0".repeat(64);

  it("is refused with both hashes, in plain words", () => {
    expect(publishedIdentityProblem(id, sha)).toBeNull();
    expect(publishedIdentityProblem(id, sha.toUpperCase())).toBeNull();
    expect(publishedIdentityProblem(id, other)).toBe(`release ${id} was changed after it was published: expected SHA-256 ${sha}, got ${other}`);
  });

  it("a new id is not refused", () => {
    expect(publishedIdentityProblem("2099.01a", other)).toBeNull();
  });

  it("ids seen in a feed index or a pin are learnt: a second, different copy is refused and says where the first came from", () => {
    const ids = new ReleaseIdentities();
    expect(ids.learn("2099.01a", "a".repeat(64), "the feed index")).toBeNull();
    expect(ids.check("2099.01a", "a".repeat(64))).toBeNull();
    expect(ids.learn("2099.01a", "b".repeat(64), "the workbook's pin")).toBe(
      `release 2099.01a was changed after it was published: expected SHA-256 ${"a".repeat(64)} (as the feed index gave it), got ${"b".repeat(64)}`,
    );
    // The first hash stays the reference.
    expect(ids.check("2099.01a", "a".repeat(64))).toBeNull();
    expect(ids.check(id, other)).toMatch(/was changed after it was published/);
  });
});
