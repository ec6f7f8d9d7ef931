/**
 * Fuzz test of every route handler (issue 7, "Security and bad-input checks"): malformed JSON, wrong
 * types, oversize bodies and lying headers, unicode edge cases, huge and hostile whiteboard scenes,
 * garbage query strings and path segments. Every answer must be a 4xx with `{error: {message}}` (or
 * a 2xx where the input is legitimately acceptable), never a 5xx, and a refused request must leave
 * the database exactly as it was.
 *
 * Routes are discovered, not listed: every route.ts under app/api is imported and every HTTP method
 * it exports is fuzzed, so a route added later is covered without editing this file. Per-route
 * knowledge below (a valid body, the query keys a GET reads) only makes the fuzzing deeper; a route
 * without it still gets the generic inputs. Requests go in-process through the real handlers, the
 * real auth library (session cookies) and the real database, as the most privileged relevant caller
 * so they get past authorization to the parsing: the interview's owner for /api/interviews/**, an
 * admin for /api/admin/**, an assigned coach for /api/coach/**.
 *
 * There are no server actions to fuzz: `grep -r '"use server"'` finds none in app/, components/ or
 * lib/ (the test "has no server actions" fails if one appears, so it gets added here).
 *
 * Not fuzzed here: `app/api/auth/[...all]` is the auth library's own router; its sign-up and
 * sign-in endpoints get malformed bodies in a block of their own. A GET with a body cannot be built
 * (fetch's Request refuses one), so GETs get garbage query strings instead.
 *
 * Randomness is seeded per route (mulberry32), so a failure reproduces with the same inputs.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authFor } from "@/lib/auth/server";
import type { SessionUser } from "@/lib/auth/session";
import type { Database } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";
import { endInterview, saveBoard, startInterview, submitCandidateMessage } from "@/lib/interview/service";
import { addComment, createShare, hashInviteToken } from "@/lib/review";
import { requestReport, runReport } from "@/lib/scoring/pipeline";
import { createTestDatabase, type TestDatabase } from "../support/db";
import {
  bodyIgnoredCases,
  createRng,
  databaseFingerprint,
  deepArrayText,
  deepObjectText,
  discoverRoutes,
  fieldBodyCases,
  fillPattern,
  genericBodyCases,
  queryCases,
  RawJson,
  installFingerprint,
  toJsonText,
  UNICODE_EDGE_CASES,
  type BodyCase,
  type ParamValue,
  type Rng,
  type RouteFile,
} from "../support/fuzz";
import { interviewDepsFor, seedContent, testClock } from "../support/interview";
import { boardElements, boardScene } from "../support/scenes";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HOST = "app.fuzz.test";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, ParamValue>> }) => Promise<Response>;

const ROUTES = discoverRoutes(path.join(ROOT, "app/api"));
const MODULES = new Map<string, Record<string, unknown>>(
  await Promise.all(ROUTES.map(async (r) => [r.file, (await import(r.file)) as Record<string, unknown>] as const)),
);
/** The auth library's own router: fuzzed lightly on its own below, not as one of ours. */
const isAuthLibrary = (route: RouteFile) => route.pattern.startsWith("/api/auth/");
const AUTH_KEY = "POST /api/auth/{sign-up,sign-in}/email";

// ---------------------------------------------------------------------------------------------
// The database, the callers and the rows the URLs name

type UserKey = "owner" | "coach" | "admin" | "guestCoach" | "spareCoach" | "target";
const ROLES: Record<UserKey, Role> = {
  owner: "CANDIDATE",
  coach: "COACH",
  admin: "ADMIN",
  guestCoach: "COACH",
  spareCoach: "COACH",
  target: "CANDIDATE",
};

let db: TestDatabase;
const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };
const users = {} as Record<UserKey, SessionUser & { cookie: string }>;
const fx = {
  activeId: "",
  endedId: "",
  spareAssignmentId: "",
  commentId: "",
  inviteToken: "",
  revocableShareId: "",
  promptYaml: "",
};

async function signUp(key: UserKey) {
  const auth = await authFor(db);
  const email = `${key.toLowerCase()}@fuzz.test`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password: "fuzz-password-42", name: key },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  users[key] = { id: response.user.id, email, name: key, role: ROLES[key], local: false, cookie };
}

