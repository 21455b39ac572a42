/**
 * `npm run bench`: one JSON object per line, {"metric", "value", "unit"}. Each section is its own module under
 * scripts/bench/; a section that cannot run here (no browser, no build) says why on stderr and is skipped.
 */
import { benchAdapter } from "./bench/adapter";
import { benchPane } from "./bench/pane";
import { benchPlanCore } from "./bench/plan-core";

export type Emit = (metric: string, value: number, unit: string) => void;

const emit: Emit = (metric, value, unit) => {
  process.stdout.write(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }) + "\n");
};

async function main(): Promise<void> {
  const sections: [string, (emit: Emit) => Promise<void>][] = [
    ["plan core", benchPlanCore],
    ["Office.js adapter", benchAdapter],
    ["pane", benchPane],
  ];
  for (const [name, section] of sections) {
    try {
      await section(emit);
    } catch (error) {
      process.stderr.write(`bench: ${name} skipped: ${error instanceof Error ? error.message : error}\n`);
      process.exitCode = 1;
    }
  }
}

void main();
