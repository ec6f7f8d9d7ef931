/**
 * Every interview route × every kind of caller × owner, through the real route handlers, the real
 * auth library (session cookies) and the real database: callers who may not see an interview get
 * 404 (401 when signed out), callers who may see but not act get 403, and a refused request never
 * returns the interview's data and never changes the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor } from "@/lib/auth/server";
import type { Database } from "@/lib/db";
import { endInterview, saveBoard, startInterview, submitCandidateMessage } from "@/lib/interview/service";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { interviewDepsFor, seedContent, testClock } from "../support/interview";
import { boardScene } from "../support/scenes";

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
let endedId: string;
let activeId: string;

const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };

async function signUp(email: string, role: "CANDIDATE" | "COACH" | "ADMIN") {
  const auth = await authFor(db);
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password: "matrix-password-42", name: email.split("@")[0]! },
    returnHeaders: true,
  });
  await db.prisma.user.update({ where: { id: response.user.id }, data: { role } });
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { id: response.user.id, cookie };
}

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
  await db.prisma.coachAssignment.create({ data: { coachId: assigned.id, candidateId: owner.id } });

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