async function newActiveInterview(): Promise<string> {
  const deps = interviewDepsFor(db, testClock(new Date()));
  const { id } = await startInterview(deps, users.owner.id, {
    promptSlug: "design-chatgpt",
    frameworkSlug: "seven-step",
    durationMinutes: 45,
    level: "senior",
    mode: "coach",
    model: "offline",
  });
  await submitCandidateMessage(deps, users.owner.id, id, { clientId: crypto.randomUUID(), content: "Hello there" });
  await saveBoard(deps, users.owner.id, id, boardScene(["Client", "Gateway", "LLM"]));
  return id;
}

async function ensureAssignment(coachId: string, candidateId: string): Promise<string> {
  const existing = await db.prisma.coachAssignment.findFirst({ where: { coachId, candidateId } });
  return (existing ?? (await db.prisma.coachAssignment.create({ data: { coachId, candidateId } }))).id;
}

const elementAnchor = () => ({
  v: 1 as const,
  kind: "element" as const,
  elementId: "box-0",
  label: "Client",
  snapshotSeq: 1,
});

/**
 * Puts back what an accepted fuzz request may have used up, so every route's fuzzing starts from the
 * same fixtures: an active interview, the assignments, a comment, unused invites, open reviews,
 * nothing archived, and the callers' roles and unlimited rate limits.
 */
async function restoreFixtures() {
  const p = db.prisma;
  for (const key of Object.keys(ROLES) as UserKey[]) {
    await p.user.update({
      where: { id: users[key].id },
      data: { role: ROLES[key], requestsPerMinute: 0, monthlyTokenQuota: 0 },
    });
  }
  // (An empty id is a fixture not made yet; Postgres refuses "" as a uuid.)
  const active = fx.activeId
    ? await p.interview.findUnique({ where: { id: fx.activeId }, select: { status: true } })
    : null;
  if (active?.status !== "ACTIVE") fx.activeId = await newActiveInterview();
  await ensureAssignment(users.coach.id, users.owner.id);
  fx.spareAssignmentId = await ensureAssignment(users.spareCoach.id, users.target.id);
  if (!fx.commentId || !(await p.reviewComment.findUnique({ where: { id: fx.commentId } }))) {
    const comment = await addComment(p, users.coach, fx.endedId, { body: "Why a gateway?", anchor: elementAnchor() });
    fx.commentId = comment.id;
  }
  const invite = await p.interviewShare.findUnique({ where: { tokenHash: hashInviteToken(fx.inviteToken) } });
  if (!invite || invite.acceptedAt) fx.inviteToken = (await createShare(p, users.owner, fx.endedId)).token;
  if (!fx.revocableShareId || !(await p.interviewShare.findUnique({ where: { id: fx.revocableShareId } }))) {
    fx.revocableShareId = (await createShare(p, users.owner, fx.endedId)).id;
  }
  await p.review.updateMany({ where: { status: "COMPLETE" }, data: { status: "IN_PROGRESS", completedAt: null } });
  const unarchive = { where: { archived: true }, data: { archived: false } };
  await p.prompt.updateMany(unarchive);
  await p.framework.updateMany(unarchive);
  await p.rubric.updateMany(unarchive);
  await p.followUpBank.updateMany(unarchive);
}

beforeAll(async () => {
  db = await createTestDatabase();
  holder.__tradeoffDb = Promise.resolve(db); // the handlers reach the database through the process singleton
  await seedContent(db);
  for (const key of Object.keys(ROLES) as UserKey[]) await signUp(key);
  fx.promptYaml = readFileSync(path.join(ROOT, "content/prompts/design-chatgpt.yaml"), "utf8");

  const deps = interviewDepsFor(db, testClock(new Date()));
  fx.endedId = await newActiveInterview();
  await endInterview(deps, users.owner.id, fx.endedId);
  const reportId = await requestReport(db.prisma, fx.endedId);
  await runReport({ prisma: db.prisma, now: () => new Date(), judgeChain: () => null }, reportId);
  expect(await db.prisma.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ status: "COMPLETE" });
  await restoreFixtures();
  await installFingerprint(db.sql);
});

