/** `npm run simulate` as a user runs it: JSON lines for every turn and event of a whole interview. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const corpusDrawing = "../shared/excalidraw-corpus/Azure__osdu-spi-stack__service-dependencies.excalidraw";

describe("npm run simulate", () => {
  it.runIf(existsSync(corpusDrawing))(
    "plays a scripted candidate through a whole interview and prints the events as JSON lines",
    async () => {
      const { stdout } = await run(
        "npx",
        [
          "tsx",
          "--conditions=react-server",
          "scripts/simulate.ts",
          "--prompt",
          "design-chatgpt",
          "--script",
          "tests/fixtures/candidate-script.txt",
        ],
        {
          timeout: 120_000,
          env: { ...process.env, DATABASE_URL: "" },
        },
      );
      const events = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; kind?: string; content?: string; changed?: boolean });
      expect(events[0]).toMatchObject({ type: "interviewer", kind: "chat" });
      expect(events.filter((e) => e.type === "candidate")).toHaveLength(7);
      expect(events.find((e) => e.type === "board")).toMatchObject({ changed: true });
      expect(events.some((e) => e.type === "interviewer" && e.kind === "curveball")).toBe(true);
      expect(events.some((e) => e.type === "nudge")).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: "end", status: "ended" });
      // the first answer carries the fact sheet's user number
      expect(events[2]?.content).toMatch(/20M/);
    },
  );
});
