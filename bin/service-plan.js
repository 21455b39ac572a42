#!/usr/bin/env node
// The command line runs the compiled core (built by `npm ci` / `npm run build:cli`).
const path = require("node:path");
const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
let cli;
try {
  cli = require(entry);
} catch (error) {
  if (error.code !== "MODULE_NOT_FOUND") throw error;
  process.stderr.write("service-plan: not built yet; run `npm run build:cli` first.\n");
  process.exit(1);
}
cli.endQuietlyWhenStdoutCloses();
cli
  .run(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    // run() reports every failure itself; this is a last guard, still without a stack unless asked for.
    const detail = process.env.SERVICE_PLAN_DEBUG && error && error.stack ? error.stack : error;
    process.stderr.write(`service-plan: unexpected failure: ${detail}\n`);
    process.exitCode = 1;
  });
