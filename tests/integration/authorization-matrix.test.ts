/**
 * Every interview route × every kind of caller × owner, through the real route handlers, the real
 * auth library (session cookies) and the real database: callers who may not see an interview get
 * 404 (401 when signed out), callers who may see but not act get 403, and a refused request never
 * returns the interview's data and never changes the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { endInterview, saveBoard, startInterview, submitCandidateMessage } from "@/lib/interview/service";
import { requestReport, runReport } from "@/lib/scoring/pipeline";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { interviewDepsFor, seedContent, testClock } from "../support/interview";
import { boardScene } from "../support/scenes";
import { signUpWithCookie } from "../support/users";

type Actor = "anonymous" | "owner" | "otherCandidate" | "assignedCoach" | "sharedCoach" | "unassignedCoach" | "admin";
const ACTORS: Actor[] = [
  "anonymous",
  "owner",
  "otherCandidate",
  "assignedCoach",
  "sharedCoach",
  "unassignedCoach",
  "admin",
];

const CANARY = "CANARY-7f3a the candidate's private answer";

let db: TestDatabase;
const cookies = new Map<Actor, string>();
const ids = new Map<Actor, string>();
let assignmentId: string;
let endedId: string;
let activeId: string;

const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };

const signUp = (email: string, role: "CANDIDATE" | "COACH" | "ADMIN") =>
  signUpWithCookie(db, email, role, "matrix-password-42");

beforeAll(async () => {
  db = await createTestDatabase();
  // The route handlers reach the database through the process singleton: point it at this test's.
  holder.__tradeoffDb = Promise.resolve(db);
  await seedContent(db);
  const owner = await signUp("owner@matrix.test", "CANDIDATE");
  const other = await signUp("other@matrix.test", "CANDIDATE");
  const assigned = await signUp("coach@matrix.test", "COACH");
  const shared = await signUp("shared@matrix.test", "COACH");
  const unassigned = await signUp("stranger@matrix.test", "COACH");
  const admin = await signUp("admin@matrix.test", "ADMIN");
  cookies.set("owner", owner.cookie);
  cookies.set("otherCandidate", other.cookie);
  cookies.set("assignedCoach", assigned.cookie);
  cookies.set("sharedCoach", shared.cookie);
  cookies.set("unassignedCoach", unassigned.cookie);
  cookies.set("admin", admin.cookie);
  for (const [actor, row] of [
    ["owner", owner],
    ["otherCandidate", other],
    ["assignedCoach", assigned],
    ["sharedCoach", shared],
    ["unassignedCoach", unassigned],
    ["admin", admin],
  ] as const)
    ids.set(actor, row.id);
  assignmentId = (await db.prisma.coachAssignment.create({ data: { coachId: assigned.id, candidateId: owner.id } })).id;

  const clock = testClock(new Date());
  const deps = interviewDepsFor(db, clock);
  const start = () =>
    startInterview(deps, owner.id, {
      promptSlug: "design-chatgpt",
      frameworkSlug: "seven-step",
      durationMinutes: 45,
      level: "senior",
      mode: "coach",
      model: "offline",
    });
  endedId = (await start()).id;
  await submitCandidateMessage(deps, owner.id, endedId, { clientId: crypto.randomUUID(), content: CANARY });
  await saveBoard(deps, owner.id, endedId, boardScene(["Client", "Gateway", "LLM"]));
  await endInterview(deps, owner.id, endedId);
  const reportId = await requestReport(db.prisma, endedId);
  await runReport({ prisma: db.prisma, now: () => new Date(), judgeChain: () => null }, reportId);
  activeId = (await start()).id;
  await submitCandidateMessage(deps, owner.id, activeId, { clientId: crypto.randomUUID(), content: CANARY });
  await db.prisma.interviewShare.create({
    data: {
      interviewId: endedId,
      createdById: owner.id,
      tokenHash: "matrix-share",
      expiresAt: new Date(Date.now() + 86_400_000),
      coachId: shared.id,
      acceptedAt: new Date(),
    },
  });
});

afterAll(async () => {
  holder.__tradeoffDb = undefined;
  await db?.destroy();
});

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
interface RouteCase {
  name: string;
  load: () => Promise<Record<string, unknown>>;
  method: "GET" | "POST" | "PUT" | "DELETE";
  interview: () => string;
  body?: () => unknown;
  /** Who may do this (2xx); the rest get 401 (signed out), 403 (may see, may not act) or 404. */
  allowed: Actor[];
  /** Who may see the interview but not do this: 403. */
  forbidden: Actor[];
}

