import { describe, expect, it } from "vitest";
import { DIAGRAM_CHECK_LABELS, diagramChecks } from "@/lib/scoring/diagram-checks";
import { graph, type BoardSpec } from "./helpers";

const checkOf = (spec: BoardSpec, key: string) => {
  const found = diagramChecks(graph(spec)).checks.find((c) => c.key === key);
  if (!found) throw new Error(`no check ${key}`);
  return found;
};

const PIPELINE: BoardSpec = {
  nodes: [
    ["n1", "Browser"],
    ["n2", "API gateway"],
    ["n3", "Orchestrator"],
    ["n4", "LLM (GPT-4o)"],
  ],
  edges: [
    ["n1", "n2"],
    ["n2", "n3"],
    ["n3", "n4"],
  ],
};

describe("diagram checks", () => {
  it("reports every check as failed when nothing was drawn", () => {
    const diagram = diagramChecks(null);
    expect(diagram.nodeCount).toBe(0);
    expect(diagram.checks.map((c) => c.key)).toEqual(Object.keys(DIAGRAM_CHECK_LABELS));
    expect(diagram.checks.every((c) => !c.passed && c.detail === "No diagram was drawn.")).toBe(true);
  });

  it("counts labelled components", () => {
    expect(checkOf(PIPELINE, "components")).toMatchObject({ passed: true, nodeIds: ["n1", "n2", "n3", "n4"] });
    const sparse = checkOf(
      {
        nodes: [
          ["n1", "LLM"],
          ["n2", ""],
          ["n3", "DB"],
        ],
      },
      "components",
    );
    expect(sparse.passed).toBe(false);
    expect(sparse.detail).toBe("3 components on the board (2 labelled); at least 4 labelled components make a design.");
  });

  describe("request path", () => {
    it("follows arrows from the client to the model and names the path", () => {
      const path = checkOf(PIPELINE, "request-path");
      expect(path.passed).toBe(true);
      expect(path.nodeIds).toEqual(["n1", "n2", "n3", "n4"]);
      expect(path.detail).toBe(
        "A request can be followed: Browser (n1) → API gateway (n2) → Orchestrator (n3) → LLM (GPT-4o) (n4).",
      );
    });

    it("fails when the arrows only point back towards the client, but says they are connected", () => {
      const reversed = checkOf(
        {
          ...PIPELINE,
          edges: [
            ["n2", "n1"],
            ["n3", "n2"],
            ["n4", "n3"],
          ],
        },
        "request-path",
      );
      expect(reversed.passed).toBe(false);
      expect(reversed.detail).toMatch(/connected .* but not by arrows pointing from the client towards the model/);
      expect(reversed.nodeIds).toEqual(["n1", "n2", "n3", "n4"]);
    });

    it("treats plain lines and two-way arrows as going both ways", () => {
      const lines = checkOf(
        {
          ...PIPELINE,
          edges: [
            ["n2", "n1", "--"],
            ["n3", "n2", "<->"],
            ["n3", "n4"],
          ],
        },
        "request-path",
      );
      expect(lines.passed).toBe(true);
    });

    it("does not take a user database for the client, and takes a model behind a zone", () => {
      const board: BoardSpec = {
        nodes: [
          ["n1", "User DB"],
          ["n2", "Mobile app"],
          ["n3", "Gateway"],
          ["n4", "vLLM cluster"],
        ],
        edges: [
          ["n1", "n4"],
          ["n2", "n3"],
          ["n3", "z1"],
        ],
        zones: [["z1", "Private subnet", ["n4"]]],
      };
      const path = checkOf(board, "request-path");
      expect(path.passed).toBe(true);
      expect(path.nodeIds).toEqual(["n2", "n3", "z1", "n4"]);
    });

    it("falls back to a model gateway when no other model box is drawn", () => {
      const path = checkOf(
        {
          nodes: [
            ["n1", "Client"],
            ["n2", "LLM gateway"],
          ],
          edges: [["n1", "n2"]],
        },
        "request-path",
      );
      expect(path.passed).toBe(true);
    });

    it("explains what is missing", () => {
      expect(
        checkOf(
          {
            nodes: [
              ["n1", "Database"],
              ["n2", "LLM"],
            ],
          },
          "request-path",
        ).detail,
      ).toMatch(/no user or client/);
      expect(
        checkOf(
          {
            nodes: [
              ["n1", "Users"],
              ["n2", "Postgres"],
            ],
          },
          "request-path",
        ).detail,
      ).toMatch(/no model or LLM/);
      expect(
        checkOf(
          {
            nodes: [
              ["n1", "Users"],
              ["n2", "LLM"],
            ],
          },
          "request-path",
        ).detail,
      ).toMatch(/No chain of arrows/);
    });
  });

  describe("guardrails", () => {
    const withGuards = (edges: BoardSpec["edges"], extra: BoardSpec["nodes"] = []): BoardSpec => ({
      nodes: [...PIPELINE.nodes, ["n5", "Input moderation"], ["n6", "PII redaction"], ...extra],
      edges: [["n1", "n2"], ["n2", "n3"], ...(edges ?? [])],
    });

    it("sees a guardrail before the model and one after it", () => {
      const check = checkOf(
        withGuards([
          ["n3", "n5"],
          ["n5", "n4"],
          ["n4", "n6"],
          ["n6", "n1"],
        ]),
        "guardrails",
      );
      expect(check.passed).toBe(true);
      expect(check.detail).toContain("Input moderation (n5) before the model");
      expect(check.detail).toContain("PII redaction (n6) after it");
      expect(check.nodeIds).toEqual(["n5", "n6"]);
    });

    it("accepts a guardrail the orchestrator calls beside the request path", () => {
      const check = checkOf(
        withGuards([
          ["n3", "n4"],
          ["n3", "n5"],
        ]),
        "guardrails",
      );
      expect(check.passed).toBe(true);
      expect(check.detail).toMatch(/attached to the request path: Input moderation \(n5\)/);
    });

    it("fails a guardrail floating unconnected, and a board with none", () => {
      const floating = checkOf(withGuards([["n3", "n4"]]), "guardrails");
      expect(floating.passed).toBe(false);
      expect(floating.detail).toMatch(/drawn .* but not connected/);
      expect(checkOf(PIPELINE, "guardrails").detail).toBe(
        "No guardrail, moderation, PII or safety filter on the board.",
      );
    });
  });

  it("finds a cache, observability and retrieval by synonyms", () => {
    const board: BoardSpec = {
      nodes: [...PIPELINE.nodes, ["n5", "Redis"], ["n6", "Prometheus + Grafana"], ["n7", "pgvector index"]],
      edges: PIPELINE.edges,
    };
    expect(checkOf(board, "cache")).toMatchObject({ passed: true, nodeIds: ["n5"] });
    expect(checkOf(board, "observability")).toMatchObject({ passed: true, nodeIds: ["n6"] });
    expect(checkOf(board, "retrieval")).toMatchObject({ passed: true, nodeIds: ["n7"] });
    expect(checkOf(PIPELINE, "cache").passed).toBe(false);
    expect(checkOf(PIPELINE, "observability").passed).toBe(false);
    expect(checkOf(PIPELINE, "retrieval").passed).toBe(false);
  });

  it("reports arrows attached to nothing", () => {
    const dangling = checkOf(
      { ...PIPELINE, edges: [...(PIPELINE.edges ?? []), ["n4", null], [null, "n2"]] },
      "arrows-connected",
    );
    expect(dangling.passed).toBe(false);
    expect(dangling.detail).toBe("2 of 5 arrows have an end attached to nothing.");
    expect(dangling.nodeIds).toEqual(["e4", "e5"]);
    expect(checkOf(PIPELINE, "arrows-connected")).toMatchObject({
      passed: true,
      detail: "All 3 arrows connect components.",
    });
  });
});
