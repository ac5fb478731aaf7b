// The VS Code workbench in the browser: load it, open files, run commands, read the status bar and notifications.
import type { Browser, Page } from "playwright-core";
import { poll } from "./poll";

export const viewport = { width: 1100, height: 700 };

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.locator(".monaco-workbench .part.statusbar").waitFor({ timeout: 60_000 });
  return page;
}

/** Resolves after the browser has painted twice: the DOM reflects what was just done (no fixed sleep). */
export async function nextFrames(page: Page): Promise<void> {
  // A string: the test's TypeScript has no DOM types.
  await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
}

/** Quick Open (Ctrl+P) on a workspace-relative path; resolves when its editor tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split("/").pop() ?? relativePath;
  await page.keyboard.press("Control+P");
  await page.keyboard.type(relativePath);
  await page.locator(".quick-input-list .monaco-list-row.focused", { hasText: name }).waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
  await page.locator(".tabs-container .tab.active", { hasText: name }).waitFor({ timeout: 30_000 });
  await page.locator(".editor-instance .monaco-editor .view-lines").first().waitFor();
}

/** Runs a command from the palette (F1) by its full label, e.g. "Django: Check production readiness". */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page.locator(".quick-input-list .monaco-list-row.focused", { hasText: label });
  await row.waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** The aria-label of the status bar's problems item: "No Problems" or "Errors: 1, Warnings: 2, Infos: 3". */
export async function problemsStatus(page: Page): Promise<string> {
  return (await page.locator('[id="status.problems"] a').first().getAttribute("aria-label")) ?? "";
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function parseProblemCounts(label: string): ProblemCounts {
  const count = (kind: string): number => Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count("Errors"), warnings: count("Warnings"), infos: count("Infos") };
}

/** Polls the status bar until the counts satisfy `accept`; the timeout message quotes the last label. */
export async function waitForProblemCounts(
  page: Page,
  accept: (counts: ProblemCounts) => boolean,
  timeoutMs = 30_000,
): Promise<ProblemCounts> {
  let last = "";
  try {
    return await poll(
      async () => {
        last = await problemsStatus(page);
        const counts = parseProblemCounts(last);
        return accept(counts) ? counts : undefined;
      },
      { what: "the problems in the status bar", timeoutMs },
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the status bar said "${last}"`);
  }
}

/** The texts of the notification toasts on screen. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator(".notifications-toasts .notification-list-item-message").allInnerTexts();
}

export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return poll(async () => (await notificationTexts(page)).find((text) => pattern.test(text)), {
    what: `a notification matching ${pattern}`,
    timeoutMs,
  });
}
