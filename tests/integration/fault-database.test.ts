/**
 * Fault test (issue 7): the database goes away for a few seconds in the middle of an interview.
 *
 * A TCP proxy sits between the app's connection pool and Postgres; taking it down drops every open
 * connection and refuses new ones, as a Postgres restart or a network blip would. While it is down,
 * the service throws DatabaseUnavailableError and every route answers 503 with a message, fast. A
 * write cut in the middle of its transaction (before its INSERT reaches the server, or after its
 * COMMIT did but before the answer came back) is all or nothing, and the browser's retry with the
 * same clientId stores the message exactly once. When the proxy comes back, the same Database
 * object (the same pg pool) serves requests again and the interview continues; the transcript has
 * no gaps, no duplicates and no orphan rows.
 *
 * Only meaningful on Postgres: the embedded database runs inside the process and cannot go away.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authFor } from "@/lib/auth/server";
import type { Database } from "@/lib/db";
import { openDatabase } from "@/lib/db/connection";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { getEnv, parseEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http";
import { createInterviewDeps } from "@/lib/interview/deps";
import { getRoomState, saveBoard, submitCandidateMessage, type InterviewDeps } from "@/lib/interview/service";
import { llmConfigFromEnv } from "@/lib/llm";
import { dropSchema, usingPostgres, type TestDatabase } from "../support/db";
import { seedContent } from "../support/interview";
import { boardScene } from "../support/scenes";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

/** How long the database stays away in an outage. */
const OUTAGE_MS = 3_000;
/** How long it stays away after a cut at an exact point of a transaction (the point is the cut, not the wait). */
const CUT_OUTAGE_MS = 1_000;
/** A request must fail within this while the database is away (pg's connect timeout is 5 s; refused is instant). */
const FAIL_FAST_MS = 6_000;

