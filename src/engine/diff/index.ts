export { diffReleases, summarizeMeasure, rateText, MAX_LINE_EXAMPLES } from "./releaseDiff";
export type { ReleaseDiff, ReleaseRef, MeasureChange, MeasureChangeKind, MeasureSummary, LineChanges } from "./releaseDiff";
