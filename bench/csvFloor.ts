/**
 * The CSV floor of `dutydesk landed` (bench/landed.ts): read a CSV and write every record back, with the
 * CSV code the CLI uses (src/cli/csv.ts) and the same streaming (1 MiB reads, a StringDecoder, output
 * flushed at 64 KiB with backpressure). What no landed-cost engine can go below.
 *
 *   node lib-bench/bench/csvFloor.js IN.csv OUT.csv
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { CsvReader, csvRecord } from "../src/cli/csv";

async function floor(inPath: string, outPath: string): Promise<void> {
  const output = createWriteStream(outPath);
  let pending: string[] = [];
  let pendingLength = 0;
  const reader = new CsvReader((fields) => {
    const text = csvRecord(fields);
    pending.push(text);
    pendingLength += text.length;
  });
  const flush = async () => {
    const text = pending.join("");
    pending = [];
    pendingLength = 0;
    if (!output.write(text)) await once(output, "drain");
  };
  const decoder = new StringDecoder("utf8");
  for await (const chunk of createReadStream(inPath, { highWaterMark: 1 << 20 })) {
    reader.push(decoder.write(chunk as Buffer));
    if (pendingLength >= 64 * 1024) await flush();
  }
  reader.push(decoder.end());
  reader.end();
  await flush();
  output.end();
  await once(output, "finish");
}

floor(process.argv[2]!, process.argv[3]!).catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
