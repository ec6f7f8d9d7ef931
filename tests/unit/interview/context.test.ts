import { describe, expect, it } from "vitest";
import { buildInterviewerContext, deriveNonce, planTurn, type InterviewState } from "@/lib/interview";
import { NO_NEW_MESSAGE_LINE, OPENING_USER_LINE, fenceClose } from "@/prompts/interviewer.v1";
import { boardOf, makeState, minutes, promptNamed, transcript } from "./helpers";

const NONCE = "TestNonce42";
const context = (state: InterviewState, options: Parameters<typeof buildInterviewerContext>[2] = { nonce: NONCE }) =>
  buildInterviewerContext(state, planTurn(state), options);

describe("buildInterviewerContext messages", () => {
  const messages = transcript(
    ["interviewer", 0, "Welcome."],
    ["candidate", 1, "How many users?"],
    ["candidate", 1.2, "And the latency target?"],
    ["interviewer", 2, "20M daily users; first token under 500 ms."],
    ["system", 35, "About 10 minutes left — let's make sure we get to trade-offs and failure modes.", "nudge"],
    ["candidate", 36, "Failure modes: the GPU pool saturates."],
  );

  it("alternates roles, starting and ending with the candidate", () => {
    const chat = context(makeState({ elapsedSeconds: minutes(36.5), messages })).messages;
    expect(chat.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(chat[0]!.content).toBe(OPENING_USER_LINE);
    // two candidate turns in a row become one user message, each still fenced
    expect(chat[2]!.content.split(fenceClose(NONCE))).toHaveLength(3);
    // the interviewer's answer and the time nudge are both the interviewer's side
    expect(chat[3]!.content).toContain("20M daily users");
    expect(chat[3]!.content).toContain("About 10 minutes left");
  });

  it("keeps only the most recent turns", () => {
    const chat = context(makeState({ elapsedSeconds: minutes(36.5), messages }), {
      nonce: NONCE,
      recentTurns: 2,
    }).messages;
    expect(chat.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(chat[1]!.content).toMatch(/^About 10 minutes left/);
  });

  it("adds a user line when the interviewer spoke last", () => {
    const chat = context(makeState({ elapsedSeconds: minutes(45), messages: messages.slice(0, 4) })).messages;
    expect(chat.at(-1)).toEqual({ role: "user", content: NO_NEW_MESSAGE_LINE });
  });

  it("cuts down a huge newest message so the budget holds", () => {
    const huge = transcript(["interviewer", 0, "Welcome."], ["candidate", 5, "word ".repeat(20_000)]);
    const result = context(makeState({ elapsedSeconds: minutes(6), messages: huge }));
    expect(result.estimatedTokens).toBeLessThanOrEqual(6000);
    expect(result.messages.at(-1)!.content.endsWith(fenceClose(NONCE))).toBe(true);
  });
});

describe("buildInterviewerContext directive and notes", () => {
  const chatgpt = promptNamed("design-chatgpt");

  it("tells the model to answer with exactly the facts asked", () => {
    const result = context(
      makeState({
        elapsedSeconds: 90,
        messages: transcript(["interviewer", 0, "Welcome."], ["candidate", 1.4, "How many users do we expect?"]),
      }),
    );
    expect(result.dynamicSystem).toContain("Answer using exactly these facts");
    expect(result.dynamicSystem).toContain("About 20M daily active users");
    expect(result.dynamicSystem).toContain("Facts already given: users.");
  });

  it("tells the model to deliver a curveball in its own words and answer a pending question first", () => {
    const state = makeState({
      elapsedSeconds: minutes(20),
      messages: transcript(["interviewer", 0, "Welcome."], ["candidate", 19.5, "How many users again?"]),
    });
    const result = context(state);
    const announcement = chatgpt.curveballs[0]!.announcement.replace(/\s+/g, " ").trim();
    expect(result.dynamicSystem).toContain(
      "Deliver this constraint change in your own words, then ask how the design changes",
    );
    expect(result.dynamicSystem).toContain(announcement);
    expect(result.dynamicSystem).toContain("First answer their clarifying question briefly");
  });

  it("points a component question at the new node by its board id", () => {
    const state = makeState({
      elapsedSeconds: minutes(14),
      messages: transcript(["interviewer", 0, "Welcome."], ["candidate", 13.5, "Adding retrieval."]),
      diagram: { current: boardOf("Client", "Vector DB"), atLastInterviewerTurn: boardOf("Client"), snapshotSeq: 2 },
    });
    const result = context(state);
    expect(result.dynamicSystem).toContain('ask this about the new component n2 ("it" is that component)');
    expect(result.dynamicSystem).toContain("CHANGES since your last message: Added: Vector DB (n2).");
  });

  it("reports time and phase", () => {
    const result = context(
      makeState({ elapsedSeconds: minutes(12.5), messages: transcript(["candidate", 12, "Ok."]) }),
    );
    expect(result.dynamicSystem).toContain("Time: 12:30 elapsed, 32:30 left of 45:00.");
    expect(result.dynamicSystem).toContain("Phase 3 of 7: Data collection and preparation");
  });

  it("tells the model to close when time is up", () => {
    const result = context(
      makeState({ elapsedSeconds: minutes(45), messages: transcript(["candidate", 44, "Done."]) }),
    );
    expect(result.dynamicSystem).toContain("Time is up.");
  });
});

describe("fence id", () => {
  it("is derived deterministically and stays the same for every turn of one interview", () => {
    const first = makeState({ messages: transcript(["interviewer", 0, "Welcome."]) });
    const later = makeState({
      elapsedSeconds: 900,
      messages: transcript(["interviewer", 0, "Welcome."], ["candidate", 10, "Hi"]),
    });
    expect(deriveNonce(first)).toBe(deriveNonce(later));
    expect(deriveNonce(first)).toMatch(/^[a-z0-9]{8,}$/);
    expect(deriveNonce(makeState({ prompt: promptNamed("enterprise-search"), messages: first.messages }))).not.toBe(
      deriveNonce(first),
    );
    expect(context(later, {}).dynamicSystem).toContain(`Fence id for untrusted data: ${deriveNonce(later)}`);
  });

  it("uses the caller's nonce when given one", () => {
    expect(context(makeState(), { nonce: "abcdef123456" }).dynamicSystem).toContain("⟦untrusted abcdef123456 diagram⟧");
  });
});
