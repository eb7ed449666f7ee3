// Types for scripts/releases.js (plain CommonJS, so webpack.config.js and jest.config.js can use it too).
export interface ReleaseFile {
  readonly id: string;
  /** Absolute path of data/releases/<id>.dutytable. */
  readonly file: string;
}
export const RELEASES_DIR: string;
export function isReleaseId(id: string): boolean;
export function compareReleaseIds(a: string, b: string): number;
export function listReleases(dir?: string): ReleaseFile[];
export function newestRelease(dir?: string): ReleaseFile;
export function releaseFile(id: string, dir?: string): string;
export function nextReleaseId(previous: string, released: string): string;
