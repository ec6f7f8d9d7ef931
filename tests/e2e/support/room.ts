import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";

/** A prompt's content file, read the way an author wrote it (tests compare what the room shows to it). */
export function promptFile(slug: string): {
  factSheet: { topic: string; answer: string }[];
  curveballs: { announcement: string }[];
  referenceOutline: Record<string, unknown>;
} {
  return parse(readFileSync(`content/prompts/${slug}.yaml`, "utf8"));
}

/** The first number in a fact-sheet answer, e.g. "20M" from "About 20M daily active users…". */
export function firstNumber(text: string): string {
  return /\d[\d,.]*\s?[KMB]?\b/.exec(text)![0].trim();
}

export interface StartOptions {
  slug: string;
  minutes: 30 | 45 | 60;
  interviewer: RegExp;
}

/** Starts an interview from the prompt page, as a candidate would, and returns its id. */
export async function startInterview(page: Page, { slug, minutes, interviewer }: StartOptions): Promise<string> {
  await page.goto(`/practice/${slug}`);
  const panel = page.getByRole("complementary", { name: "Start a mock interview" });
  await panel.getByRole("radio", { name: `${minutes} min` }).click();
  const select = panel.getByLabel("Interviewer model");
  const options = await select.locator("option").allInnerTexts();
  const label = options.find((o) => interviewer.test(o));
  expect(label, `an interviewer option matching ${interviewer} in ${options.join(", ")}`).toBeTruthy();
  await select.selectOption({ label: label! });
  await panel.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  await expect(page.locator("canvas.interactive")).toBeVisible({ timeout: 30_000 });
  return page.url().split("/").pop()!;
}

export function interviewerMessages(page: Page) {
  return page.locator('[data-role="interviewer"]:not([data-status="streaming"])');
}

/** Sends a message with the keyboard and waits for the interviewer's complete reply; returns its text. */
export async function say(page: Page, text: string): Promise<string> {
  const replies = interviewerMessages(page);
  const before = await replies.count();
  const box = page.getByLabel("Your message");
  await box.fill(text);
  await box.press("Enter");
  await expect(replies).toHaveCount(before + 1, { timeout: 30_000 });
  await expect(page.locator('[data-status="streaming"]')).toHaveCount(0, { timeout: 30_000 });
  return replies.nth(before).innerText();
}

/** Draws labelled boxes and arrows between them with Excalidraw's own tools, like a person would. */
export async function drawBoxes(page: Page, labels: string[]) {
  const canvas = page.locator("canvas.interactive");
  const area = (await canvas.boundingBox())!;
  // Leave room for the properties panel that opens on the left while a tool is active.
  const at = (i: number) => ({ x: area.x + 300 + i * 320, y: area.y + 260 });
  for (const [i, label] of labels.entries()) {
    const { x, y } = at(i);
    await page.getByTestId("toolbar-rectangle").click({ force: true });
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 170, y + 80, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press("Enter");
    await page.keyboard.type(label);
    await page.keyboard.press("Escape");
  }
  for (let i = 0; i + 1 < labels.length; i++) {
    const from = at(i);
    const to = at(i + 1);
    await page.getByTestId("toolbar-arrow").click({ force: true });
    await page.mouse.move(from.x + 85, from.y + 40);
    await page.mouse.down();
    await page.mouse.move(to.x + 85, to.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.press("Escape");
  }
  await expect(page.locator('[data-board-state="saved"]')).toBeVisible({ timeout: 10_000 });
}