afterAll(async () => {
  holder.__tradeoffDb = undefined;
  await db?.destroy();
  const total = [...requestCounts.values()].reduce((a, b) => a + b, 0);
  const statuses = [...statusCounts.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  const routeMethods = [...requestCounts.keys()].filter((key) => key !== AUTH_KEY).length;
  console.info(
    `[fuzz] ${routeMethods} methods of ${ROUTES.filter((r) => !isAuthLibrary(r)).length} route files` +
      `${requestCounts.has(AUTH_KEY) ? " and the auth library's sign-up and sign-in" : ""}: ` +
      `${total} requests; statuses ${statuses.join(" ")}`,
  );
});

// ---------------------------------------------------------------------------------------------
// What each route is called with

/** Who calls the route: the most privileged caller it is meant for, so requests reach the parsing. */
function callerFor(pattern: string): UserKey {
  if (pattern.startsWith("/api/interviews")) return "owner";
  if (pattern.startsWith("/api/coach/")) return "coach";
  if (pattern.startsWith("/api/invites/")) return "guestCoach";
  return "admin";
}

/** Routes that need a session: an anonymous request must be refused. */
const needsSession = (pattern: string) => /^\/api\/(interviews|coach|admin|invites)(\/|$)/.test(pattern);

/** Ended-interview actions come first for these; the rest act on the active interview first. */
const ENDED_FIRST = /\/(share|report|report\.md|export)$/;

/** Real values for a dynamic segment, the first one being the most useful to fuzz with. */
function validValues(pattern: string, segment: { name: string; catchAll: boolean }): string[] {
  switch (segment.name) {
    case "id":
      if (pattern.startsWith("/api/interviews/"))
        return ENDED_FIRST.test(pattern) ? [fx.endedId, fx.activeId] : [fx.activeId, fx.endedId];
      if (pattern.startsWith("/api/coach/interviews/")) return [fx.endedId, fx.activeId];
      if (pattern.startsWith("/api/admin/users/")) return [users.target.id];
      if (pattern.startsWith("/api/admin/assignments/")) return [fx.spareAssignmentId];
      return [fx.endedId];
    case "token":
      return [fx.inviteToken];
    case "kind":
      return ["prompts", "frameworks"];
    case "slug":
      return ["design-chatgpt"];
    case "dimension":
      return ["estimation"];
    case "commentId":
      return [fx.commentId];
    default:
      return segment.catchAll ? ["x"] : [fx.endedId];
  }
}

const toParam = (segment: { catchAll: boolean }, value: string): ParamValue => (segment.catchAll ? [value] : value);

/** The all-valid parameter sets: the first values, then each further value of one segment. */
function validParamSets(route: RouteFile): Array<Record<string, ParamValue>> {
  const first = Object.fromEntries(
    route.segments.map((s) => [s.name, toParam(s, validValues(route.pattern, s)[0]!)] as const),
  );
  const sets = [first];
  for (const s of route.segments) {
    for (const value of validValues(route.pattern, s).slice(1)) sets.push({ ...first, [s.name]: toParam(s, value) });
  }
  return sets;
}

const INVALID_SEGMENTS = [
  "garbage",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "x".repeat(10_240),
  "00000000-0000-4000-8000-000000000000",
  "",
  "-1",
  "1e999",
  "' OR '1'='1",
  UNICODE_EDGE_CASES.rtlOverride!,
  UNICODE_EDGE_CASES.nul!,
  UNICODE_EDGE_CASES.loneHighSurrogate!,
  UNICODE_EDGE_CASES.emojiZwj!,
];

/** Each segment in turn replaced by every invalid value (and one random one), the others valid. */
function invalidParamSets(route: RouteFile, rng: Rng): Array<{ name: string; params: Record<string, ParamValue> }> {
  const [valid] = validParamSets(route);
  const sets: Array<{ name: string; params: Record<string, ParamValue> }> = [];
  for (const s of route.segments) {
    const realId = validValues(route.pattern, s)[0]!;
    const values = [...INVALID_SEGMENTS, rng.text(12), realId.toUpperCase(), `${realId}/x`, ` ${realId}`];
    for (const value of values) {
      sets.push({
        name: `[${s.name}] = ${JSON.stringify(value.slice(0, 40))}`,
        params: { ...valid, [s.name]: toParam(s, value) },
      });
    }
    if (s.catchAll)
      sets.push({ name: `[...${s.name}] traversal`, params: { ...valid, [s.name]: ["..", "..", "etc", "passwd"] } });
  }
  return sets;
}

/** Replaced in every request body by a number not used before (for idempotency keys). */
const FRESH = "__FRESH__";
let freshCount = 0;
const freshen = (body: BodyCase["body"]) =>
  typeof body === "string" && body.includes(FRESH)
    ? body.replaceAll(FRESH, () => String(++freshCount).padStart(6, "0"))
    : body;

/** A valid body for the routes that read one: the fuzzed variations start from it. */
const BODIES: Record<string, () => Record<string, unknown>> = {
  "POST /api/interviews": () => ({
    promptSlug: "design-chatgpt",
    frameworkSlug: "seven-step",
    durationMinutes: 45,
    level: "senior",
    mode: "coach",
    model: "offline",
  }),
  // A fresh clientId per request (see FRESH): a repeated one is answered idempotently without reading the rest.
  "POST /api/interviews/[id]/messages": () => ({
    clientId: `fuzz-${FRESH}`,
    content: "What QPS should I plan for?",
  }),
  "PUT /api/interviews/[id]/board": () => JSON.parse(boardScene(["Client", "Gateway"])) as Record<string, unknown>,
  "DELETE /api/interviews/[id]/share": () => ({ shareId: fx.revocableShareId }),
  "POST /api/coach/interviews/[id]/overrides": () => ({
    dimension: "estimation",
    level: 2,
    reason: "The numbers were never checked against the fact sheet.",
  }),
  "POST /api/coach/interviews/[id]/comments": () => ({ body: "Why is the gateway stateful?", anchor: elementAnchor() }),
  "POST /api/coach/interviews/[id]/complete": () => ({ summary: "Solid estimation, thin on evaluation." }),
  "POST /api/admin/assignments": () => ({ coachId: users.spareCoach.id, candidateId: users.target.id }),
  "PATCH /api/admin/users/[id]": () => ({ role: "CANDIDATE", monthlyTokenQuota: 0, requestsPerMinute: 0 }),
  "POST /api/admin/content/[kind]": () => ({ text: fx.promptYaml, basedOn: null }),
  "POST /api/admin/content/[kind]/[slug]": () => ({ text: fx.promptYaml, basedOn: 1 }),
  "POST /api/admin/content/[kind]/[slug]/archive": () => ({ archived: false }),
  "POST /api/admin/content/check": () => ({ kind: "prompts", slug: "design-chatgpt", text: fx.promptYaml, basedOn: 1 }),
  "POST /api/admin/content/import": () => ({
    source: "files",
    files: [{ path: "prompts/design-chatgpt.yaml", text: fx.promptYaml }],
  }),
  "POST /api/setup": () => ({
    token: "not-the-setup-token",
    name: "Fuzz",
    email: "setup@fuzz.test",
    password: "correct-horse-battery-staple",
  }),
};

/** The query keys a GET reads: each gets garbage values. */
const QUERY_KEYS: Record<string, string[]> = {
  "/api/coach/queue": ["status", "prompt", "verdict", "from", "to", "page", "pageSize"],
  "/api/coach/calibration": ["rubric", "model"],
  "/api/admin/usage": ["days", "from", "to"],
  "/api/admin/content/[kind]/[slug]": ["version"],
  "/api/admin/content/export": ["archived"],
};

const MB = 1024 * 1024;

/** Hostile whiteboards for the board autosave (limits in lib/diagram/scene.ts and saveBoard). */
function boardCases(): BodyCase[] {
  const [box, label] = boardElements(["Client"]) as unknown as [Record<string, unknown>, Record<string, unknown>];
  const scene = (elements: unknown, extra: Record<string, unknown> = {}) =>
    toJsonText({ scene: { type: "excalidraw", version: 2, elements, ...extra } });
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...box, id: `e-${i}`, x: i * 10 }));
  return [
    { name: "5 001 elements", body: scene(many(5_001)) },
    { name: "element text of 1 MB", body: scene([box, { ...label, text: "x".repeat(MB), originalText: "x" }]) },
    { name: "element text at the limit", body: scene([box, { ...label, text: "é".repeat(2_000) }]) },
    { name: "coordinates 1e999", body: scene([{ ...box, x: new RawJson("1e999"), y: new RawJson("-1e999") }]) },
    { name: "width 1e308", body: scene([{ ...box, width: 1e308 }]) },
    { name: "angle 1e999", body: scene([{ ...box, angle: new RawJson("1e999") }]) },
    { name: "coordinates NaN", body: scene([box]).replace('"x":0', '"x":NaN'), malformed: true },
    {
      name: "arrow points 1e999",
      body: scene([
        {
          ...box,
          type: "arrow",
          points: [
            [0, 0],
            [new RawJson("1e999"), 1],
          ],
        },
      ]),
    },
    { name: "elements is an object", body: scene({ a: box }) },
    { name: "elements is a string", body: scene("elements") },
    { name: "elements is null", body: scene(null) },
    { name: "elements holds junk", body: scene([null, 1, "x", [], true]) },
    { name: "scene is null", body: '{"scene":null}' },
    { name: "bare elements array", body: JSON.stringify([box, label]) },
    { name: "bare {elements}", body: JSON.stringify({ elements: [box, label] }) },
    { name: "2.5 MB scene", body: scene([box], { appState: { blob: "x".repeat(2.5 * MB) } }) },
    {
      name: "2.5 MB of files",
      body: scene([box], { files: { f: { dataURL: `data:image/png;base64,${"A".repeat(2.5 * MB)}` } } }),
    },
    {
      name: "10 000-deep customData",
      body: scene([{ ...box, customData: { deep: new RawJson(deepArrayText(10_000)) } }]),
    },
    { name: "10 000-deep unknown field", body: scene([{ ...box, extra: new RawJson(deepObjectText(10_000)) }]) },
    { name: "10 000-deep appState", body: scene([box], { appState: { deep: new RawJson(deepArrayText(10_000)) } }) },
    { name: "NUL in element text", body: scene([box, { ...label, text: "a\u0000b", originalText: "\u0000" }]) },
    { name: "lone surrogate in element text", body: scene([box, { ...label, text: "x\ud800y" }]) },
    { name: "NUL in an unknown field", body: scene([{ ...box, note: "\u0000" }]) },
    { name: "NUL as a key", body: scene([{ ...box, "\u0000": 1 }]) },
    { name: "lone surrogate as a key", body: scene([box], { appState: { "\udc00": 1 } }) },
    { name: "NUL in an id", body: scene([{ ...box, id: "a\u0000" }]) },
    {
      name: "bidi, joiners and combining marks in labels",
      body: scene([
        box,
        { ...label, text: `${UNICODE_EDGE_CASES.rtlOverride}${UNICODE_EDGE_CASES.emojiZwj}${"e\u0301".repeat(900)}` },
      ]),
    },
    { name: "duplicate element ids", body: scene([box, box, label, label]) },
    { name: "element contains itself", body: scene([{ ...label, containerId: label.id, frameId: label.id }]) },
    {
      name: "two texts contain each other",
      body: scene([
        { ...label, id: "a", containerId: "b", boundElements: [{ id: "b", type: "text" }] },
        { ...label, id: "b", containerId: "a", boundElements: [{ id: "a", type: "text" }] },
      ]),
    },
    {
      name: "arrow bound to missing elements",
      body: scene([
        {
          ...box,
          type: "arrow",
          points: [
            [0, 0],
            [10, 10],
          ],
          startBinding: { elementId: "nope" },
          endBinding: { elementId: "box-0" },
        },
      ]),
    },
    { name: "65 nested groups", body: scene([{ ...box, groupIds: Array.from({ length: 65 }, (_, i) => `g${i}`) }]) },
    { name: "64 nested groups", body: scene([{ ...box, groupIds: Array.from({ length: 64 }, (_, i) => `g${i}`) }]) },
  ];
}

