/**
 * bench:db — the read paths of the history page, the report page and the coach review queue on a
 * Postgres database holding 10,000 interviews and 400,000 messages (plus their reports, dimension
 * scores, board snapshots, curveballs, coach assignments and reviews), generated with
 * generate_series in a scratch database that is dropped afterwards. Each query runs through the
 * app's own code (Prisma, lib/scoring, lib/review) 100 times; p50/p95/p99 and the indexes that
 * EXPLAIN ANALYZE shows for every SQL statement it sends.
 *
 *   npm run bench:db [-- --iterations 100 --keep]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { importContent } from "@/lib/content/import";
import { PrismaClient } from "@/lib/db/generated/client";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import type { Database } from "@/lib/db/connection";
import { graphToDigest } from "@/lib/diagram";
import { buildReportBody, computeFindings, scoreOffline } from "@/lib/scoring";
import { parseFlags, positiveNumber } from "./support/args";
import { contentBank, contentFor } from "./support/content";
import { CANDIDATE_TURNS, SCRIPT_FRAMEWORK, SCRIPT_PROMPT, sceneAt } from "./support/interview-script";
import { createScratchDatabase, postgresAvailable } from "./support/postgres";
import type { DbChildArgs, DbChildResult } from "./support/db-child";
import { check, fmt, printChecks, printTable, type Check } from "./support/report";
import { machine, writeResult } from "./support/results";
import { simulateInterview, toScoringInput } from "./support/simulate";
import { round, summarize, type Summary } from "./support/stats";

const INTERVIEWS = 10_000;
const MESSAGES_PER_INTERVIEW = 40;
const CANDIDATES = 1_000;
const COACHES = 10;
/** Candidate 0 has this many interviews (the history page shows 200 of them); the rest share the others. */
const HEAVY_INTERVIEWS = 1_000;
/** The heavy candidate's newest interviews have every board save (a 45-minute interview makes ~30). */
const FULL_SNAPSHOT_INTERVIEWS = 100;
const SNAPSHOTS_PER_FULL_INTERVIEW = 30;

const INTERVIEWER_LINES = [
  "Thanks. About 20M daily active users, 2M of them paid. What would you like to estimate first?",
  "Good. Walk me through the request path from the client to the model and back.",
  "How would you know the answers are good before and after a launch?",
  "What happens when the flagship pool is overloaded at peak?",
  "Given 4,000 GPUs, does this even fit? Walk me from users to nodes.",
];

// ───────────────────────── data ─────────────────────────

