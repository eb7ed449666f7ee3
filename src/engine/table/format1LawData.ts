import type { ReleaseLaw } from "./format1Law";

/*
 * The frozen format-1 law itself (see format1Law.ts). Code reaches it through documentChecks, so that the
 * Excel bundle carries it in the table checks' chunk: only a format-1 table (a 2026.11a pin) needs it, and
 * such a table is always loaded after the checks are in.
 */

// A relative require, not an import: the file lies outside src/ (rootDir), and this path is the same from
// src/engine/table (ts-jest, webpack) and lib/engine/table (Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const FORMAT1_LAW: ReleaseLaw = require("../../../data/legacy/landed-format1.json");