const SPECIAL_BODIES: Record<string, () => BodyCase[]> = {
  "PUT /api/interviews/[id]/board": boardCases,
};

// ---------------------------------------------------------------------------------------------
// Sending requests and checking the answers

const requestCounts = new Map<string, number>();
const statusCounts = new Map<number, number>();

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function diffFingerprints(before: Record<string, string>, after: Record<string, string>): string {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`)
    .join("; ");
}

const sameFingerprint = (a: Record<string, string>, b: Record<string, string>) => diffFingerprints(a, b) === "";

/**
 * After an accepted write: waits until background work it started (a report queued and scored when
 * an interview ends or is rescored) is done: no report pending, every ended interview has a report,
 * and nothing changes for a while.
 */
async function settle(): Promise<Record<string, string>> {
  let previous = await databaseFingerprint(db.sql);
  let stable = 0;
  for (let i = 0; i < 500 && stable < 2; i++) {
    await sleep(10);
    const [busy] = await db.sql.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM reports WHERE status = 'PENDING')
            + (SELECT count(*) FROM interviews i WHERE status = 'ENDED'
                AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.interview_id = i.id)) AS n`,
    );
    const current = await databaseFingerprint(db.sql);
    stable = Number(busy!.n) === 0 && sameFingerprint(previous, current) ? stable + 1 : 0;
    previous = current;
  }
  if (stable < 2) throw new Error("the database never settled after an accepted request");
  return previous;
}

