// Publishes only what changed: per owner (an analysis root) it remembers what each URI last received,
// and sends an empty array to URIs that no longer have diagnostics so fixed problems disappear.
import type { Diagnostic } from "vscode-languageserver/node";

export type SendDiagnostics = (uri: string, diagnostics: Diagnostic[]) => void;

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Map<string, string>>();

  constructor(private readonly send: SendDiagnostics) {}

  /** Replace everything `owner` has published with `next` (URI → diagnostics); returns how many URIs were sent. */
  replace(owner: string, next: ReadonlyMap<string, Diagnostic[]>): number {
    const previous = this.published.get(owner) ?? new Map<string, string>();
    const current = new Map<string, string>();
    let sent = 0;
    for (const [uri, diagnostics] of next) {
      const serialized = JSON.stringify(diagnostics);
      current.set(uri, serialized);
      if (previous.get(uri) !== serialized) {
        this.send(uri, diagnostics);
        sent++;
      }
    }
    for (const uri of previous.keys()) {
      if (!current.has(uri)) {
        this.send(uri, []);
        sent++;
      }
    }
    this.published.set(owner, current);
    return sent;
  }

  clear(owner: string): void {
    this.replace(owner, new Map());
    this.published.delete(owner);
  }
}
