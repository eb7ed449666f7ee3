/**
 * Builds browserEntry.ts into one classic script (an IIFE) for the test pages, with webpack + ts-loader
 * (transpile only: `tsc -p tsconfig.json` type-checks the same files). Built once per test file.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpack from "webpack";

let cached: Promise<string> | null = null;

export function fakeExcelScript(): Promise<string> {
  cached ??= build();
  return cached;
}

function build(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "dutydesk-fake-excel-"));
  const compiler = webpack({
    mode: "development",
    devtool: false,
    target: "web",
    entry: join(__dirname, "browserEntry.ts"),
    output: { path: out, filename: "fake-excel.js", iife: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: "ts-loader",
          options: { transpileOnly: true, configFile: join(__dirname, "..", "..", "..", "tsconfig.json"), compilerOptions: { module: "es2020" } },
        },
      ],
    },
  });
  return new Promise((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      try {
        resolve(readFileSync(join(out, "fake-excel.js"), "utf8"));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}
