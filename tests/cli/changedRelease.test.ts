import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { EMBEDDED_TABLE_FILE, embedded } from "../support/embeddedTable";

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), now: new Date("2025-04-15T16:00:00Z") });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("--table: a published release id with other bytes", () => {
  it("is refused by rate and validate, saying the release was changed after it was published, with both hashes", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-changed-"));
    try {
      // Still a valid table (one more trailing newline), still called by the embedded release's id.
      const text = readFileSync(EMBEDDED_TABLE_FILE, "utf8") + "\n";
      const file = join(dir, "changed.dutytable");
      writeFileSync(file, text);
      const got = createHash("sha256").update(text).digest("hex");
      const message = `dutydesk: invalid rate table: release ${embedded().id} was changed after it was published: expected SHA-256 ${embedded().sha256}, got ${got}`;
      const rate = cli("rate", "CN", "9503.00.00", "2025-04-15", "--table", file);
      expect(rate.out).toBe("");
      expect(rate.err).toBe(message);
      expect(rate.code).not.toBe(0);
      expect(cli("validate", file).err).toBe(message);
      // The published bytes themselves are accepted.
      expect(cli("validate", EMBEDDED_TABLE_FILE).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