interface Probe {
  label: string;
  method: Method;
  url: string;
  caller: UserKey | null;
  params: Record<string, ParamValue>;
  body?: BodyCase;
  /** A 2xx would be wrong: the input can never be acceptable here. */
  mustRefuse?: boolean;
  /** The auth library answers errors as `{message, code}` rather than `{error: {message}}`. */
  authLibrary?: boolean;
}

/** Fuzzes one route method: sends probes, checks each answer and the database, and collects every failure. */
class Fuzzer {
  readonly failures: string[] = [];
  private fingerprint: Record<string, string> = {};
  count = 0;

  constructor(
    private readonly handler: Handler,
    private readonly key: string,
  ) {}

  async start() {
    this.fingerprint = await databaseFingerprint(db.sql);
  }

  /** Sends one request; returns its status (0 when the handler threw). */
  async send(probe: Probe): Promise<number> {
    const headers = new Headers({ host: new URL(probe.url).host, "content-type": "application/json" });
    if (probe.caller) headers.set("cookie", users[probe.caller].cookie);
    for (const [name, value] of Object.entries(probe.body?.headers ?? {})) headers.set(name, value);
    const label = `${probe.method} ${probe.url.slice(0, 160)} as ${probe.caller ?? "anonymous"} — ${probe.label}`;
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    let status = 0;
    let text = "";
    try {
      const request = new Request(probe.url, {
        method: probe.method,
        headers,
        body: freshen(probe.body?.body) as BodyInit | undefined,
      });
      const response = await this.handler(request, { params: Promise.resolve(probe.params) });
      status = response.status;
      // Reading the whole body also waits for streamed replies (messages) to be stored.
      text = new TextDecoder().decode(await response.arrayBuffer());
    } catch (error) {
      this.failures.push(`${label}: the handler threw instead of answering: ${describeValue(error)}`);
    } finally {
      spy.mockRestore();
    }
    this.count += 1;
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);

