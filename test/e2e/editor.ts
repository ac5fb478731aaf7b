// The active text editor: hover a piece of text, apply a quick fix from the Ctrl+. menu, save.
import type { Locator, Page } from "playwright-core";
import { poll } from "./poll";

/** The rendered token (a span of a visible line) that contains `text`. */
export function tokenContaining(page: Page, text: string): Locator {
  return page.locator(".editor-instance .monaco-editor .view-line span span", { hasText: text }).first();
}

const visibleHover = ".monaco-editor .monaco-hover:not(.hidden)";

/** Moves the mouse onto the token and returns the hover's text once it shows `expected`. */
export async function hoverText(page: Page, text: string, expected: RegExp): Promise<string> {
  const token = tokenContaining(page, text);
  await token.waitFor();
  await page.mouse.move(1, 1);
  await token.hover();
  return poll(
    async () => {
      const hovers = await page.locator(visibleHover).allInnerTexts();
      return hovers.find((hover) => expected.test(hover));
    },
    { what: `a hover matching ${expected}`, timeoutMs: 15_000 },
  );
}

export async function dismissHover(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.mouse.move(1, 1);
  await page.locator(visibleHover).waitFor({ state: "hidden" }).catch(() => undefined);
}

const actionRows = ".action-widget .monaco-list-row.action";

/** The titles in the open quick-fix menu, in order. */
export async function quickFixTitles(page: Page): Promise<string[]> {
  return (await page.locator(actionRows).allInnerTexts()).map((title) => title.trim());
}

/**
 * Puts the cursor in the token, opens the quick-fix menu (Ctrl+.) and picks `title` with the keyboard:
 * VS Code's overlay swallows mouse clicks in that menu.
 */
export async function applyQuickFix(page: Page, text: string, title: string): Promise<void> {
  await tokenContaining(page, text).click();
  await page.keyboard.press("Control+.");
  await page.locator(actionRows).first().waitFor({ timeout: 15_000 });
  const titles = await poll(async () => {
    const shown = await quickFixTitles(page);
    return shown.some((shownTitle) => shownTitle.includes(title)) ? shown : undefined;
  }, { what: `the quick fix "${title}" in the menu`, timeoutMs: 15_000 }).catch(async (error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the menu shows: ${(await quickFixTitles(page)).join(" / ")}`);
  });
  for (let step = 0; step <= titles.length; step++) {
    const focused = (await page.locator(`${actionRows}.focused`).allInnerTexts())[0] ?? "";
    if (focused.includes(title)) {
      await page.keyboard.press("Enter");
      await page.locator(".action-widget").waitFor({ state: "hidden" });
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`could not focus the quick fix "${title}" with the keyboard; the menu shows: ${titles.join(" / ")}`);
}

/** Saves every dirty editor (the fix may leave files it edited unsaved, depending on files.refactoring.autoSave). */
export async function saveAll(page: Page): Promise<void> {
  if ((await page.locator(".tabs-container .tab.dirty").count()) === 0) return;
  await page.keyboard.press("Control+K");
  await page.keyboard.press("s");
  await page.locator(".tabs-container .tab.dirty").first().waitFor({ state: "detached", timeout: 10_000 });
}