const viewers: Actor[] = ["owner", "assignedCoach", "admin"];
const sharedViewers: Actor[] = [...viewers, "sharedCoach"];

const ROUTES: RouteCase[] = [
  {
    name: "GET /api/interviews/:id",
    load: () => import("@/app/api/interviews/[id]/route"),
    method: "GET",
    interview: () => activeId,
    allowed: viewers,
    forbidden: [],
  },
  {
    name: "GET /api/interviews/:id (shared)",
    load: () => import("@/app/api/interviews/[id]/route"),
    method: "GET",
    interview: () => endedId,
    allowed: sharedViewers,
    forbidden: [],
  },
  {
    name: "GET report",
    load: () => import("@/app/api/interviews/[id]/report/route"),
    method: "GET",
    interview: () => endedId,
    allowed: sharedViewers,
    forbidden: [],
  },
  {
    name: "GET export",
    load: () => import("@/app/api/interviews/[id]/export/route"),
    method: "GET",
    interview: () => endedId,
    allowed: sharedViewers,
    forbidden: [],
  },
  {
    name: "POST tick",
    load: () => import("@/app/api/interviews/[id]/tick/route"),
    method: "POST",
    interview: () => activeId,
    allowed: ["owner"],
    forbidden: ["assignedCoach", "admin"],
  },
  {
    name: "POST hint",
    load: () => import("@/app/api/interviews/[id]/hint/route"),
    method: "POST",
    interview: () => activeId,
    allowed: ["owner"],
    forbidden: ["assignedCoach", "admin"],
  },
  {
    name: "PUT board",
    load: () => import("@/app/api/interviews/[id]/board/route"),
    method: "PUT",
    interview: () => activeId,
    body: () => JSON.parse(boardScene(["Client", "Gateway"])) as unknown,
    allowed: ["owner"],
    forbidden: ["assignedCoach", "admin"],
  },
  {
    name: "POST messages",
    load: () => import("@/app/api/interviews/[id]/messages/route"),
    method: "POST",
    interview: () => activeId,
    body: () => ({ clientId: crypto.randomUUID(), content: "What QPS should I plan for?" }),
    allowed: ["owner"],
    forbidden: ["assignedCoach", "admin"],
  },
  {
    name: "POST report (rescore)",
    load: () => import("@/app/api/interviews/[id]/report/route"),
    method: "POST",
    interview: () => endedId,
    allowed: ["owner"],
    forbidden: ["assignedCoach", "sharedCoach", "admin"],
  },
  {
    name: "POST end",
    load: () => import("@/app/api/interviews/[id]/end/route"),
    method: "POST",
    interview: () => activeId,
    allowed: ["owner"],
    forbidden: ["assignedCoach", "admin"],
  },
];

