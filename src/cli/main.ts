import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { RateTable, TableValidationError } from "../engine";
import { BuildError, buildTable } from "../tablebuild/buildTable";
import { dataReport, formatDataReport } from "../tablebuild/dataReport";
import { clip } from "../engine/util/clip";
import { ParsedArgs, UsageError, flag, parseArgs, refuseExtraPositionals } from "./args";
import { embeddedTable, tableFromFile } from "./embeddedTable";
import type { Io } from "./io";
import { readDate } from "../requests/arguments";
import { FileError, writeFileAtomic } from "./files";
import { landedCommand } from "./landedCommand";
import { releaseCommand } from "./releaseCommand";
import { compareCommand, etrCommand, maxPriceCommand } from "./decisionCommands";
import { NewsFormatError } from "../tablebuild/newsFile";
import { LookupFailed, RATE_FLAGS, answerOrFail, breakdownText, exitCodeOf, historyOutput, rateJson, rateText, questionFrom } from "./rateCommands";
import { useSha256 } from "../engine/util/sha256";
import { nodeSha256 } from "./nodeSha256";

// The engine hashes in pure JavaScript (it also runs in Excel); in Node, OpenSSL's SHA-256 is 8x faster.
useSha256(nodeSha256);

const USAGE = `dutydesk: import duty rates from the DutyDesk rate table

  dutydesk rate <country> <hts|sector> [date] [options]       total duty rate in force
  dutydesk breakdown <country> <hts|sector> [date] [options]  layer by layer, with citations
  dutydesk history <country> <hts|sector> <start> [end] [options]
  dutydesk validate <table-file>                              check a rate table release
  dutydesk build-table --hts DIR --yale DIR [--cn FILE] [--source DIR] [--out FILE]
  dutydesk release --hts DIR --yale DIR [--cn FILE] [--check|--dry-run|--news-only]
                                                              cut the next release into data/releases, draft NEWS
  dutydesk data-report [--hts DIR] [--json]                   coverage, measures, lists, cross-checks, gaps
  dutydesk landed --in FILE.csv [--out FILE.csv] [--date D] [--importer C] [--options TEXT]
                                                              landed cost per CSV row, streamed
  dutydesk compare <hts|sector> [date] --origins CN,VN,MX [--value V]
                                                              origins ranked by total (or landed cost)
  dutydesk maxprice <target> <country> <hts|sector> [date] [--freight F] [--insurance I]
                   [--quantity Q] [--mode M] [--importer C] [--options TEXT]
                                                              highest price, to the cent, landing at most target
  dutydesk etr --in book.csv [--date D | --from D --to D] [--step month] [--top N]
                                                              effective tariff rate of a book (value, country, hts)

options: --importer US|CN  --claim PROGRAM (repeatable)  --basis entry|final|net
         --loaded DATE (loading date, for in-transit rules)  --steel|--aluminum|--copper SHARE
         --known-layers (where a layer's rate is unknown: base + known layers, labelled)
         --table FILE (use another release)  --json
         --unit-value 2.40/kg (ad valorem equivalent of a specific duty)  --ad-valorem-part
dates are YYYY-MM-DD (entry date); omitted means today, US Eastern.
exit codes: 0 a total; 1 no answer (unknown code, country, date); 2 usage; 3 answered without a total
(a specific duty with no --unit-value or --ad-valorem-part, or an unknown base rate).`;

export type { Io };