    const after = await databaseFingerprint(db.sql);
    if (status >= 400 && status < 500) {
      const problem = errorShapeProblem(text, probe.authLibrary === true);
      if (problem) this.failures.push(`${label}: ${status} ${problem}: ${text.slice(0, 200)}`);
      if (!sameFingerprint(this.fingerprint, after)) {
        this.failures.push(
          `${label}: refused with ${status} but changed the database: ${diffFingerprints(this.fingerprint, after)}`,
        );
      }
      this.fingerprint = after;
    } else if (status >= 200 && status < 300) {
      if (probe.mustRefuse) this.failures.push(`${label}: accepted (${status}) an input that can never be valid`);
      this.fingerprint = probe.method === "GET" ? after : await settle();
    } else {
      const logs = logged.map((args) => args.map(describeValue).join(" ")).join("\n");
      if (status !== 0) {
        this.failures.push(
          `${label}: answered ${status}: ${text.slice(0, 300)}${logs ? `\nserver log:\n${logs}` : ""}`,
        );
      }
      this.fingerprint = await settle();
    }
    return status;
  }

  finish() {
    requestCounts.set(this.key, this.count);
    // One line per failure; a long list is cut, so the report stays readable.
    const shown = this.failures.slice(0, 40);
    if (this.failures.length > shown.length) shown.push(`… and ${this.failures.length - shown.length} more`);
    expect(shown, `${this.count} requests`).toEqual([]);
  }
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Why a 4xx body is not the promised `{error: {message}}` (or the auth library's `{message}`), or null. */
function errorShapeProblem(text: string, authLibrary: boolean): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "has no JSON body";
  }
  const record = (json ?? {}) as { error?: { message?: unknown }; message?: unknown };
  const message = record.error?.message ?? (authLibrary ? record.message : undefined);
  return typeof message === "string" && message.trim() !== "" ? null : "has no error message";
}

