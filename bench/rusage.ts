/**
 * Preloaded (`node -r lib-bench/bench/rusage.js …`) into a benchmarked child process: at exit it writes the
 * process's own CPU time and peak RSS (all its threads) to $DUTYDESK_RUSAGE_FILE, so the parent measures the child alone.
 */
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

// A preload runs in worker threads too (they inherit the process's execArgv); the process's figures
// (which count every thread) are written once, when the main thread exits.
const file = process.env.DUTYDESK_RUSAGE_FILE;
if (file && isMainThread) {
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}
