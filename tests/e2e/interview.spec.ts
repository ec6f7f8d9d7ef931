import { expect, test } from "@playwright/test";
import { drawBoxes, firstNumber, interviewerMessages, promptFile, say, startInterview } from "./support/room";

// The e2e server runs interview time 30x faster (playwright.config.ts): a 30-minute interview lasts a minute.
const interviewers = [
  // The offline interview is scored by the offline scorer. The mock server does not answer as a judge
  // (it only follows interviewer directives), so that report must end INCOMPLETE, with a reason.
  { name: "the offline interviewer", interviewer: /Offline/, report: "complete" },
  { name: "a model over HTTP (mock Anthropic server)", interviewer: /Claude|anthropic/i, report: "incomplete" },
];

for (const { name, interviewer, report } of interviewers) {
  test(`a whole timed interview with ${name}`, async ({ page }) => {
    test.setTimeout(180_000);
    const pack = promptFile("design-chatgpt");
    const id = await startInterview(page, { slug: "design-chatgpt", minutes: 30, interviewer });
    await expect(interviewerMessages(page).first()).toContainText("clarify");

    // A clarifying question is answered with the fact sheet's number.
    const usersFact = pack.factSheet.find((f) => f.topic === "users")!.answer;
    const answer = await say(page, "How many users do we expect?");
    expect(answer).toContain(firstNumber(usersFact));

    // Draw the first components; the interviewer refers to them.
    await drawBoxes(page, ["API gateway", "Vector DB"]);
    const reaction = await say(page, "I've sketched the entry point and a retrieval store.");
    expect(reaction).toMatch(/Vector DB|API gateway/);

    // A reload restores the chat, the board and the clock.
    const messagesBefore = await page.locator("[data-role]").count();
    await page.reload();
    await expect(page.locator("canvas.interactive")).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("[data-role]")).toHaveCount(messagesBefore);
    const state = await (await page.request.get(`/api/interviews/${id}`)).json();
    expect(state.board.scene.elements.filter((e: { type: string }) => e.type === "rectangle")).toHaveLength(2);

    // Keep designing until the interviewer changes a constraint (scheduled by the server's clock).
    const curveball = page.locator('[data-kind="curveball"]');
    for (let turn = 0; turn < 20 && (await curveball.count()) === 0; turn++) {
      await say(page, `Requests go from the gateway to the model servers; let me add detail (${turn}).`);
      await page.waitForTimeout(1000);
    }
    await expect(curveball.first()).toBeVisible();
    await expect(curveball.first()).toContainText("Constraint change");

    // The time nudge arrives, then the deadline locks the room.
    await expect(page.locator('[data-kind="nudge"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("The interview has ended. The transcript and the board are saved.")).toBeVisible({
      timeout: 90_000,
    });
    await expect(page.getByLabel("Your message")).toBeDisabled();
    await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/Ended/);

    // The server refuses late messages whatever the browser does.
    const late = await page.request.post(`/api/interviews/${id}/messages`, {
      data: { clientId: "late-message-1", content: "one more thing" },
    });
    expect(late.status()).toBe(409);
    expect((await late.json()).error.message).toMatch(/interview has ended/);

    // The report is produced in the background and the room links to it.
    await page.getByRole("link", { name: "View report" }).click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${id}/report$`));
    if (report === "complete") {
      await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 30_000 });
      await expect(page.locator("[data-dimension]")).toHaveCount(11);
      // evidence jumps to the transcript message it quotes
      const quote = page.locator('[data-evidence="quote"]').first();
      await quote.click();
      await expect(page.locator("li[id^='m-'] mark").first()).toBeVisible();
      // the board is redrawn from what was drawn; board evidence (when a judgment cites the board)
      // highlights that component
      await expect(page.locator("#board [data-node]")).toHaveCount(2);
      const nodeEvidence = page.locator('[data-evidence="node"]');
      if ((await nodeEvidence.count()) > 0) {
        await nodeEvidence.first().click();
        await expect(page.locator("#board [data-node][data-highlighted]")).toHaveCount(1);
      }
    } else {
      await expect(page.getByText("This report is incomplete")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(/No score was made up/)).toBeVisible();
      await expect(page.getByRole("button", { name: "Retry scoring" })).toBeVisible();
      await expect(page.getByTestId("verdict")).toHaveCount(0);
    }
  });
}

test("bad input to the interview API gets a 4xx that says what was wrong", async ({ page, request }) => {
  const id = await startInterview(page, { slug: "enterprise-search", minutes: 45, interviewer: /Offline/ });
  const post = (path: string, data: unknown) => request.post(`/api/interviews/${id}${path}`, { data });

  const empty = await post("/messages", { clientId: "empty-message-1", content: "   " });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error.message).toMatch(/empty/);
  const huge = await post("/messages", { clientId: "huge-message-1", content: "x".repeat(20_000) });
  expect(huge.status()).toBe(400);
  expect((await huge.json()).error.message).toMatch(/longer than 8000/);

  const malformedScene = await request.put(`/api/interviews/${id}/board`, { data: { scene: { elements: "nope" } } });
  expect(malformedScene.status()).toBe(400);
  const hugeScene = await request.put(`/api/interviews/${id}/board`, {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ scene: { elements: [], pad: "x".repeat(10 * 1024 * 1024) } }),
  });
  expect(hugeScene.status()).toBe(413);

  const unknown = await request.get(`/api/interviews/00000000-0000-4000-8000-000000000000`);
  expect(unknown.status()).toBe(404);
  const notAnId = await request.get(`/api/interviews/not-an-id`);
  expect(notAnId.status()).toBe(404);

  const badModel = await request.post(`/api/interviews`, {
    data: {
      promptSlug: "enterprise-search",
      frameworkSlug: "nine-step",
      durationMinutes: 45,
      level: "senior",
      mode: "interview",
      model: "gpt-17",
    },
  });
  expect(badModel.status()).toBe(400);
  expect((await badModel.json()).error.message).toMatch(/Unknown model "gpt-17"/);
  // nothing was stored by the rejected requests
  const state = await (await request.get(`/api/interviews/${id}`)).json();
  expect(state.messages).toHaveLength(1);
  expect(state.board).toBeNull();
});
