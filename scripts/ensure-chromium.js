#!/usr/bin/env node
// Pretest: the browser tests drive Debian's Chromium through playwright-core (never a downloaded browser).
// When /usr/bin/chromium is missing, install it with apt if this process may (root, apt-get present);
// otherwise stop at once with one line saying how, rather than failing later inside the browser suites.
"use strict";
const { existsSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const CHROMIUM = "/usr/bin/chromium";
const HOW = "sudo apt-get update && sudo apt-get install -y chromium";

function main() {
  if (existsSync(CHROMIUM)) return 0;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (process.env.DUTYDESK_NO_APT === "1" || !isRoot || !hasApt) {
    process.stderr.write(`chromium is missing at ${CHROMIUM}: install Debian's package (${HOW}), then run npm test again\n`);
    return 1;
  }
  process.stderr.write(`chromium is missing at ${CHROMIUM}: installing Debian's package with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (r.status !== 0) {
      process.stderr.write(`apt-get ${args.join(" ")} failed (exit ${r.status}): install chromium by hand (${HOW})\n`);
      return 1;
    }
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`apt-get installed chromium but ${CHROMIUM} is still missing: check the package\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