async function seed(client: pg.Client, log: (line: string) => void) {
  const { rubric } = await contentFor(SCRIPT_PROMPT, SCRIPT_FRAMEWORK);
  const content = await contentFor(SCRIPT_PROMPT, SCRIPT_FRAMEWORK);
  const simulated = simulateInterview(content);
  const input = toScoringInput(simulated, rubric);
  const findings = computeFindings(input);
  const reportBody = buildReportBody(input, scoreOffline(input, findings), findings, "offline", "offline-scorer@1");
  const finalGraph = simulated.snapshots.at(-1)!.graph;
  const scene = sceneAt(CANDIDATE_TURNS.length)!;
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${fmt(result.rowCount ?? 0, 0)} rows in ${fmt((performance.now() - started) / 1000, 1)} s`);
  };

  await client.query("SET statement_timeout = 0");
  await step(
    "users",
    `CREATE TEMP TABLE people AS
       SELECT g AS n, gen_random_uuid() AS id, CASE WHEN g < $1::int THEN 'CANDIDATE' WHEN g < $1::int + $2::int THEN 'COACH' ELSE 'ADMIN' END AS role
       FROM generate_series(0, $1::int + $2::int) g`,
    [CANDIDATES, COACHES],
  );
  await step(
    "users (insert)",
    `INSERT INTO users (id, email, name, role, created_at, updated_at)
     SELECT id, 'user' || n || '@bench.local', 'User ' || n, role::"Role", now(), now() FROM people`,
  );
  await step(
    "interviews",
    `CREATE TEMP TABLE iv AS
       SELECT g AS n, gen_random_uuid() AS id,
              (SELECT id FROM people WHERE n = CASE WHEN g < $1::int THEN 0 ELSE 1 + (g - $1::int) % ($2::int - 1) END) AS owner_id,
              now() - ((g * 7919) % $3::int) * interval '52 minutes' AS started_at,
              CASE WHEN g % 20 = 0 THEN 'ACTIVE' ELSE 'ENDED' END AS status
       FROM generate_series(0, $3::int - 1) g`,
    [HEAVY_INTERVIEWS, CANDIDATES, INTERVIEWS],
  );
  await client.query("CREATE INDEX ON iv (n)");
  await step(
    "interviews (insert)",
    `WITH p AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS k FROM prompts),
          f AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS k FROM frameworks),
          pc AS (SELECT count(*) AS c FROM prompts), fc AS (SELECT count(*) AS c FROM frameworks),
          r AS (SELECT id FROM rubrics ORDER BY version DESC LIMIT 1)
     INSERT INTO interviews (id, owner_id, prompt_id, framework_id, rubric_id, level, mode, model, duration_minutes,
                             clock_scale, status, started_at, ends_at, ended_at, created_at, updated_at)
     SELECT iv.id, iv.owner_id, p.id, f.id, r.id,
            (ARRAY['MID','SENIOR','STAFF'])[1 + iv.n % 3]::"Level", 'INTERVIEW'::"InterviewMode",
            CASE WHEN iv.n % 2 = 0 THEN 'offline' ELSE 'anthropic:claude-sonnet-4-6' END, 45, 1,
            iv.status::"InterviewStatus", iv.started_at, iv.started_at + interval '45 minutes',
            CASE WHEN iv.status = 'ENDED' THEN iv.started_at + interval '45 minutes' END, iv.started_at, iv.started_at
     FROM iv, pc, fc, r
     JOIN p ON true JOIN f ON true
     WHERE p.k = iv.n % pc.c AND f.k = iv.n % fc.c`,
  );
  await step(
    "messages",
    `INSERT INTO messages (id, interview_id, seq, role, kind, status, content, phase, client_id, reply_to_seq, created_at)
     SELECT gen_random_uuid(), iv.id, s,
            CASE WHEN s % 2 = 1 THEN 'INTERVIEWER' ELSE 'CANDIDATE' END::"MessageRole", 'CHAT', 'COMPLETE',
            CASE WHEN s % 2 = 1 THEN ($1::text[])[1 + (iv.n + s) % cardinality($1::text[])]
                 ELSE ($2::text[])[1 + (iv.n + s) % cardinality($2::text[])] END,
            'phase-' || (s / 5), CASE WHEN s % 2 = 0 THEN 'client-' || iv.n || '-' || s END,
            CASE WHEN s % 2 = 1 AND s > 1 THEN s - 1 END,
            iv.started_at + s * interval '65 seconds'
     FROM iv, generate_series(1, $3::int) s`,
    [INTERVIEWER_LINES, CANDIDATE_TURNS.map((t) => t.text), MESSAGES_PER_INTERVIEW],
  );
  await step(
    "diagram snapshots",
    `INSERT INTO diagram_snapshots (id, interview_id, seq, scene_hash, scene, graph, digest, created_at)
     SELECT gen_random_uuid(), iv.id, s, md5(iv.id::text || s), $1::jsonb, $2::jsonb, $3,
            iv.started_at + s * interval '80 seconds'
     FROM iv, generate_series(1, CASE WHEN iv.n < $4::int THEN $5::int ELSE 1 END) s`,
    [
      JSON.stringify(scene),
      JSON.stringify(finalGraph),
      graphToDigest(finalGraph),
      FULL_SNAPSHOT_INTERVIEWS,
      SNAPSHOTS_PER_FULL_INTERVIEW,
    ],
  );
  await step(
    "curveball events",
    `INSERT INTO curveball_events (id, interview_id, curveball_key, message_id, snapshot_seq, at_seconds, created_at)
     SELECT gen_random_uuid(), iv.id, 'region-outage', NULL, 1, 1500, iv.started_at + interval '25 minutes'
     FROM iv WHERE iv.status = 'ENDED'`,
  );
  await step(
    "reports",
    `INSERT INTO reports (id, interview_id, rubric_id, status, source, failure_reason, weighted_score, verdict, data,
                          prompt_ref, created_at, completed_at)
     SELECT gen_random_uuid(), i.id, i.rubric_id,
            CASE WHEN iv.n % 20 = 1 THEN 'PENDING' WHEN iv.n % 20 = 2 THEN 'INCOMPLETE' ELSE 'COMPLETE' END::"ReportStatus",
            'OFFLINE', CASE WHEN iv.n % 20 = 2 THEN 'the judge failed' END,
            CASE WHEN iv.n % 20 > 2 THEN 1.5 + (iv.n % 25) / 10.0 END,
            CASE WHEN iv.n % 20 > 2 THEN (ARRAY['no hire','lean no hire','lean hire','hire','strong hire'])[1 + iv.n % 5] || ' at senior' END,
            CASE WHEN iv.n % 20 > 2 THEN $1::jsonb END, 'offline-scorer@1',
            i.ended_at + interval '30 seconds', CASE WHEN iv.n % 20 > 1 THEN i.ended_at + interval '40 seconds' END
     FROM iv JOIN interviews i ON i.id = iv.id WHERE iv.status = 'ENDED'`,
    [JSON.stringify(reportBody)],
  );
  await step(
    "dimension scores",
    `INSERT INTO dimension_scores (id, report_id, dimension_id, level, rationale, evidence)
     SELECT gen_random_uuid(), r.id, d.id, CASE WHEN (d.position + length(r.id::text)) % 7 = 0 THEN NULL ELSE 1 + (d.position + ascii(substr(r.id::text, 1, 1))) % 4 END,
            'Covered with numbers; missed the failure modes of the cache.', '[{"kind":"quote","messageId":"m2","quote":"How many daily active users"}]'::jsonb
     FROM reports r JOIN rubric_dimensions d ON d.rubric_id = r.rubric_id WHERE r.status = 'COMPLETE'`,
  );
  await step(
    "coach assignments",
    `INSERT INTO coach_assignments (id, coach_id, candidate_id, created_at)
     SELECT gen_random_uuid(), coach.id, cand.id, now()
     FROM people cand JOIN people coach ON coach.role = 'COACH' AND coach.n - $1::int = cand.n % $2::int
     WHERE cand.role = 'CANDIDATE'`,
    [CANDIDATES, COACHES],
  );
  await step(
    "reviews",
    `INSERT INTO reviews (id, report_id, coach_id, status, summary, completed_at, created_at, updated_at)
     SELECT gen_random_uuid(), r.id, ca.coach_id,
            CASE WHEN iv.n % 2 = 0 THEN 'COMPLETE' ELSE 'IN_PROGRESS' END::"ReviewStatus", 'Solid estimates.',
            CASE WHEN iv.n % 2 = 0 THEN r.completed_at + interval '1 day' END, r.completed_at, r.completed_at
     FROM reports r JOIN iv ON iv.id = r.interview_id JOIN coach_assignments ca ON ca.candidate_id = iv.owner_id
     WHERE r.status = 'COMPLETE' AND iv.n % 3 = 0`,
  );
  const started = performance.now();
  await client.query("ANALYZE");
  log(`  ANALYZE: ${fmt((performance.now() - started) / 1000, 1)} s`);
}

// ───────────────────────── measuring ─────────────────────────

interface CapturedQuery {
  query: string;
  params: string;
  /** As Prisma reports it (ms): the statement's round trip, not the ORM's work around it. */
  duration: number;
}

/** Long IN lists and array literals, shortened for the report. */
function compact(text: string): string {
  return text
    .replace(/(\$\d+,){8,}\$\d+/g, (m) => `$…(${m.split(",").length} params)`)
    .replace(/'\{[^}]{200,}\}'/g, (m) => `'{…${m.split(",").length} values}'`);
}

interface QueryResult {
  name: string;
  what: string;
  summary: Summary;
  statements: number;
  indexes: string[];
  seqScans: string[];
  plans: Plan[];
  /** Sum of the statements' round trips in the captured run (ms). */
  sqlMs: number;
}

/** Planning + execution time Postgres reports in EXPLAIN ANALYZE, summed over a query's statements (ms). */
function explainMs(plans: readonly Plan[]): number {
  let total = 0;
  for (const p of plans) {
    for (const m of p.plan.matchAll(/(?:Planning|Execution) Time: ([\d.]+) ms/g)) total += Number(m[1]);
  }
  return total;
}

interface Plan {
  sql: string;
  durationMs: number;
  plan: string;
}

async function explain(client: pg.Client, captured: CapturedQuery[]) {
  const plans: Plan[] = [];
  for (const q of captured) {
    const params = JSON.parse(q.params || "[]") as unknown[];
    try {
      const rows = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, params);
      const plan = rows.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      plans.push({ sql: compact(q.query), durationMs: q.duration, plan: compact(plan) });
    } catch (error) {
      const plan = `EXPLAIN failed: ${error instanceof Error ? error.message : String(error)}`;
      plans.push({ sql: compact(q.query), durationMs: q.duration, plan });
    }
  }
  const all = plans.map((p) => p.plan).join("\n");
  const indexes = [
    ...new Set(
      [...all.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1]!),
    ),
  ];
  const seqScans = [...new Set([...all.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1]!))];
  return { plans, indexes: indexes.sort(), seqScans: seqScans.sort() };
}

/** Runs bench/support/db-child.ts (see there why it is a child process) and returns its JSON. */
async function runChild(args: DbChildArgs): Promise<DbChildResult[]> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./bench/support/no-server-only.ts",
      "bench/support/db-child.ts",
      JSON.stringify(args),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the measuring child process failed (exit ${code}):\n${err.slice(-3000)}`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as DbChildResult[];
}

