import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const CORE = new URL("../../../core/", import.meta.url).pathname;
const MAX_LINES = 400;

/** Every hand-written TypeScript file under core/ (core/generated/ is written by tools/generate-core.ts). */
function handWritten(): string[] {
  return readdirSync(CORE, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.startsWith("generated/"))
    .sort();
}

describe("core (module size)", () => {
  it(`keeps every hand-written module at ${MAX_LINES} lines or fewer, one concept per file`, () => {
    const files = handWritten();
    assert.ok(files.includes("canonical.ts") && files.includes("node/parallel-issue.ts"), "the scan is broken");
    const tooLong = files
      .map((file) => ({ file, lines: readFileSync(`${CORE}${file}`, "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `core/${file} (${String(lines)} lines)`);
    assert.deepEqual(tooLong, [], `split by concept: ${tooLong.join(", ")}`);
  });
});
