const path = require("node:path");

/**
 * Runs once before the suites. Dates must never depend on the machine's zone: the suite runs west of UTC by
 * default, and the engine tests switch zones explicitly.
 *
 * When the end-to-end suite is among the selected tests, the production pane and the fake Office host are built
 * here, where no hook timeout applies: on a busy machine a webpack build can take minutes, which inside the
 * suite's beforeAll once failed a fresh clone's `npm test`. Builds newer than their sources are reused, and a
 * run that does not select the suite (`npx jest test/plan`) builds nothing.
 */
module.exports = async (globalConfig) => {
  process.env.TZ = process.env.TZ || "America/Los_Angeles";
  const paneSuite = path.join(__dirname, "e2e", "pane.test.ts");
  if (globalConfig.listTests || !selects(globalConfig, paneSuite)) return;
  // harness.ts is TypeScript: jest's transform applies to what a global setup module requires.
  const { buildE2e } = require("./e2e/harness");
  const started = Date.now();
  const { builtPane } = await buildE2e();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ne2e: ${builtPane ? "built" : "reused the build of"} the production pane; host ready in ${seconds} s`);
};

/** Whether the run's test path pattern (empty: every test) can select `file`. */
function selects(globalConfig, file) {
  const patterns = globalConfig.testPathPatterns ?? [globalConfig.testPathPattern ?? ""];
  const list = Array.isArray(patterns) ? patterns : (patterns.patterns ?? []);
  return list.every((pattern) => pattern === "") || list.some((pattern) => new RegExp(pattern, "i").test(file));
}
