import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { drawBoxes, say, startInterview } from "./support/room";

/**
 * Issue 6, end to end, with real accounts (no local mode: every page has a session cookie):
 * an admin creates a prompt with a curveball and assigns a candidate to a coach; the candidate runs an
 * interview on that prompt; the coach reviews it, overrides a dimension with a reason and comments on
 * a board element; the candidate sees both; the calibration page counts the pair.
 */
const run = Date.now().toString(36);
const candidate = { name: `Casey ${run}`, email: `casey-${run}@e2e.test`, password: "casey-practises-42" };
const coach = { name: `Cora ${run}`, email: `cora-${run}@e2e.test`, password: "cora-reviews-4242" };
const PROMPT_SLUG = "kitchen-voice-assistant";
const PROMPT_TITLE = "Design a hands-free cooking companion for smart kitchen displays";

async function newUserPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function signUp(page: Page, user: { name: string; email: string; password: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/practice/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(user.name);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/practice/);
}

test("accounts: a weak password and a duplicate email are refused with a reason", async ({ browser }) => {
  const page = await newUserPage(browser);
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Weak");
  await page.getByLabel("Email").fill(`weak-${run}@e2e.test`);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/common/);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  // The browser's own minLength check or the server's message: either way no account is made.
  await expect(page).toHaveURL(/\/sign-up/);

  const admin = await newUserPage(browser);
  await admin.goto("/sign-up");
  await admin.getByLabel("Name").fill("Dup");
  await admin.getByLabel("Email").fill(E2E_ADMIN.email);
  await admin.getByLabel("Password").fill("another-good-password-1");
  await admin.getByRole("button", { name: "Create account" }).click();
  await expect(admin.locator("form").getByRole("alert")).toContainText(/exist/i);
});

