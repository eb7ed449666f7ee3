// Makes lib-bench/ resolve the repository's data like lib/ does: the compiled engine and CLI reach
// data/legacy and scripts/releases.js by relative paths, and under lib-bench/ they sit one level deeper.
"use strict";
const { mkdirSync, symlinkSync, rmSync } = require("node:fs");
const { join } = require("node:path");

const out = join(__dirname, "..", "lib-bench");
mkdirSync(out, { recursive: true });
for (const dir of ["data", "scripts"]) {
  rmSync(join(out, dir), { recursive: true, force: true });
  symlinkSync(join("..", dir), join(out, dir), "dir");
}
