// Screenshots: of the failing step into test-results/ (gitignored), and the README's into docs/images/ on request.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./locate";

export const failureDir = join(repoRoot, "test-results");
export const docImagesDir = join(repoRoot, "docs", "images");

function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
}

/** Saves a full-page screenshot named after the step; never throws (the step's own error matters more). */
export async function screenshotFailure(page: Page | undefined, step: string): Promise<string | undefined> {
  if (!page) return undefined;
  mkdirSync(failureDir, { recursive: true });
  const path = join(failureDir, `e2e-${fileSafe(step)}.png`);
  try {
    await page.screenshot({ path, timeout: 5_000 });
    return path;
  } catch {
    return undefined;
  }
}

/** DJREADY_DOC_SCREENSHOTS=1 refreshes the README's screenshots (small: the viewport is 1100×700). */
export async function screenshotForDocs(page: Page, name: string): Promise<void> {
  if (process.env.DJREADY_DOC_SCREENSHOTS !== "1") return;
  mkdirSync(docImagesDir, { recursive: true });
  await page.screenshot({ path: join(docImagesDir, name) });
}
