import { RateTable, dayFromIso } from "../engine";

/**
 * The release a workbook computes with. Stored in the workbook (settings, mirrored in the release sheet),
 * so every co-author's add-in loads the same bytes: the SHA-256 is the identity, the id is for people.
 */
export interface WorkbookPin {
  readonly release: string;
  readonly sha256: string;
  readonly released: string;
  /** The feed the release came from, to fetch it again if the workbook's own copy is lost. */
  readonly feedUrl: string | null;
  /** When it was pinned (ISO instant), for the status line. */
  readonly pinnedAt: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export function pinFor(table: RateTable, feedUrl: string | null, now: Date): WorkbookPin {
  return { release: table.id, sha256: table.sha256, released: table.released, feedUrl, pinnedAt: now.toISOString() };
}

/** Reads a stored pin; anything malformed (another add-in version, a hand edit) is reported, never guessed. */
export function parsePin(value: unknown): { pin: WorkbookPin | null; problem: string | null } {
  if (value === null || value === undefined || value === "") return { pin: null, problem: null };
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return { pin: null, problem: "the workbook's pin is not readable" };
    }
  }
  const o = v as Record<string, unknown>;
  if (
    typeof o !== "object" ||
    o === null ||
    typeof o.sha256 !== "string" ||
    !SHA256.test(o.sha256) ||
    typeof o.release !== "string" ||
    !ID.test(o.release)
  ) {
    return { pin: null, problem: "the workbook's pin is malformed" };
  }
  return {
    pin: {
      release: o.release,
      sha256: o.sha256,
      released: typeof o.released === "string" && dayFromIso(o.released) !== null ? o.released : "",
      feedUrl: typeof o.feedUrl === "string" && o.feedUrl.length < 2000 ? o.feedUrl : null,
      pinnedAt: typeof o.pinnedAt === "string" ? o.pinnedAt.slice(0, 40) : "",
    },
    problem: null,
  };
}
