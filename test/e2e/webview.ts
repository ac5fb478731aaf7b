// Webviews (the Markdown preview of the readiness report): their text lives in an iframe inside an iframe.
import type { Frame, Page } from "playwright-core";
import { poll } from "./poll";

/** Every frame but the workbench itself: VS Code nests a webview's content as iframe.webview > iframe#active-frame. */
function childFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => frame !== page.mainFrame());
}

async function frameText(frame: Frame): Promise<string> {
  try {
    return await frame.locator("body").innerText({ timeout: 1_000 });
  } catch {
    return "";
  }
}

/** Polls the webviews until one shows text matching `expected`; returns that text. */
export async function waitForWebviewText(page: Page, expected: RegExp, timeoutMs = 30_000): Promise<string> {
  return poll(
    async () => {
      for (const frame of childFrames(page)) {
        const text = await frameText(frame);
        if (expected.test(text)) return text;
      }
      return undefined;
    },
    { what: `a webview showing ${expected}`, timeoutMs },
  );
}

/** Clicks the first link whose text matches `label` in whichever webview shows it; returns the link's text. */
export async function clickWebviewLink(page: Page, label: RegExp, timeoutMs = 15_000): Promise<string> {
  const frame = await poll(
    async () => {
      for (const candidate of childFrames(page)) {
        if ((await candidate.locator("a", { hasText: label }).count().catch(() => 0)) > 0) return candidate;
      }
      return undefined;
    },
    { what: `a webview link ${label}`, timeoutMs },
  );
  const link = frame.locator("a", { hasText: label }).first();
  const text = await link.innerText();
  await link.click();
  return text;
}