test("security: cross-site writes are refused, pages carry a CSP, the session cookie is HttpOnly", async ({
  browser,
}) => {
  const page = await newUserPage(browser);
  const response = await page.goto("/practice");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const forged = await page.request.post("/api/interviews", {
    headers: { origin: "https://evil.example" },
    data: {
      promptSlug: "design-chatgpt",
      frameworkSlug: "seven-step",
      durationMinutes: 30,
      level: "mid",
      mode: "interview",
      model: "offline",
    },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.message).toMatch(/Cross-site request refused/);

  await signUp(page, { name: `Ivy ${run}`, email: `ivy-${run}@e2e.test`, password: "ivy-checks-cookies-3" });
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("session_token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("admin → candidate → coach → candidate → calibration", async ({ browser }) => {
  test.setTimeout(300_000);
  const adminPage = await newUserPage(browser);
  const candidatePage = await newUserPage(browser);
  const coachPage = await newUserPage(browser);

  // People sign up; the admin signs in with the account made from ADMIN_EMAIL on first start.
  await signUp(candidatePage, candidate);
  await signUp(coachPage, coach);
  await signIn(adminPage, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(adminPage.getByText("Local mode")).toHaveCount(0);

  // The admin writes a new prompt (with four curveballs) in the editor's YAML tab and saves version 1.
  await adminPage.goto("/admin/content/new/prompts");
  await adminPage.getByRole("tab", { name: "YAML" }).click();
  await adminPage
    .getByLabel("prompt YAML")
    .fill(readFileSync("tests/e2e/fixtures/kitchen-voice-assistant.yaml", "utf8"));
  await adminPage.getByRole("button", { name: "Create prompt" }).click();
  await adminPage.waitForURL(new RegExp(`/admin/content/prompts/${PROMPT_SLUG}\\?saved=1`), { timeout: 30_000 });

  // The admin makes Cora a coach and assigns Casey to her.
  await adminPage.goto("/admin/users");
  const coachRow = adminPage.getByRole("row").filter({ hasText: coach.email });
  await coachRow.getByLabel(`Role of ${coach.name}`).selectOption("COACH");
  await coachRow.getByRole("button", { name: "Save" }).click();
  await expect(coachRow.getByText("Saved")).toBeVisible();
  await adminPage.goto("/admin/assignments");
  const form = adminPage.getByTestId("assignment-form");
  await form.getByLabel("Candidate").selectOption({ label: `${candidate.name} (${candidate.email})` });
  await form.getByLabel("Coach").selectOption({ label: `${coach.name} (${coach.email})` });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(adminPage.getByTestId("assignment-row").filter({ hasText: candidate.name })).toBeVisible();

  // The candidate finds the new prompt in the catalogue and runs a 30-minute interview on it.
  await candidatePage.goto("/practice");
  await expect(candidatePage.getByText(PROMPT_TITLE)).toBeVisible();
  const id = await startInterview(candidatePage, { slug: PROMPT_SLUG, minutes: 30, interviewer: /Offline/ });
  await say(candidatePage, "How many devices are active on a typical evening?");
  await drawBoxes(candidatePage, ["Kitchen device", "API gateway", "Recipe model"]);
  await say(
    candidatePage,
    "Speech goes from the device through the gateway to the recipe model; timers stay on the device.",
  );
  await say(candidatePage, "Peak is 900K sessions × 40% × 18 questions / 3,600 s ≈ 1,800 questions per second.");
  await candidatePage.getByRole("button", { name: "End interview" }).click();
  await candidatePage.getByRole("alertdialog").getByRole("button", { name: "End interview" }).click();
  await expect(candidatePage.getByText("The interview has ended.", { exact: false })).toBeVisible({ timeout: 30_000 });
  await candidatePage.goto(`/interviews/${id}/report`);
  await expect(candidatePage.getByTestId("verdict")).toBeVisible({ timeout: 60_000 });

  // A stranger (another candidate) cannot open it.
  const stranger = await newUserPage(browser);
  await signUp(stranger, { name: `Sam ${run}`, email: `sam-${run}@e2e.test`, password: "sam-is-curious-9" });
  const denied = await stranger.goto(`/interviews/${id}/report`);
  expect(denied?.status()).toBe(404);

  // The coach finds it in the queue and reviews it.
  await coachPage.goto("/coach");
  const row = coachPage.getByTestId("queue-row").filter({ hasText: candidate.name });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: /^Review / }).click();
  await coachPage.waitForURL(new RegExp(`/coach/interviews/${id}`));

  const card = coachPage.locator('[data-testid="dimension-review"][data-dimension-key="estimation"]');
  const aiLevel = Number(await card.getAttribute("data-ai-level"));
  const coachLevel = aiLevel >= 3 ? 2 : 3;
  await card.getByLabel(/^Coach level for/).selectOption(String(coachLevel));
  await card.getByLabel(/^Reason for/).fill("Short");
  await card.getByRole("button", { name: /^Save override for/ }).click();
  await expect(card.getByRole("alert")).toContainText(/10/);
  await card
    .getByLabel(/^Reason for/)
    .fill("The peak arithmetic is right but storage and token costs were never sized.");
  await card.getByRole("button", { name: /^Save override for/ }).click();
  await expect(card.getByTestId("override-summary")).toContainText(`Coach: ${coachLevel}`);

  await coachPage.getByTestId("replay-board").locator("[data-node]", { hasText: "API gateway" }).first().click();
  await coachPage.getByLabel(/^Comment on the board element/).fill("Why does speech pass through the gateway?");
  await coachPage.getByRole("button", { name: "Add comment" }).click();
  await expect(coachPage.getByText("Why does speech pass through the gateway?").first()).toBeVisible();

  await coachPage.getByRole("button", { name: "Mark review complete" }).click();
  await coachPage.getByLabel(/Summary for the candidate/).fill("Solid structure; size the costs next time.");
  await coachPage.getByRole("button", { name: "Complete review" }).click();
  await expect(coachPage.getByRole("button", { name: "Reopen review" })).toBeVisible();

  // The candidate sees the override (beside the AI level), the comment on the board, and the completed review.
  await candidatePage.reload();
  await expect(candidatePage.getByTestId("review-complete-banner")).toContainText(coach.name);
  const override = candidatePage.locator('[data-dimension="estimation"] [data-testid="coach-override"]');
  await expect(override).toContainText(`${coachLevel} / 4`);
  await expect(override).toContainText(`AI: ${aiLevel} / 4`);
  await expect(override).toContainText("storage and token costs");
  const comment = candidatePage.locator('[data-testid="coach-comment"][data-anchor-kind="element"]');
  await expect(comment).toContainText("Why does speech pass through the gateway?");

  // The calibration page counts the pair for that dimension.
  await coachPage.goto("/coach/calibration");
  await expect(
    coachPage.locator('[data-calibration-dimension="estimation"] [data-testid="calibration-pairs"]'),
  ).toHaveText("1");
});
