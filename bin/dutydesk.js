#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli by `npm run prepare` (tsc -p tsconfig.node.json).
require("../lib/cli/main.js").main();