async function main() {
  const flags = parseFlags("db", {
    iterations: { default: "100", help: "timed rounds (each runs every query once), after 5 warm-up rounds" },
    keep: { default: "no", help: "yes: keep the scratch database (its name is printed) for inspection" },
  });
  const iterations = Math.round(positiveNumber("iterations", flags.iterations));
  const startedAt = new Date();
  const startMachine = machine();
  if (!(await postgresAvailable()))
    throw new Error("bench:db needs Postgres (DATABASE_URL, or 127.0.0.1:5432 with database test)");

  const scratch = await createScratchDatabase("db");
  console.log(`scratch database ${scratch.name}`);
  const pool = new pg.Pool({ connectionString: scratch.url, max: 10 });
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const results: QueryResult[] = [];
  let counts: Record<string, number> = {};
  let queuePending = false;
  try {
    const sql: Database["sql"] = {
      query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[],
      exec: async (text: string) => void (await client.query(text)),
      withSession: (fn) =>
        fn({
          query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[],
          exec: async (text: string) => void (await client.query(text)),
        }),
    };
    await applyMigrations(sql, await readMigrations());
    await importContent(prisma, await contentBank());
    console.log(
      `generating ${fmt(INTERVIEWS, 0)} interviews and ${fmt(INTERVIEWS * MESSAGES_PER_INTERVIEW, 0)} messages…`,
    );
    const seedStarted = performance.now();
    await seed(client, console.log);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const tableCounts = await client.query(
      `SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC`,
    );
    counts = Object.fromEntries(
      tableCounts.rows.map((r: { relname: string; n_live_tup: string }) => [r.relname, Number(r.n_live_tup)]),
    );
    console.log(
      `seeded in ${fmt(seedSeconds, 1)} s: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${fmt(n, 0)}`)
        .join(", ")}`,
    );

    const person = async (n: number) =>
      (
        await client.query(`SELECT u.id, u.email, u.name, u.role FROM users u WHERE u.email = $1`, [
          `user${n}@bench.local`,
        ])
      ).rows[0] as { id: string; email: string; name: string; role: "CANDIDATE" | "COACH" | "ADMIN" };
    const heavy = await person(0);
    const typical = await person(517);
    const coach = await person(CANDIDATES);
    const admin = await person(CANDIDATES + COACHES);
    const heavyInterviews = (
      await client.query(
        `SELECT id FROM interviews WHERE owner_id = $1 AND status = 'ENDED' ORDER BY started_at DESC LIMIT 50`,
        [heavy.id],
      )
    ).rows.map((r: { id: string }) => r.id);
    // The report targets: ended interviews with every board save (30 snapshots) and a complete report.
    const targets = (
      await client.query(
        `SELECT i.id FROM interviews i JOIN reports r ON r.interview_id = i.id
         WHERE i.owner_id = $1 AND i.status = 'ENDED' AND r.status = 'COMPLETE'
           AND (SELECT count(*) FROM diagram_snapshots s WHERE s.interview_id = i.id) = $2 LIMIT 20`,
        [heavy.id, SNAPSHOTS_PER_FULL_INTERVIEW],
      )
    ).rows.map((r: { id: string }) => r.id);
    if (targets.length === 0 || heavyInterviews.length === 0)
      throw new Error("the generated data has no report targets");
    const withQueue = existsSync(path.resolve("lib", "review", "queue.ts"));
    queuePending = !withQueue;
    console.log(`\nmeasuring (${iterations} rounds, every query once per round)…`);
    const measured = await runChild({
      url: scratch.url,
      iterations,
      heavyId: heavy.id,
      typicalId: typical.id,
      reportTargets: targets,
      coach,
      admin,
      withQueue,
    });
    for (const r of measured) {
      const { plans, indexes, seqScans } = await explain(client, r.captured);
      results.push({
        name: r.name,
        what: r.what,
        summary: summarize(r.times),
        statements: r.captured.length,
        indexes,
        seqScans,
        plans,
        sqlMs: r.captured.reduce((sum, q) => sum + q.duration, 0),
      });
    }
  } finally {
    await client.end().catch(() => {});
    await prisma.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    if (flags.keep === "yes") console.log(`kept ${scratch.name}`);
    else await scratch.drop();
  }

  printTable(
    `Read paths on ${fmt(counts.interviews ?? 0, 0)} interviews / ${fmt(counts.messages ?? 0, 0)} messages (ms; p50…max of ${iterations} runs through the app's code and Prisma; "in Postgres" = EXPLAIN ANALYZE planning + execution; "round trips" = statement times Prisma reports, one run)`,
    ["query", "SQL stmts", "in Postgres", "round trips", "p50", "p95", "p99", "max", "indexes used (EXPLAIN ANALYZE)"],
    results.map((r) => [
      r.name,
      String(r.statements),
      fmt(explainMs(r.plans), 1),
      fmt(r.sqlMs, 1),
      fmt(r.summary.p50, 2),
      fmt(r.summary.p95, 2),
      fmt(r.summary.p99, 2),
      fmt(r.summary.max, 2),
      r.indexes.join(", "),
    ]),
  );
  for (const r of results.filter((x) => x.seqScans.length > 0))
    console.log(`seq scans in "${r.name}": ${r.seqScans.join(", ")}`);
  if (queuePending) console.log("\ncoach queue: lib/review/queue.ts does not exist yet — pending");

  const checks: Check[] = results.map((r) => check(`${r.name}: p95`, r.summary.p95, "<=", 50, "ms"));
  if (queuePending) checks.push(check("coach queue: p95 (pending: lib/review/queue.ts)", null, "<=", 50, "ms"));
  printChecks(checks);
  await writeResult(
    "db",
    {
      rows: counts,
      iterations,
      queries: results.map((r) => ({
        name: r.name,
        what: r.what,
        statements: r.statements,
        sqlMsOneRun: round(r.sqlMs, 2),
        postgresMs: round(explainMs(r.plans), 2),
        ms: Object.fromEntries(Object.entries(r.summary).map(([k, v]) => [k, k === "n" ? v : round(v, 2)])),
        indexes: r.indexes,
        seqScans: r.seqScans,
        plans: r.plans,
      })),
      coachQueue: queuePending ? "pending: lib/review/queue.ts does not exist yet" : "measured",
    },
    checks,
    startedAt,
    startMachine,
  );
}

await main();
