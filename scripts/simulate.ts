// npm run simulate -- --prompt <slug> --script <file> [--model offline] [--framework nine-step]
//   [--duration 45] [--level senior] [--mode interview] [--persist]
// Plays a scripted candidate against the real interview engine and a real database (an in-memory
// PGlite with the question bank, unless --persist uses the configured one), on a simulated clock that
// spreads the script's turns over the interview. Prints the interviewer's turns and events as JSON lines.
//
// Script: a text file with one candidate message per line ('#' starts a comment), or an interchange
// JSON file (DESIGN.md §8) whose candidate messages and atSeconds are replayed. A line
// `@board <file.excalidraw>` saves that drawing to the board at that point.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { localUser } from "@/lib/auth/session";
import { importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import { databaseConfigFromEnv, openMigratedDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { llmConfigFromEnv } from "@/lib/llm";
import { createInterviewDeps } from "@/lib/interview/deps";
import { replyTo, saveBoard, startInterview, submitCandidateMessage, tick } from "@/lib/interview/service";
import { runCli } from "./cli";

type Step = { kind: "say"; text: string; atSeconds?: number } | { kind: "board"; file: string; atSeconds?: number };

async function readScript(file: string): Promise<Step[]> {
  const text = await readFile(file, "utf8");
  if (file.endsWith(".json")) {
    const doc = JSON.parse(text) as { messages?: { role: string; content: string; atSeconds?: number }[] };
    return (doc.messages ?? [])
      .filter((m) => m.role === "candidate")
      .map((m) => ({ kind: "say", text: m.content, atSeconds: m.atSeconds }));
  }
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) =>
      line.startsWith("@board ")
        ? { kind: "board", file: path.resolve(path.dirname(file), line.slice(7).trim()) }
        : { kind: "say", text: line },
    );
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      prompt: { type: "string" },
      script: { type: "string" },
      model: { type: "string", default: "offline" },
      framework: { type: "string", default: "nine-step" },
      duration: { type: "string", default: "45" },
      level: { type: "string", default: "senior" },
      mode: { type: "string", default: "interview" },
      persist: { type: "boolean", default: false },
    },
  });
  if (!values.prompt || !values.script)
    throw new Error("usage: npm run simulate -- --prompt <slug> --script <file> [--model <id>]");
  const env = getEnv();
  const steps = await readScript(values.script);
  const db = await openMigratedDatabase(
    values.persist ? databaseConfigFromEnv(env) : { kind: "pglite", dataDir: "memory" },
  );
  try {
    await importContent(db.prisma, await loadContentBank(path.resolve(env.TRADEOFF_CONTENT_DIR)));
    const durationMinutes = Number(values.duration);
    let clock = Date.parse("2026-01-01T10:00:00Z");
    const deps = createInterviewDeps({ prisma: db.prisma, llm: llmConfigFromEnv(env), now: () => new Date(clock) });
    const print = (event: Record<string, unknown>) => console.log(JSON.stringify(event));
    const user = await localUser(db);
    const { id } = await startInterview(deps, user.id, {
      promptSlug: values.prompt,
      frameworkSlug: values.framework!,
      durationMinutes: durationMinutes as 30 | 45 | 60,
      level: values.level as "mid" | "senior" | "staff",
      mode: values.mode as "interview" | "coach",
      model: values.model!,
    });
    const opening = await db.prisma.message.findFirstOrThrow({ where: { interviewId: id, seq: 1 } });
    print({ type: "interviewer", atSeconds: 0, kind: "chat", content: opening.content });

    // Without explicit times, candidate turns are spread evenly over the interview; a board save
    // happens halfway to the next turn.
    const start = clock;
    const spacingSeconds = (durationMinutes * 60) / (steps.filter((s) => s.kind === "say").length + 1);
    let turns = 0;
    for (const [i, step] of steps.entries()) {
      if (step.kind === "say") turns += 1;
      const planned = step.atSeconds ?? spacingSeconds * (step.kind === "say" ? turns : turns + 0.5);
      clock = Math.max(clock, start + planned * 1000);
      const atSeconds = Math.round((clock - start) / 1000);
      const nudges = await tick(deps, user.id, id);
      for (const m of nudges.added) print({ type: "nudge", atSeconds, content: m.content });
      if (nudges.status === "ended") break;
      if (step.kind === "board") {
        const saved = await saveBoard(deps, user.id, id, await readFile(step.file, "utf8"));
        print({ type: "board", atSeconds, seq: saved.seq, changed: saved.changed });
        continue;
      }
      print({ type: "candidate", atSeconds, content: step.text });
      const { record, message } = await submitCandidateMessage(deps, user.id, id, {
        clientId: `sim-${i}`,
        content: step.text,
      });
      const reply = await replyTo(deps, record, message.seq, () => {});
      print({ type: "interviewer", atSeconds, kind: reply.kind, status: reply.status, content: reply.content });
    }
    clock = start + durationMinutes * 60 * 1000;
    const end = await tick(deps, user.id, id);
    print({ type: "end", atSeconds: durationMinutes * 60, status: end.status });
  } finally {
    await db.close();
  }
});