const is2xx = (status: number) => status >= 200 && status < 300;
const urlFor = (route: RouteFile, params: Record<string, ParamValue>, query = "") =>
  `http://${HOST}${fillPattern(route.pattern, params)}${query}`;

async function fuzzRouteMethod(route: RouteFile, method: Method, handler: Handler) {
  await restoreFixtures();
  const key = `${method} ${route.pattern}`;
  const rng = createRng(fnv1a(key));
  const fuzzer = new Fuzzer(handler, key);
  await fuzzer.start();
  const caller = callerFor(route.pattern);
  const [primary, ...otherValid] = validParamSets(route) as [
    Record<string, ParamValue>,
    ...Array<Record<string, ParamValue>>,
  ];
  const send = (label: string, params: Record<string, ParamValue>, extra: Partial<Probe> = {}) =>
    fuzzer.send({ label, method, url: urlFor(route, params), caller, params, ...extra });

  const valid = BODIES[key]?.();
  const validCase: BodyCase = valid
    ? { name: "the valid body", body: JSON.stringify(valid) }
    : { name: "{}", body: "{}" };
  const broken: BodyCase = { name: "truncated JSON `{`", body: "{", malformed: true };

  if (method === "GET") {
    // No body on a GET (fetch refuses one): garbage query strings instead.
    await send("no query", primary);
    for (const query of queryCases(QUERY_KEYS[route.pattern] ?? [], rng)) {
      await fuzzer.send({
        label: `query ${query.slice(0, 80)}`,
        method,
        url: urlFor(route, primary, query),
        caller,
        params: primary,
      });
    }
    for (const params of otherValid) await send("another valid row", params);
  } else {
    let cases: BodyCase[];
    if (valid) {
      cases = [...genericBodyCases(rng), ...fieldBodyCases(valid, rng), ...(SPECIAL_BODIES[key]?.() ?? [])];
    } else {
      // A handler with no known body: if it accepts malformed JSON it ignores its body, and the
      // field-level variations would only repeat its success; it still gets junk, size and header cases.
      const ignoresBody = is2xx(await send("probe: truncated JSON", primary, { body: broken }));
      cases = ignoresBody
        ? bodyIgnoredCases(rng)
        : [...genericBodyCases(rng), ...fieldBodyCases({}, rng, { randomCount: 0 })];
    }
    for (const body of cases) {
      await send(body.name, primary, { body, mustRefuse: valid !== undefined && body.malformed === true });
    }
    for (const params of otherValid) {
      for (const body of [validCase, broken, ...rng.sample(cases, 4)])
        await send(`another valid row, ${body.name}`, params, { body });
    }
  }

  const invalid = invalidParamSets(route, rng);
  for (const [i, { name, params }] of invalid.entries()) {
    const bodies = method === "GET" ? [undefined] : i % 5 === 0 ? [validCase, broken] : [validCase];
    for (const body of bodies) await send(`${name}${body ? `, ${body.name}` : ""}`, params, { body });
  }

  for (const body of method === "GET" ? [undefined] : [validCase, broken]) {
    await fuzzer.send({
      label: `signed out${body ? `, ${body.name}` : ""}`,
      method,
      url: urlFor(route, primary),
      caller: null,
      params: primary,
      body,
      mustRefuse: needsSession(route.pattern),
    });
  }
  fuzzer.finish();
}