const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };
type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!usingPostgres)(
  "database unavailable for a few seconds (Postgres only: the embedded database cannot go away)",
  () => {
    let proxy: TcpProxy;
    let db: Database;
    let schema: string;
    let deps: InterviewDeps;
    let ownerId: string;
    let cookie: string;
    let interviewId: string;

    beforeAll(async () => {
      // better-auth logs every failed session lookup with a stack trace; here they are the point.
      const consoleError = console.error.bind(console);
      vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
        const line = args.map(String).join(" ");
        if (!(line.includes("[Better Auth]") && line.includes("INTERNAL_SERVER_ERROR"))) consoleError(...args);
      });
      const direct = new URL(getEnv().DATABASE_URL!);
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
      const proxied = new URL(direct);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxy.port);
      schema = `test_dbfault_${crypto.randomUUID().slice(0, 8)}`;
      db = await openDatabase({ kind: "postgres", url: proxied.toString(), schema });
      await applyMigrations(db.sql, await readMigrations());
      await seedContent(db as TestDatabase);
      // The route handlers reach the database through the process singleton: point it at this one.
      holder.__tradeoffDb = Promise.resolve(db);
      const auth = await authFor(db);
      const { headers, response } = await auth.api.signUpEmail({
        body: { email: "candidate@dbfault.test", password: "db-fault-password-42", name: "Candidate" },
        returnHeaders: true,
      });
      ownerId = response.user.id;
      cookie = headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      // The service as the routes wire it, on this database: the offline interviewer, no model keys.
      deps = createInterviewDeps({ prisma: db.prisma, llm: llmConfigFromEnv(parseEnv({})) });
    });

    // A test that fails while the database is away must not leave it away for the next one.
    afterEach(() => proxy?.up());

    afterAll(async () => {
      vi.restoreAllMocks();
      holder.__tradeoffDb = undefined;
      await proxy?.up();
      await db?.close();
      await proxy?.close();
      if (schema) await dropSchema(getEnv().DATABASE_URL!, schema);
    });

    const request = (method: string, path: string, body?: unknown) =>
      new Request(`http://app.dbfault.test${path}`, {
        method,
        headers: { host: "app.dbfault.test", cookie, "content-type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
    const route = async (load: () => Promise<Record<string, unknown>>, method: string) =>
      (await load())[method] as Handler;
    const call = async (load: () => Promise<Record<string, unknown>>, method: string, path: string, body?: unknown) => {
      const handler = await route(load, method);
      return handler(request(method, path, body), { params: Promise.resolve({ id: interviewId }) });
    };
    const routes = {
      start: () => import("@/app/api/interviews/route"),
      room: () => import("@/app/api/interviews/[id]/route"),
      messages: () => import("@/app/api/interviews/[id]/messages/route"),
      board: () => import("@/app/api/interviews/[id]/board/route"),
      tick: () => import("@/app/api/interviews/[id]/tick/route"),
      health: () => import("@/app/api/health/route"),
    };

    /** Posts a candidate message through the route and reads the whole event stream. */
    async function postMessage(clientId: string, content: string) {
      const response = await call(routes.messages, "POST", `/api/interviews/${interviewId}/messages`, {
        clientId,
        content,
      });
      const text = await response.text();
      const events =
        response.status === 200
          ? text
              .split("\n\n")
              .filter((frame) => frame.startsWith("data: "))
              .map((frame) => JSON.parse(frame.slice(6)) as { type: string; message?: { status: string } })
          : [];
      return { status: response.status, text, events };
    }

    /** The transcript's invariants: seq 1..n without gaps, clientIds unique, at most one live reply per message. */
    async function expectConsistent() {
      const messages = await db.prisma.message.findMany({ where: { interviewId }, orderBy: { seq: "asc" } });
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      const clientIds = messages.flatMap((m) => (m.clientId ? [m.clientId] : []));
      expect(new Set(clientIds).size).toBe(clientIds.length);
      for (const candidate of messages.filter((m) => m.role === "CANDIDATE")) {
        const live = messages.filter((m) => m.replyToSeq === candidate.seq && m.status !== "FAILED");
        expect(live.length, `live replies to #${candidate.seq}`).toBeLessThanOrEqual(1);
      }
      const snapshots = await db.prisma.diagramSnapshot.findMany({ where: { interviewId }, orderBy: { seq: "asc" } });
      expect(snapshots.map((s) => s.seq)).toEqual(snapshots.map((_, i) => i + 1));
      const curveballs = await db.prisma.curveballEvent.findMany({ where: { interviewId } });
      const ids = new Set(messages.map((m) => m.id));
      expect(curveballs.filter((c) => c.messageId !== null && !ids.has(c.messageId))).toEqual([]);
      return messages;
    }

    async function expectUnavailable(response: Response, what: string) {
      const body = await response.text();
      expect(response.status, `${what}: ${body}`).toBe(503);
      expect(JSON.parse(body), what).toEqual({
        error: { code: "database_unavailable", message: expect.stringMatching(/database is unavailable/i) },
      });
    }

    it("an interview runs through the proxy", async () => {
      const response = await (
        await route(routes.start, "POST")
      )(
        request("POST", "/api/interviews", {
          promptSlug: "design-chatgpt",
          frameworkSlug: "nine-step",
          durationMinutes: 45,
          level: "senior",
          mode: "interview",
          model: "offline",
        }),
        { params: Promise.resolve({ id: "" }) },
      );
      expect(response.status, await response.clone().text()).toBe(201);
      interviewId = ((await response.json()) as { id: string }).id;
      const turn = await postMessage("db-fault-before-1", "How many users do we expect?");
      expect(turn.status).toBe(200);
      expect(turn.events.at(-1)).toMatchObject({ type: "reply-done", message: { status: "complete" } });
      expect(
        (await call(routes.board, "PUT", `/api/interviews/${interviewId}/board`, boardScene(["Client"]))).status,
      ).toBe(200);
      expect(proxy.accepted).toBeGreaterThan(0);
    });

    it("while it is away, the service throws DatabaseUnavailableError and every route answers 503 with a message, fast", async () => {
      const before = await expectConsistent();
      const connections = proxy.accepted;
      await proxy.down();
      const downAt = Date.now();

      const timed = async <T>(what: string, run: () => Promise<T>) => {
        const started = Date.now();
        const result = await run();
        expect(Date.now() - started, `${what} took too long`).toBeLessThan(FAIL_FAST_MS);
        return result;
      };

      // The service: the error class the edge maps, whatever the driver said.
      const submitted = await timed("submit", () =>
        submitCandidateMessage(deps, ownerId, interviewId, {
          clientId: "db-fault-down-1",
          content: "Still there?",
        }).then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(submitted).toBeInstanceOf(DatabaseUnavailableError);
      const mapped = errorResponse(submitted);
      await expectUnavailable(mapped, "errorResponse(submit error)");
      const read = await getRoomState(deps, ownerId, interviewId).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(DatabaseUnavailableError);
      const board = await saveBoard(deps, ownerId, interviewId, boardScene(["Client", "Gateway"])).catch(
        (e: unknown) => e,
      );
      expect(board).toBeInstanceOf(DatabaseUnavailableError);

      // The routes the room calls: a 503 that says what is wrong, never a 500 or a 401.
      await expectUnavailable(
        await timed("POST messages", () =>
          call(routes.messages, "POST", `/api/interviews/${interviewId}/messages`, {
            clientId: "db-fault-down-2",
            content: "Hello?",
          }),
        ),
        "POST messages",
      );
      await expectUnavailable(
        await timed("GET room", () => call(routes.room, "GET", `/api/interviews/${interviewId}`)),
        "GET room",
      );
      await expectUnavailable(
        await timed("PUT board", () =>
          call(routes.board, "PUT", `/api/interviews/${interviewId}/board`, boardScene(["Client", "Gateway"])),
        ),
        "PUT board",
      );
      await expectUnavailable(
        await timed("POST tick", () => call(routes.tick, "POST", `/api/interviews/${interviewId}/tick`)),
        "POST tick",
      );
      const health = await timed("GET health", async () =>
        (await route(routes.health, "GET"))(request("GET", "/api/health"), { params: Promise.resolve({ id: "" }) }),
      );
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "degraded", database: { status: "unavailable" } });

      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
      await proxy.up();

      // Back: the same Database object (its pool reconnects); nothing of the refused requests was stored.
      const after = await expectConsistent();
      expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
      const room = await call(routes.room, "GET", `/api/interviews/${interviewId}`);
      expect(room.status).toBe(200);
      expect(proxy.accepted, "the pool opened new connections in place of the dropped ones").toBeGreaterThan(
        connections,
      );
      const turn = await postMessage("db-fault-down-1", "Still there?");
      expect(turn.events[0]).toMatchObject({ type: "candidate", duplicate: false });
      expect(turn.events.at(-1)).toMatchObject({ type: "reply-done", message: { status: "complete" } });
    });

    it("a write cut inside its transaction is all or nothing, and the retry with the same clientId stores it once", async () => {
      const inserts = (table: string) => (data: Buffer) => data.includes("INSERT INTO") && data.includes(`"${table}"`);
      const commit = (data: Buffer) => data.includes("COMMIT");

      // 1. The INSERT never reaches the server: the transaction is rolled back with the connection.
      const before = (await expectConsistent()).length;
      let cut = proxy.downWhen(inserts("messages"));
      const lost = await submitCandidateMessage(deps, ownerId, interviewId, {
        clientId: "db-fault-cut-insert",
        content: "What is the p95 latency target?",
      }).catch((e: unknown) => e);
      await cut;
      expect(lost).toBeInstanceOf(DatabaseUnavailableError);
      await sleep(CUT_OUTAGE_MS);
      await proxy.up();
      expect(await db.prisma.message.count({ where: { interviewId, clientId: "db-fault-cut-insert" } })).toBe(0);
      expect((await expectConsistent()).length).toBe(before);
      const retried = await submitCandidateMessage(deps, ownerId, interviewId, {
        clientId: "db-fault-cut-insert",
        content: "What is the p95 latency target?",
      });
      expect(retried.duplicate).toBe(false);
      expect(retried.message.seq).toBe(before + 1);

      // 2. The COMMIT reaches the server but its answer never comes back: stored, though the caller
      //    saw an error; the browser's retry finds it instead of storing it twice.
      cut = proxy.downWhen(commit, { deliver: true });
      const unacknowledged = await submitCandidateMessage(deps, ownerId, interviewId, {
        clientId: "db-fault-cut-commit",
        content: "And the throughput target?",
      }).catch((e: unknown) => e);
      await cut;
      expect(unacknowledged).toBeInstanceOf(DatabaseUnavailableError);
      await sleep(CUT_OUTAGE_MS);
      await proxy.up();
      const again = await submitCandidateMessage(deps, ownerId, interviewId, {
        clientId: "db-fault-cut-commit",
        content: "And the throughput target?",
      });
      expect(again.duplicate).toBe(true);
      expect(await db.prisma.message.count({ where: { interviewId, clientId: "db-fault-cut-commit" } })).toBe(1);

      // 3. A board save cut before its snapshot is written: no snapshot, and the next save takes the next seq.
      const snapshots = await db.prisma.diagramSnapshot.count({ where: { interviewId } });
      cut = proxy.downWhen(inserts("diagram_snapshots"));
      const unsaved = await saveBoard(deps, ownerId, interviewId, boardScene(["Client", "Gateway", "LLM"])).catch(
        (e: unknown) => e,
      );
      await cut;
      expect(unsaved).toBeInstanceOf(DatabaseUnavailableError);
      await sleep(CUT_OUTAGE_MS);
      await proxy.up();
      expect(await db.prisma.diagramSnapshot.count({ where: { interviewId } })).toBe(snapshots);
      expect(await saveBoard(deps, ownerId, interviewId, boardScene(["Client", "Gateway", "LLM"]))).toMatchObject({
        seq: snapshots + 1,
        changed: true,
      });
      await expectConsistent();
    });

    it("a reply streaming when the database goes away: the browser is told, and asking again gets a reply once it is back", async () => {
      // The room's POST: the message is acknowledged, the reply starts streaming, then the database goes.
      const content = "Let me walk through the request path from the client to the model servers.";
      const response = await call(routes.messages, "POST", `/api/interviews/${interviewId}/messages`, {
        clientId: "db-fault-streaming",
        content,
      });
      expect(response.status).toBe(200);
      const events: { type: string; message?: unknown }[] = [];
      let wentDown: Promise<void> | null = null;
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = JSON.parse(buffer.slice("data: ".length, end)) as { type: string };
          buffer = buffer.slice(end + 2);
          events.push(event);
          if (event.type === "delta" && wentDown === null) wentDown = proxy.down();
        }
      }
      await wentDown;
      expect(events[0]).toMatchObject({
        type: "candidate",
        duplicate: false,
        message: { clientId: "db-fault-streaming" },
      });
      expect(events.map((e) => e.type)).toContain("delta");
      // A clear error to the browser (the room shows the message as sent and offers to ask again).
      expect(events.at(-1)).toEqual({ type: "error", message: expect.stringMatching(/could not reply.*saved/i) });
      await sleep(OUTAGE_MS);
      await proxy.up();

      // Back: the message is there, and asking again (the room re-sends the same clientId) gets it one
      // complete reply. Polled for a few seconds, in case the server finishes the interrupted reply's
      // bookkeeping in the background once the database is back.
      const seq = (await db.prisma.message.findFirstOrThrow({ where: { interviewId, clientId: "db-fault-streaming" } }))
        .seq;
      let turn = await postMessage("db-fault-streaming", content);
      for (const deadline = Date.now() + 8_000; Date.now() < deadline;) {
        if ((turn.events.at(-1)?.message as { status?: string } | undefined)?.status === "complete") break;
        await sleep(1_000); // within the room's rate limit (30 requests a minute)
        turn = await postMessage("db-fault-streaming", content);
      }
      expect(turn.events[0]).toMatchObject({ type: "candidate", duplicate: true });
      const replies = await db.prisma.message.findMany({ where: { interviewId, replyToSeq: seq } });
      expect(
        replies.map((r) => [r.status, r.content.length > 0]),
        "the interrupted reply must not stay STREAMING after the database is back; asking again must give a complete reply",
      ).toEqual(expect.arrayContaining([["COMPLETE", true]]));
      expect(replies.filter((r) => r.status === "STREAMING")).toEqual([]);
      expect(turn.events.at(-1), turn.text).toMatchObject({ type: "reply-done", message: { status: "complete" } });
      await expectConsistent();
    });

    it("recovers on the same pool: the interview continues and the health check is green", async () => {
      const turn = await postMessage("db-fault-after-1", "Let's talk about caching.");
      expect(turn.events.at(-1)).toMatchObject({ type: "reply-done", message: { status: "complete" } });
      const health = await (
        await route(routes.health, "GET")
      )(request("GET", "/api/health"), {
        params: Promise.resolve({ id: "" }),
      });
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok", kind: "postgres" } });
      const room = (await (await call(routes.room, "GET", `/api/interviews/${interviewId}`)).json()) as Awaited<
        ReturnType<typeof getRoomState>
      >;
      const clientIds = room.messages.filter((m) => m.role === "candidate").map((m) => m.clientId);
      expect(clientIds).toEqual([
        "db-fault-before-1",
        "db-fault-down-1",
        "db-fault-cut-insert",
        "db-fault-cut-commit",
        "db-fault-streaming",
        "db-fault-after-1",
      ]);
      await expectConsistent();
    });
  },
);