/** Runs one command line; returns the process exit code. Errors are one line on stderr. */
export function run(argv: readonly string[], io: Io): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "rate":
      case "breakdown": {
        const args = parseArgs(rest, RATE_FLAGS);
        refuseExtraPositionals(args, command, ["country", "product", "date"]);
        const table = tableFor(args);
        const { request, choice } = questionFrom(args, 2, io.now, table);
        const answer = answerOrFail(table, request);
        if (flag(args, "json")) io.out(JSON.stringify(rateJson(answer, choice), null, 2));
        else io.out(command === "rate" ? rateText(answer, choice) : breakdownText(answer, choice));
        return exitCodeOf(answer, choice);
      }
      case "history": {
        const args = parseArgs(rest, RATE_FLAGS);
        refuseExtraPositionals(args, command, ["country", "product", "start", "end"]);
        if (args.positional[2] === undefined) throw new UsageError("history needs a start date");
        const table = tableFor(args);
        const { request, choice } = questionFrom(args, 2, io.now, table, "start");
        // The end date is read by the same rule as every date (src/requests); "today" or nothing is today.
        const endText = args.positional[3];
        const end = readDate(endText === "today" ? undefined : endText, io.now, "end");
        if (!end.ok) throw new UsageError(end.message);
        io.out(historyOutput(table, request, end.value, flag(args, "json") !== undefined, choice));
        return 0;
      }
      case "validate": {
        const args = parseArgs(rest, { boolean: ["json"] });
        refuseExtraPositionals(args, command, ["table-file"]);
        const file = args.positional[0];
        if (file === undefined) throw new UsageError("validate needs a table file");
        const table = tableFromFile(file);
        const summary = { ok: true, id: table.id, released: table.released, sha256: table.sha256, measures: table.measures.length };
        io.out(
          flag(args, "json")
            ? JSON.stringify(summary)
            : `ok: table ${table.id} (${table.released}), ${table.measures.length} measures, sha256 ${table.sha256}`,
        );
        return 0;
      }
      case "build-table": {
        const args = parseArgs(rest, { value: ["hts", "yale", "cn", "source", "out"] });
        refuseExtraPositionals(args, command, []);
        const hts = flag(args, "hts");
        const yale = flag(args, "yale");
        if (!hts || !yale) throw new UsageError("build-table needs --hts DIR and --yale DIR");
        const cn = flag(args, "cn");
        const report = buildTable({
          htsDir: hts,
          yaleDir: yale,
          sourceDir: flag(args, "source") ?? join(process.cwd(), "data", "source"),
          ...(cn === undefined ? {} : { cnFile: cn }),
        });
        // A preview, not a release: releases are cut into data/releases by `dutydesk release`.
        const out = flag(args, "out") ?? join(process.cwd(), "lib", "table", `${report.table.id}.dutytable`);
        mkdirSync(dirname(out), { recursive: true });
        writeFileAtomic(out, report.text); // the last good file stays whole if the write fails
        const forms = Object.entries(report.baseForms)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        io.out(
          `wrote ${out}: table ${report.table.id}, ${report.text.length} bytes, sha256 ${report.table.sha256}\n` +
            `  base lines: ${report.lineCount} 8-digit lines (${report.statisticalLines} statistical) from HTS ${report.htsRelease}: ${forms}\n` +
            `  against the ${report.baseStability.earliest}: ${report.baseStability.changed} rates changed, ${report.baseStability.added} lines added, ${report.baseStability.removed} removed\n` +
            (report.cn === null
              ? ""
              : `  China 2026: ${report.cn.lines} 8-digit lines (${Object.entries(report.cn.byRule)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(", ")}); ` +
                `${report.cn.fallbackKeys} 6-digit fallback keys not used (${report.cn.fallbackCopies} exact copies of their first line)\n`) +
            `  measures: ${report.measures}; product lists: ${report.lists.map((l) => `${l.id} ${l.codes}`).join(", ")}\n` +
            `  (a preview: npm run release cuts it into data/releases)`,
        );
        return 0;
      }
      case "data-report": {
        const args = parseArgs(rest, { boolean: ["json"], value: ["hts", "table"] });
        refuseExtraPositionals(args, command, []);
        const report = dataReport(tableFor(args), flag(args, "hts") ?? null);
        io.out(flag(args, "json") ? JSON.stringify(report, null, 2) : formatDataReport(report));
        return 0;
      }
      case "landed":
        return landedCommand(rest, io); // streams: resolves with the exit code
      case "release":
        return releaseCommand(rest, io);
      case "compare":
        return compareCommand(rest, io);
      case "maxprice":
        return maxPriceCommand(rest, io);
      case "etr":
        return etrCommand(rest, io);
      case undefined:
      case "help":
      case "--help":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${clip(command, 100)}" (try: dutydesk help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof LookupFailed || e instanceof FileError) io.err(`dutydesk: ${e.message}`);
    else if (e instanceof TableValidationError || e instanceof BuildError || e instanceof NewsFormatError) io.err(`dutydesk: ${e.message}`);
    else if (isSystemError(e)) io.err(`dutydesk: ${e.message}`);
    else throw e;
    return e instanceof LookupFailed ? 1 : 2;
  }
}

/** Other file-system failures (build-table's files) are the user's to fix too: report them, don't crash. */
function isSystemError(e: unknown): e is { code: string; message: string } {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

function tableFor(args: ParsedArgs): RateTable {
  const file = flag(args, "table");
  return file === undefined ? embeddedTable() : tableFromFile(file);
}

export function main(): void {
  // The compiled worker of a file-to-file landed batch (landedHeap.ts); absent if this file was bundled alone.
  const worker = join(__dirname, "landedWorker.js");
  const code = run(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + "\n"),
    err: (t) => process.stderr.write(t.replace(/\s+/g, " ").trim() + "\n"),
    now: new Date(),
    ...(existsSync(worker) ? { landedWorker: worker } : {}),
  });
  if (typeof code === "number") process.exitCode = code;
  else code.then((c) => (process.exitCode = c));
}

if (require.main === module) main();
