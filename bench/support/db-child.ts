/**
 * bench:db's measuring half, in a child process. The read paths reach lib/auth and lib/review, whose
 * page guards import next/navigation, which needs React's client build — not available under the
 * react-server condition the bench scripts run with. So this runs like the vitest suite does (no
 * react-server condition, `server-only` stubbed; see no-server-only.ts). Queries are interleaved (each
 * round runs every query once) so a noisy neighbour slows them all alike. Prints JSON: per query, the
 * timings and the SQL of one run.
 *
 *   node --import tsx --import ./bench/support/no-server-only.ts bench/support/db-child.ts '<json args>'
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { promptSchema, rubricSchema } from "@/lib/content/schema";
import { PrismaClient } from "@/lib/db/generated/client";
import { parseEnv } from "@/lib/env";
import { llmConfigFromEnv } from "@/lib/llm";
import { createInterviewDeps } from "@/lib/interview/deps";
import { getRoomState } from "@/lib/interview/service";
import { loadHistory } from "@/lib/scoring/history";
import { latestReport } from "@/lib/scoring/reports";

type Role = "CANDIDATE" | "COACH" | "ADMIN";

export interface DbChildArgs {
  url: string;
  iterations: number;
  heavyId: string;
  typicalId: string;
  /** Ended interviews of the heavy candidate with a complete report and every board save. */
  reportTargets: string[];
  coach: { id: string; email: string; name: string; role: Role };
  admin: { id: string; email: string; name: string; role: Role };
  /** Set when lib/review/queue.ts exists. */
  withQueue: boolean;
}

export interface DbChildResult {
  name: string;
  what: string;
  times: number[];
  captured: { query: string; params: string; duration: number }[];
}

const args = JSON.parse(process.argv[2] ?? "{}") as DbChildArgs;
const pool = new pg.Pool({ connectionString: args.url, max: 10 });
pool.on("error", () => {});
const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
let capturing: DbChildResult["captured"] | null = null;
prisma.$on("query", (e) => capturing?.push({ query: e.query, params: e.params, duration: e.duration }));

const deps = createInterviewDeps({ prisma, llm: llmConfigFromEnv(parseEnv({})) });
let next = 0;
const target = () => args.reportTargets[next++ % args.reportTargets.length]!;

const queries: { name: string; what: string; run: () => Promise<unknown> }[] = [
  {
    name: "history page, heavy candidate",
    what: "lib/scoring/history.ts loadHistory: 1,000 interviews, the newest 200 with their latest report and scores",
    run: () => loadHistory(prisma, args.heavyId),
  },
  {
    name: "history page, typical candidate",
    what: "loadHistory: ~9 interviews",
    run: () => loadHistory(prisma, args.typicalId),
  },
  {
    name: "report query (latestReport)",
    what: "lib/scoring/reports.ts latestReport: owner check + the latest report with its body",
    run: () => latestReport(prisma, target(), args.heavyId),
  },
  {
    name: "report page data",
    what: "what app/interviews/[id]/report/page.tsx loads: room state (40 messages, latest board), report, prompt and rubric (parsed), 30 board graphs, curveballs",
    run: async () => {
      const id = target();
      const row = await prisma.interview.findUnique({ where: { id }, select: { id: true, ownerId: true } });
      const room = await getRoomState(deps, row!.ownerId, id);
      const [report, interview] = await Promise.all([
        latestReport(prisma, id, row!.ownerId),
        prisma.interview.findUniqueOrThrow({
          where: { id },
          select: { prompt: { select: { data: true } }, rubric: { select: { data: true } } },
        }),
        prisma.diagramSnapshot.findMany({
          where: { interviewId: id },
          orderBy: { seq: "asc" },
          select: { seq: true, graph: true },
        }),
        prisma.curveballEvent.findMany({
          where: { interviewId: id },
          select: { curveballKey: true, snapshotSeq: true },
        }),
      ]);
      promptSchema.parse(interview.prompt.data);
      rubricSchema.parse(interview.rubric.data);
      return [room, report];
    },
  },
];

if (args.withQueue) {
  const { listReviewQueue } = await import("@/lib/review/queue");
  const { queueFiltersSchema } = await import("@/lib/review/schemas");
  const filters = queueFiltersSchema.parse({});
  queries.push(
    {
      name: "coach queue, coach",
      what: 'lib/review/queue.ts listReviewQueue: a coach of 100 candidates (the heavy one among them), "waiting", page 1',
      run: () => listReviewQueue(prisma, { ...args.coach, local: false }, filters),
    },
    {
      name: "coach queue, admin",
      what: 'listReviewQueue: an admin (every ended interview is reviewable), "waiting", page 1',
      run: () => listReviewQueue(prisma, { ...args.admin, local: false }, filters),
    },
  );
}

try {
  for (let i = 0; i < 5; i++) for (const q of queries) await q.run();
  const times = queries.map(() => [] as number[]);
  for (let i = 0; i < args.iterations; i++) {
    for (const [k, q] of queries.entries()) {
      const started = performance.now();
      await q.run();
      times[k]!.push(performance.now() - started);
    }
  }
  const results: DbChildResult[] = [];
  for (const [k, q] of queries.entries()) {
    capturing = [];
    await q.run();
    results.push({ name: q.name, what: q.what, times: times[k]!, captured: capturing });
    capturing = null;
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
} finally {
  await prisma.$disconnect();
  await pool.end();
}