function request(actor: Actor, method: string, id: string, body?: unknown): Request {
  const headers = new Headers({ host: "app.matrix.test", "content-type": "application/json" });
  const cookie = cookies.get(actor);
  if (cookie) headers.set("cookie", cookie);
  return new Request(`http://app.matrix.test/api/interviews/${id}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function snapshotCounts() {
  const [messages, snapshots, reports, interviews] = await Promise.all([
    db.prisma.message.count(),
    db.prisma.diagramSnapshot.count(),
    db.prisma.report.count(),
    db.prisma.interview.count({ where: { status: "ENDED" } }),
  ]);
  return { messages, snapshots, reports, interviews };
}

describe("authorization matrix: interview routes × callers", () => {
  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      if (route.allowed.includes(actor)) continue; // the refusals are the point; successes are checked below
      const expected = actor === "anonymous" ? 401 : route.forbidden.includes(actor) ? 403 : 404;
      it(`${route.name} as ${actor} → ${expected}, no data, nothing written`, async () => {
        const handler = (await route.load())[route.method] as Handler;
        const before = await snapshotCounts();
        const response = await handler(request(actor, route.method, route.interview(), route.body?.()), {
          params: Promise.resolve({ id: route.interview() }),
        });
        const text = await response.text();
        expect(response.status, text).toBe(expected);
        expect(text).not.toContain("CANARY");
        expect(JSON.parse(text)).toMatchObject({ error: { message: expect.any(String) } });
        expect(await snapshotCounts()).toEqual(before);
      });
    }
  }

  it("the callers allowed to read get the data", async () => {
    for (const route of ROUTES.filter((r) => r.method === "GET")) {
      const handler = (await route.load()).GET as Handler;
      for (const actor of route.allowed) {
        const response = await handler(request(actor, "GET", route.interview()), {
          params: Promise.resolve({ id: route.interview() }),
        });
        expect(response.status, `${route.name} as ${actor}`).toBe(200);
        if (!route.name.startsWith("GET report")) expect(await response.text()).toContain("CANARY");
      }
    }
  });

  it("the owner can act in their own active interview", async () => {
    const tick = (await import("@/app/api/interviews/[id]/tick/route")).POST as Handler;
    const response = await tick(request("owner", "POST", activeId), { params: Promise.resolve({ id: activeId }) });
    expect(response.status).toBe(200);
  });

  it("an unknown or malformed id is a 404 for everyone", async () => {
    const handler = (await import("@/app/api/interviews/[id]/route")).GET as Handler;
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const response = await handler(request("admin", "GET", id), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });

  it("starting an interview needs a session; the owner is the session user and the body cannot name one", async () => {
    const { POST } = (await import("@/app/api/interviews/route")) as { POST: (r: Request) => Promise<Response> };
    const body = {
      promptSlug: "design-chatgpt",
      frameworkSlug: "seven-step",
      durationMinutes: 30,
      level: "mid",
      mode: "interview",
      model: "offline",
      ownerId: "00000000-0000-4000-8000-000000000000",
    };
    const anonymous = await POST(
      new Request("http://app.matrix.test/api/interviews", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { host: "app.matrix.test" },
      }),
    );
    expect(anonymous.status).toBe(401);
    const post = (payload: unknown) =>
      POST(
        new Request("http://app.matrix.test/api/interviews", {
          method: "POST",
          body: JSON.stringify(payload),
          headers: { host: "app.matrix.test", cookie: cookies.get("otherCandidate")! },
        }),
      );
    const named = await post(body);
    expect(named.status).toBe(400);
    expect(await named.text()).toMatch(/ownerId/);
    const withoutOwner = Object.fromEntries(Object.entries(body).filter(([key]) => key !== "ownerId"));
    const other = await post(withoutOwner);
    expect(other.status).toBe(201);
    const { id } = (await other.json()) as { id: string };
    const row = await db.prisma.interview.findUniqueOrThrow({ where: { id }, include: { owner: true } });
    expect(row.owner.email).toBe("other@matrix.test");
  });
});

/** Coach, admin and sharing routes: roles and relations decide, and a refusal changes nothing. */
describe("authorization matrix: coach, admin and sharing routes × callers", () => {
  type AnyHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  interface GatedRoute {
    name: string;
    load: () => Promise<Record<string, unknown>>;
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    params: () => Record<string, string>;
    body?: () => unknown;
    /** The status each refused caller gets; callers not listed are allowed (their successes are tested elsewhere). */
    refused: Partial<Record<Actor, 401 | 403 | 404>>;
  }
  const candidatesRefused = { anonymous: 401, owner: 403, otherCandidate: 403 } as const;
  const adminOnly = {
    anonymous: 401,
    owner: 403,
    otherCandidate: 403,
    assignedCoach: 403,
    sharedCoach: 403,
    unassignedCoach: 403,
  } as const;
  // Review actions on the owner's ended interview: its coaches and admins only; the owner may not review themself.
  const reviewRefused = { anonymous: 401, owner: 403, otherCandidate: 404, unassignedCoach: 404 } as const;
  const dimension = "estimation";
  const anchor = () => ({ v: 1, kind: "element", elementId: "el-client", snapshotSeq: 1 });

  const GATED: GatedRoute[] = [
    {
      name: "GET coach queue",
      load: () => import("@/app/api/coach/queue/route"),
      method: "GET",
      params: () => ({}),
      refused: candidatesRefused,
    },
    {
      name: "GET calibration",
      load: () => import("@/app/api/coach/calibration/route"),
      method: "GET",
      params: () => ({}),
      refused: candidatesRefused,
    },
    {
      name: "GET review",
      load: () => import("@/app/api/coach/interviews/[id]/review/route"),
      method: "GET",
      params: () => ({ id: endedId }),
      refused: reviewRefused,
    },
    {
      name: "POST override",
      load: () => import("@/app/api/coach/interviews/[id]/overrides/route"),
      method: "POST",
      params: () => ({ id: endedId }),
      body: () => ({ dimension, level: 1, reason: "The numbers were never checked against the fact sheet." }),
      refused: reviewRefused,
    },
    {
      name: "DELETE override",
      load: () => import("@/app/api/coach/interviews/[id]/overrides/[dimension]/route"),
      method: "DELETE",
      params: () => ({ id: endedId, dimension }),
      refused: reviewRefused,
    },
    {
      name: "POST comment",
      load: () => import("@/app/api/coach/interviews/[id]/comments/route"),
      method: "POST",
      params: () => ({ id: endedId }),
      body: () => ({ body: "Why is the gateway stateful?", anchor: anchor() }),
      refused: reviewRefused,
    },
    {
      name: "DELETE comment",
      load: () => import("@/app/api/coach/interviews/[id]/comments/[commentId]/route"),
      method: "DELETE",
      params: () => ({ id: endedId, commentId: "00000000-0000-4000-8000-000000000000" }),
      refused: reviewRefused,
    },
    {
      name: "POST complete review",
      load: () => import("@/app/api/coach/interviews/[id]/complete/route"),
      method: "POST",
      params: () => ({ id: endedId }),
      body: () => ({}),
      refused: reviewRefused,
    },
    {
      name: "POST reopen review",
      load: () => import("@/app/api/coach/interviews/[id]/reopen/route"),
      method: "POST",
      params: () => ({ id: endedId }),
      refused: reviewRefused,
    },
    {
      name: "POST share (invite a coach)",
      load: () => import("@/app/api/interviews/[id]/share/route"),
      method: "POST",
      params: () => ({ id: endedId }),
      refused: {
        anonymous: 401,
        otherCandidate: 404,
        unassignedCoach: 404,
        assignedCoach: 403,
        sharedCoach: 403,
        admin: 403,
      },
    },
    {
      name: "GET shares",
      load: () => import("@/app/api/interviews/[id]/share/route"),
      method: "GET",
      params: () => ({ id: endedId }),
      refused: {
        anonymous: 401,
        otherCandidate: 404,
        unassignedCoach: 404,
        assignedCoach: 403,
        sharedCoach: 403,
        admin: 403,
      },
    },
    {
      name: "GET admin users",
      load: () => import("@/app/api/admin/users/route"),
      method: "GET",
      params: () => ({}),
      refused: adminOnly,
    },
    {
      name: "PATCH admin user (promote self to admin)",
      load: () => import("@/app/api/admin/users/[id]/route"),
      method: "PATCH",
      params: () => ({ id: ids.get("otherCandidate")! }),
      body: () => ({ role: "ADMIN" }),
      refused: adminOnly,
    },
    {
      name: "GET admin usage",
      load: () => import("@/app/api/admin/usage/route"),
      method: "GET",
      params: () => ({}),
      refused: adminOnly,
    },
    {
      name: "GET admin assignments",
      load: () => import("@/app/api/admin/assignments/route"),
      method: "GET",
      params: () => ({}),
      refused: adminOnly,
    },
    {
      name: "POST admin assignment",
      load: () => import("@/app/api/admin/assignments/route"),
      method: "POST",
      params: () => ({}),
      body: () => ({ coachId: ids.get("unassignedCoach")!, candidateId: ids.get("owner")! }),
      refused: adminOnly,
    },
    {
      name: "DELETE admin assignment",
      load: () => import("@/app/api/admin/assignments/[id]/route"),
      method: "DELETE",
      params: () => ({ id: assignmentId }),
      refused: adminOnly,
    },
    {
      name: "GET admin content version",
      load: () => import("@/app/api/admin/content/[kind]/[slug]/route"),
      method: "GET",
      params: () => ({ kind: "prompts", slug: "design-chatgpt" }),
      refused: adminOnly,
    },
    {
      name: "POST admin content archive",
      load: () => import("@/app/api/admin/content/[kind]/[slug]/archive/route"),
      method: "POST",
      params: () => ({ kind: "prompts", slug: "design-chatgpt" }),
      body: () => ({ archived: true }),
      refused: adminOnly,
    },
    {
      name: "GET admin content export",
      load: () => import("@/app/api/admin/content/export/route"),
      method: "GET",
      params: () => ({}),
      refused: adminOnly,
    },
  ];

  async function stateCounts() {
    const p = db.prisma;
    const [reviews, overrides, comments, assignments, shares, audit, admins, archived] = await Promise.all([
      p.review.count(),
      p.coachOverride.count(),
      p.reviewComment.count(),
      p.coachAssignment.count(),
      p.interviewShare.count(),
      p.auditLog.count(),
      p.user.count({ where: { role: "ADMIN" } }),
      p.prompt.count({ where: { archived: true } }),
    ]);
    return { reviews, overrides, comments, assignments, shares, audit, admins, archived };
  }

  for (const route of GATED) {
    for (const [actor, expected] of Object.entries(route.refused) as Array<[Actor, number]>) {
      it(`${route.name} as ${actor} → ${expected}, nothing written`, async () => {
        const handler = (await route.load())[route.method] as AnyHandler;
        const before = await stateCounts();
        const headers = new Headers({ host: "app.matrix.test", "content-type": "application/json" });
        const cookie = cookies.get(actor);
        if (cookie) headers.set("cookie", cookie);
        const body = route.body?.();
        const response = await handler(
          new Request("http://app.matrix.test/api/x", {
            method: route.method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
          { params: Promise.resolve(route.params()) },
        );
        const text = await response.text();
        expect(response.status, text).toBe(expected);
        expect(text).not.toContain("CANARY");
        expect(await stateCounts()).toEqual(before);
      });
    }
  }

  it("a coach's queue lists only the interviews they may review", async () => {
    const { GET } = (await import("@/app/api/coach/queue/route")) as { GET: AnyHandler };
    const queueOf = async (actor: Actor) => {
      const response = await GET(
        new Request("http://app.matrix.test/api/coach/queue?status=all", {
          headers: { host: "app.matrix.test", cookie: cookies.get(actor)! },
        }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await queueOf("assignedCoach")).toContain(endedId);
    expect(await queueOf("sharedCoach")).toContain(endedId);
    expect(await queueOf("unassignedCoach")).not.toContain(endedId);
  });
});