// ---------------------------------------------------------------------------------------------
// The tests

const polluted = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototype = polluted();

describe("fuzz: every route handler", () => {
  it("discovers the route handlers, each exporting at least one HTTP method", () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    for (const route of ROUTES) {
      const methods = METHODS.filter((m) => typeof MODULES.get(route.file)?.[m] === "function");
      expect(methods, route.pattern).not.toEqual([]);
    }
  });

  it("the database fingerprint sees every insert, update (even to the same value) and delete", async () => {
    const steps = [
      () => db.prisma.appSetting.create({ data: { key: "fuzz-probe", value: "1" } }),
      () => db.prisma.appSetting.update({ where: { key: "fuzz-probe" }, data: { value: "1" } }),
      () => db.prisma.user.update({ where: { id: users.target.id }, data: { name: users.target.name } }),
      () => db.prisma.appSetting.delete({ where: { key: "fuzz-probe" } }),
      () => db.prisma.coachAssignment.delete({ where: { id: fx.spareAssignmentId } }),
    ];
    let previous = await databaseFingerprint(db.sql);
    for (const [i, step] of steps.entries()) {
      await step();
      const current = await databaseFingerprint(db.sql);
      expect(sameFingerprint(previous, current), `step ${i}`).toBe(false);
      previous = current;
    }
    const rolledBack = db.prisma.$transaction(async (tx) => {
      await tx.appSetting.create({ data: { key: "fuzz-rolled-back", value: "1" } });
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    expect(sameFingerprint(previous, await databaseFingerprint(db.sql)), "a rolled-back write").toBe(true);
  });

  it("has no server actions (they would need fuzzing here too)", () => {
    const found: string[] = [];
    for (const dir of ["app", "components", "lib"]) {
      for (const entry of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })) {
        if (!/\.(ts|tsx)$/.test(entry) || entry.includes("generated")) continue;
        const text = readFileSync(path.join(ROOT, dir, entry), "utf8");
        if (/^\s*["']use server["']/m.test(text)) found.push(`${dir}/${entry}`);
      }
    }
    expect(found).toEqual([]);
  });

  for (const route of ROUTES.filter((r) => !isAuthLibrary(r))) {
    for (const method of METHODS) {
      const handler = MODULES.get(route.file)?.[method];
      if (typeof handler !== "function") continue;
      it(`${method} ${route.pattern}`, async () => {
        await fuzzRouteMethod(route, method, handler as Handler);
        expect(polluted(), "Object.prototype was polluted").toEqual(cleanPrototype);
      });
    }
  }

  it("the auth library's sign-up and sign-in answer malformed bodies with a 4xx", async () => {
    const authRoute = ROUTES.find(isAuthLibrary);
    expect(authRoute, "app/api/auth/[...all]/route.ts").toBeDefined();
    const handler = MODULES.get(authRoute!.file)!.POST as Handler;
    const rng = createRng(fnv1a("auth"));
    const fuzzer = new Fuzzer(handler, AUTH_KEY);
    await fuzzer.start();
    const endpoints = {
      "sign-up/email": { email: "new-user@fuzz.test", password: "fuzz-password-42", name: "New" },
      "sign-in/email": { email: users.owner.email, password: "fuzz-password-42" },
    };
    for (const [endpoint, valid] of Object.entries(endpoints)) {
      const generic = genericBodyCases(rng).filter((c) => c.name !== "20 MB body");
      const fields = rng.sample(fieldBodyCases(valid, rng), 30);
      for (const body of [...generic, ...fields]) {
        await fuzzer.send({
          label: body.name,
          method: "POST",
          // The auth library only answers for its configured hosts (loopback in tests).
          url: `http://localhost:3000/api/auth/${endpoint}`,
          caller: null,
          params: { all: endpoint.split("/") },
          body,
          authLibrary: true,
        });
      }
    }
    fuzzer.finish();
    // Whatever the body said, sign-up never made anyone an admin.
    const admins = await db.prisma.user.findMany({ where: { role: "ADMIN" }, select: { email: true } });
    expect(admins.map((a) => a.email)).toEqual([users.admin.email]);
    expect(polluted(), "Object.prototype was polluted").toEqual(cleanPrototype);
  });
});
