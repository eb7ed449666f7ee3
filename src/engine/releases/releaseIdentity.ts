import { PUBLISHED_RELEASES } from "./publishedReleases";

/**
 * Release ids and the one SHA-256 each stands for. A release is immutable: the same id with other bytes
 * is not an update but a changed release, and is refused wherever it comes from (a feed, a workbook's
 * copy, a pin, a --table file). The registry starts with the releases this build knows were published
 * and learns the ids it sees (a feed index, a workbook's pin), so a second, different "2027.01a" is
 * refused too.
 */
export class ReleaseIdentities {
  private readonly known = new Map<string, { sha256: string; seenIn: string }>();

  constructor(published: Readonly<Record<string, string>> = PUBLISHED_RELEASES) {
    for (const [id, sha256] of Object.entries(published)) this.known.set(id, { sha256, seenIn: "published" });
  }

  /** Null when `sha256` is the hash known for `id` (or `id` is new); else the plain sentence saying it was changed. */
  check(id: string, sha256: string): string | null {
    const k = this.known.get(id);
    if (k === undefined || k.sha256 === sha256.toLowerCase()) return null;
    return changedReleaseMessage(id, k.sha256, sha256, k.seenIn);
  }

  /** Records `id` = `sha256` as seen in `where` ("the feed index", "the workbook's pin"); refuses a conflict like check(). */
  learn(id: string, sha256: string, where: string): string | null {
    const problem = this.check(id, sha256);
    if (problem === null && !this.known.has(id)) this.known.set(id, { sha256: sha256.toLowerCase(), seenIn: where });
    return problem;
  }
}

export function changedReleaseMessage(id: string, expected: string, got: string, seenIn = "published"): string {
  const where = seenIn === "published" ? "" : ` (as ${seenIn} gave it)`;
  return `release ${id} was changed after it was published: expected SHA-256 ${expected}${where}, got ${got.toLowerCase()}`;
}

/** The check against the published releases alone (the CLI's --table). */
export function publishedIdentityProblem(id: string, sha256: string): string | null {
  const expected = PUBLISHED_RELEASES[id];
  return expected === undefined || expected === sha256.toLowerCase() ? null : changedReleaseMessage(id, expected, sha256);
}
