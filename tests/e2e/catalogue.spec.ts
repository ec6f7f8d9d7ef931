import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";

test.describe("practice catalogue and prompt page", () => {
  test("the landing page explains the product and leads to the catalogue", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("trade-off");
    await page.getByRole("link", { name: "Browse practice prompts" }).click();
    await expect(page).toHaveURL(/\/practice$/);
    await expect(page.getByRole("heading", { name: "Practice prompts" })).toBeVisible();
  });

  test("filters by domain, difficulty and text, keeps the filter in the URL, and clears it", async ({ page }) => {
    await page.goto("/practice");
    const cards = page.getByRole("listitem");
    const total = await cards.count();
    expect(total).toBeGreaterThanOrEqual(6);
    await expect(page.getByText(`${total} of ${total} prompts`)).toBeVisible();

    await page.getByRole("button", { name: /^Code/ }).click();
    await expect(page).toHaveURL(/domain=code/);
    const codeCount = await cards.count();
    expect(codeCount).toBeGreaterThan(0);
    expect(codeCount).toBeLessThan(total);
    for (const badge of await cards.locator("span", { hasText: /^Code$/ }).all()) await expect(badge).toBeVisible();
    await expect(cards.filter({ hasNotText: /Code/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(cards).toHaveCount(total);

    await page.getByRole("searchbox", { name: "Search prompts" }).fill("chatgpt");
    await expect(page).toHaveURL(/q=chatgpt/);
    await expect(cards.first()).toContainText(/ChatGPT/i);

    await page.getByRole("searchbox", { name: "Search prompts" }).fill("zzzz no such prompt");
    await expect(page.getByText("No prompt matches these filters.")).toBeVisible();

    // a shared link opens with the same filter applied
    await page.goto("/practice?difficulty=hard");
    await expect(page.getByRole("combobox", { name: "Difficulty" })).toHaveValue("hard");
    await expect(cards.filter({ hasNotText: "Hard" })).toHaveCount(0);
  });

  test("a prompt page shows the brief and the chosen framework's phases, scaled to the chosen length", async ({
    page,
  }) => {
    await page.goto("/practice");
    await page
      .getByRole("link", { name: /ChatGPT/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/practice\/design-chatgpt$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/ChatGPT/);
    await expect(page.getByRole("heading", { name: "The brief" })).toBeVisible();

    const panel = page.getByRole("complementary", { name: "Start a mock interview" });
    const steps = page.getByRole("region", { name: /How the time is spent/ }).locator("summary");
    const minutes = async () => (await steps.allInnerTexts()).map((t) => Number(/(\d+) min$/m.exec(t)?.[1]));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(await minutes())).toBe(45);
    await panel.getByRole("radio", { name: "30 min" }).click();
    expect(sum(await minutes())).toBe(30);
    await panel.getByRole("radio", { name: "60 min" }).click();
    expect(sum(await minutes())).toBe(60);

    // switching framework changes the steps shown
    const before = await steps.allInnerTexts();
    const select = panel.getByRole("combobox", { name: "Framework" });
    const options = await select.locator("option").allInnerTexts();
    expect(options).toHaveLength(4);
    await select.selectOption({ index: 1 });
    await expect.poll(() => steps.allInnerTexts()).not.toEqual(before);

    // the interviewer's private problem pack never reaches the page, not even in the RSC payload
    const pack = parse(readFileSync("content/prompts/design-chatgpt.yaml", "utf8"));
    const html = await page.content();
    for (const secret of [
      pack.factSheet[0].answer,
      pack.probes[0].lookFor,
      pack.curveballs[0].announcement,
      pack.referenceOutline.architecture[0],
    ]) {
      expect(html).not.toContain(secret.slice(0, 60));
    }
  });

  test("an unknown prompt is a 404 page with a way back", async ({ page }) => {
    const response = await page.goto("/practice/no-such-prompt");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  });

  test("the health endpoint reports the app and the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    expect(body).toMatchObject({ status: "ok", database: { status: "ok", kind: "pglite", migrations } });
    expect(body.database.prompts).toBeGreaterThanOrEqual(6);
  });

  test("dark mode follows the toggle and survives a reload", async ({ page }) => {
    await page.goto("/practice");
    const html = page.locator("html");
    const wasDark = await html.evaluate((el) => el.classList.contains("dark"));
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
    await expect(html).toHaveClass(wasDark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
    await page.reload();
    expect(await html.evaluate((el) => el.classList.contains("dark"))).toBe(!wasDark);
  });
});
