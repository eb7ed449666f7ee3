/** Why a sync failed, in words an analyst can act on; `stage` says which step. */
export type FeedStage = "index" | "release" | "verify";
export type FeedErrorKind =
  "offline" | "timeout" | "http" | "too-large" | "truncated" | "invalid-index" | "invalid-release" | "hash" | "aborted" | "not-allowed" | "redirect";

export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    readonly stage: FeedStage,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "FeedError";
  }
}
