// The Problems panel: open it and read every row of its virtualized list, scrolling as needed.
import type { Page } from "playwright-core";
import { nextFrames } from "./workbench";

export interface ProblemRow {
  /** Workspace-relative path of the file the problem is in. */
  file: string;
  severity: "Error" | "Warning" | "Info";
  rule: string;
  line: number;
  column: number;
  message: string;
}

interface RenderedRow {
  index: number;
  ariaLabel: string;
  text: string;
}

/** The list's own rows, not the copies the tree's sticky-scroll header shows above them. */
const rowsSelector = ".markers-panel .monaco-list-rows > .monaco-list-row";

export async function openProblemsPanel(page: Page): Promise<void> {
  await page.keyboard.press("Control+Shift+M");
  await page.locator(rowsSelector).first().waitFor({ timeout: 30_000 });
}

async function renderedRows(page: Page): Promise<RenderedRow[]> {
  return page.locator(rowsSelector).evaluateAll((rows: Array<{ getAttribute(name: string): string | null; innerText: string }>) =>
    rows.map((row) => ({
      index: Number(row.getAttribute("data-index")),
      ariaLabel: row.getAttribute("aria-label") ?? "",
      text: row.innerText,
    })),
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether the first row is rendered at the top of the list (queried without waiting for it to appear). */
async function firstRowAtTop(page: Page, list: Box): Promise<boolean> {
  const tops = await page
    .locator(`${rowsSelector}[data-index="0"]`)
    .evaluateAll((rows: Array<{ getBoundingClientRect(): { top: number } }>) => rows.map((row) => row.getBoundingClientRect().top));
  return tops.some((top) => top >= list.y - 1);
}

/** Puts the mouse over the list and wheels it up until its first row is at the top; returns the list's box. */
export async function scrollProblemsToTop(page: Page): Promise<Box> {
  const box = await page.locator(".markers-panel .monaco-list").first().boundingBox();
  if (!box) throw new Error("the Problems panel's list is not visible");
  // A row's tooltip, once shown under a resting mouse, takes the wheel events: move off and back first.
  await page.mouse.move(1, 1);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let attempt = 0; attempt < 100 && !(await firstRowAtTop(page, box)); attempt++) {
    await page.mouse.wheel(0, -box.height);
    await nextFrames(page);
  }
  return box;
}

/** Scrolls the list from top to bottom with the mouse wheel, collecting the rows as they are rendered. */
async function collectAllRows(page: Page): Promise<RenderedRow[]> {
  const box = await scrollProblemsToTop(page);
  const seen = new Map<number, RenderedRow>();
  for (let previousMax = -1; ; ) {
    for (const row of await renderedRows(page)) seen.set(row.index, row);
    const max = Math.max(...seen.keys());
    if (max === previousMax) break;
    previousMax = max;
    await page.mouse.wheel(0, Math.max(box.height - 44, 22));
    await nextFrames(page);
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

const fileRowLabel = /^(\d+) problems? in file (.+) of folder (.+)$/;
const markerPosition = /\[Ln (\d+), Col (\d+)\]/;

function severityOf(ariaLabel: string): ProblemRow["severity"] {
  if (ariaLabel.startsWith("Error")) return "Error";
  if (ariaLabel.startsWith("Warning")) return "Warning";
  return "Info";
}

/** Turns the flat list (a file row, then its problems) into problems with their files; checks each file's count. */
export function parseRows(rows: RenderedRow[]): ProblemRow[] {
  const problems: ProblemRow[] = [];
  const expected = new Map<string, number>();
  let file = "";
  for (const row of rows) {
    const fileRow = fileRowLabel.exec(row.ariaLabel);
    if (fileRow) {
      file = fileRow[3] === "." ? fileRow[2] : `${fileRow[3]}/${fileRow[2]}`;
      expected.set(file, Number(fileRow[1]));
      continue;
    }
    const position = markerPosition.exec(row.text);
    if (!position) continue;
    const rule = /\bDJP\d{3}\b/.exec(row.text)?.[0] ?? "";
    const message = row.text.split("\n")[0]?.trim() ?? "";
    problems.push({ file, severity: severityOf(row.ariaLabel), rule, line: Number(position[1]), column: Number(position[2]), message });
  }
  for (const [path, count] of expected) {
    const read = problems.filter((problem) => problem.file === path).length;
    if (read !== count) throw new Error(`the Problems panel lists ${count} problems in ${path} but ${read} rows were read`);
  }
  return problems;
}

export async function readProblems(page: Page): Promise<ProblemRow[]> {
  return parseRows(await collectAllRows(page));
}
