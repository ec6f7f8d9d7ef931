import { describe, expect, it } from "vitest";
import { buildLedger, factTopicsAskedIn } from "@/lib/interview";
import { boardOf, makeState, promptNamed, transcript } from "./helpers";

const chatgpt = promptNamed("design-chatgpt");
const asked = (text: string) => factTopicsAskedIn(chatgpt.factSheet, text);

describe("fact topics asked", () => {
  it("matches askedAs phrases case-insensitively", () => {
    expect(asked("How many USERS do we expect?")).toEqual(["users"]);
    expect(asked("What's the Time To First Token target?")).toEqual(["latency"]);
  });

  it("never matches inside another word", () => {
    // "cost" (budget), "memory" (context) and "delete" (retention) only as whole words
    expect(asked("Are the costly retries memoryless and undeleted?")).toEqual([]);
    expect(asked("What does it cost?")).toEqual(["budget"]);
  });

  it("tolerates plurals and hyphen/space variants", () => {
    expect(asked("Roughly how many GPUs, and what's the context-window?")).toEqual(["context", "budget"]);
  });

  it("only counts sentences that ask", () => {
    expect(asked("Latency matters a lot here. Users are global.")).toEqual([]);
    expect(asked("Users are global. What latency should I aim for?")).toEqual(["latency"]);
    expect(asked("I'd like to know the budget.")).toEqual(["budget"]);
    expect(asked("Could you share the retention rules")).toEqual(["retention"]);
  });

  it("prefers the longest phrase when phrases overlap", () => {
    // "tokens per second" is a latency phrase; "tokens" alone would be the token-count fact
    expect(asked("What tokens per second do we need?")).toEqual(["latency"]);
    expect(asked("How many tokens per request?")).toEqual(["tokens-per-request"]);
  });
});

describe("buildLedger", () => {
  const messages = transcript(
    ["interviewer", 0, "Welcome. What would you like to clarify?"],
    ["candidate", 1, "How many users are there? Also what is the latency target?"],
    ["interviewer", 2, "About 20M daily users. Time to first token under 500 ms."],
    ["candidate", 3, "Users will be global. I'd use a KV cache with paged attention."],
    ["interviewer", 4, "Given 4,000 GPUs, does this even fit? Walk me from users to nodes."],
    [
      "interviewer",
      5,
      "Let me ask about load: a viral moment sends three times normal traffic for an evening — what do users see and what protects the fleet?",
    ],
    ["interviewer", 6, "Let's talk about moderation and the KV cache."],
  );
  const ledger = buildLedger(
    makeState({
      messages,
      curveballsIssued: [{ key: "viral-launch", atSeconds: 1200 }],
      diagram: {
        current: boardOf("Client", "API Gateway", "", "API Gateway"),
        atLastInterviewerTurn: null,
        snapshotSeq: 1,
      },
    }),
  );

  it("lists the fact topics the candidate asked, in fact-sheet order", () => {
    expect(ledger.factsAsked).toEqual(["users", "latency"]);
  });

  it("counts a probe covered only when the candidate used one of its terms", () => {
    expect(ledger.probesCovered).toEqual(["kv-cache"]);
    // the interviewer saying "moderation" does not cover the safety probe
    expect(ledger.probesCovered).not.toContain("safety-layer");
  });

  it("counts a probe raised when an interviewer message asked its question, verbatim or nearly", () => {
    expect(ledger.probesRaised).toEqual(["fleet-estimate", "overload-and-failover"]);
  });

  it("lists curveballs issued and the board's component labels", () => {
    expect(ledger.curveballsIssued).toEqual(["viral-launch"]);
    expect(ledger.boardComponents).toEqual(["Client", "API Gateway"]);
  });
});

describe("loose two-word phrases", () => {
  it("find a two-word askedAs phrase with its words apart or swapped", () => {
    expect(asked("How long are conversations, and how much data is sensitive?")).toEqual([
      "context",
      "data-sensitivity",
    ]);
    expect(asked("What is the size of the prompt?")).toEqual(["tokens-per-request"]);
  });

  it("do not anchor on function words or reach across a long gap", () => {
    // "how many people" is three words; "tokens … length" are too far apart to be "message length"
    expect(asked("How many of these people, hmm?")).toEqual([]);
    expect(asked("Is the message that a very long reply carries a problem for its length?")).toEqual([]);
  });

  it("lose to an exact phrase that overlaps them", () => {
    expect(asked("What's the time to first token?")).toEqual(["latency"]);
  });
});
