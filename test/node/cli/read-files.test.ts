/**
 * The CLI reads only regular files a user names, up to a size cap checked before reading: a huge file, a link to
 * /dev/zero, a FIFO or a folder are refused at once, without reading them (or blocking on them).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decodeCredentialFile, MAX_CREDENTIAL_FILE_BYTES } from "../../../core/index.ts";
import { CliError } from "../../../scripts/lib/cli-error.ts";
import { readRegularFile, readUtf8 } from "../../../scripts/lib/files.ts";

const dir = mkdtempSync(join(tmpdir(), "acredita-read-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function refusal(read: () => unknown, message: RegExp): void {
  assert.throws(read, (error: unknown) => error instanceof CliError && message.test(error.message));
}

describe("readRegularFile", () => {
  it("refuses a 700 MiB file by its size, before reading any of it", () => {
    const big = join(dir, "big.json");
    writeFileSync(big, "");
    truncateSync(big, 700 * 1024 * 1024); // sparse: no disk used
    const before = process.memoryUsage().rss;
    refusal(
      () => readRegularFile(big, "the file", MAX_CREDENTIAL_FILE_BYTES),
      /^the file .*big\.json is 700\.0 MiB; the limit is 1\.0 MiB, so it was not read$/,
    );
    assert.ok(process.memoryUsage().rss - before < 32 * 1024 * 1024, "nothing of it was read into memory");
  });

  it("follows a symbolic link, and refuses one to /dev/zero (a device) at once", () => {
    const zero = join(dir, "zero.json");
    symlinkSync("/dev/zero", zero);
    refusal(
      () => readRegularFile(zero, "the file", MAX_CREDENTIAL_FILE_BYTES),
      /zero\.json is a device: only regular files are read/,
    );
    const target = join(dir, "target.json");
    writeFileSync(target, "{}");
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    assert.equal(readRegularFile(link, "the file", 10).toString(), "{}");
  });

  it("refuses a FIFO without waiting for a writer, and a folder", { skip: process.platform === "win32" }, () => {
    const fifo = join(dir, "fifo.json");
    assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
    refusal(
      () => readRegularFile(fifo, "the file", MAX_CREDENTIAL_FILE_BYTES),
      /fifo\.json is a named pipe \(FIFO\): only regular files are read/,
    );
    refusal(
      () => readRegularFile(dir, "the file", MAX_CREDENTIAL_FILE_BYTES),
      /is a folder: only regular files are read/,
    );
    refusal(() => readRegularFile(join(dir, "missing.json"), "the file", 10), /missing\.json does not exist/);
  });

  it("reads a file of exactly the cap, and refuses one byte more", () => {
    const file = join(dir, "cap.json");
    writeFileSync(file, "x".repeat(1000));
    assert.equal(readRegularFile(file, "the file", 1000).length, 1000);
    refusal(
      () => readRegularFile(file, "the file", 999),
      /cap\.json is 1,000 bytes; the limit is 999 bytes, so it was not read/,
    );
  });
});

describe("decoding: the CLI and the web app read the same text", () => {
  it("drops one byte order mark and replaces malformed UTF-8 exactly as a browser's Blob.text()", async () => {
    const samples = [
      Buffer.from('\uFEFF{"a":"ñ"}'),
      Buffer.from('\uFEFF\uFEFF{"a":1}'),
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xc3]), Buffer.from('"}')]),
      Buffer.from("{}"),
    ];
    for (const bytes of samples) assert.equal(decodeCredentialFile(bytes), await new Blob([bytes]).text());
    assert.equal(decodeCredentialFile(Buffer.from('\uFEFF{"a":1}')), '{"a":1}');
  });

  it("readUtf8 (templates, learners, manifests) drops a BOM too, and keeps the same file rules", () => {
    const file = join(dir, "bom.csv");
    writeFileSync(file, "\uFEFFlearner_id\n");
    assert.equal(readUtf8(file, "the learners file", 100), "learner_id\n");
    refusal(
      () => readUtf8(file, "the learners file", 5),
      /the learners file .*bom\.csv is 14 bytes; the limit is 5 bytes/,
    );
  });
});
