// The status bar item: the workspace's readiness verdict; clicking it runs the check.
import { type Disposable, StatusBarAlignment, type StatusBarItem, window } from "vscode";
import type { ReadinessStatus } from "../../server/src/lsp/protocol";

export const checkCommand = "djangoReady.checkProductionReadiness";

export interface StatusView {
  text: string;
  tooltip: string;
}

/** Roots without a Django project do not count; undefined when no root has one (the item hides). */
export function describeReadiness(statuses: Iterable<ReadinessStatus>): StatusView | undefined {
  const judged = [...statuses].filter((status) => status.projects > 0);
  if (judged.length === 0) return undefined;
  const details = judged.map((status) => (status.verdictPassed ? "ready" : status.summary)).join("; ");
  const tooltip = `Django production readiness: ${details}. Click to check the whole workspace and open the report.`;
  if (judged.every((status) => status.verdictPassed)) return { text: "$(check) Django: ready", tooltip };
  const passed = judged.reduce((sum, status) => sum + status.passed, 0);
  const applicable = judged.reduce((sum, status) => sum + status.applicable, 0);
  return { text: `$(warning) Django: ${passed} of ${applicable} checks pass`, tooltip };
}

export class ReadinessStatusItem implements Disposable {
  private readonly item: StatusBarItem = window.createStatusBarItem("djangoReady.status", StatusBarAlignment.Left, 0);
  private readonly byRoot = new Map<string, ReadinessStatus>();

  constructor() {
    this.item.name = "Django production readiness";
    this.item.command = checkCommand;
  }

  update(status: ReadinessStatus): void {
    this.byRoot.set(status.rootUri, status);
    this.render();
  }

  /** The server stopped: its verdicts are no longer current. */
  reset(): void {
    this.byRoot.clear();
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const view = describeReadiness(this.byRoot.values());
    if (!view) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.show();
  }
}
