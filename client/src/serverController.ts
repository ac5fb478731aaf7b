// Owns the running LanguageClient: start, stop, a clean restart, and requests and notifications both ways.
import type { CancellationToken, ExtensionContext } from "vscode";
import { DidChangeConfigurationNotification, type LanguageClient } from "vscode-languageclient/node";
import { type ReadinessStatus, readinessStatusMethod } from "../../server/src/lsp/protocol";
import { type ClientResources, createLanguageClient } from "./languageClient";

export interface ServerEvents {
  /** The server's djangoReady/status notification, after analyses that changed a root's readiness. */
  status(status: ReadinessStatus): void;
  stopped(): void;
}

export class ServerController {
  private client: LanguageClient | undefined;
  /** Serialises start/stop so a restart clicked twice cannot interleave. */
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: ExtensionContext,
    private readonly resources: ClientResources,
    private readonly events: ServerEvents,
  ) {}

  start(): Promise<void> {
    return this.enqueue(() => this.startNow());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopNow());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  /** Cancelling the token sends $/cancelRequest; the server then answers RequestCancelled. */
  async sendRequest<R>(method: string, token?: CancellationToken, params?: object): Promise<R> {
    const client = await this.running();
    return params === undefined ? client.sendRequest<R>(method, token) : client.sendRequest<R>(method, params, token);
  }

  /** Settings the server reads but did not register for (files.exclude) changed: it pulls them all again. */
  async configurationChanged(): Promise<void> {
    await this.transition;
    await this.client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  private async running(): Promise<LanguageClient> {
    await this.transition;
    if (!this.client) throw new Error("the django-ready language server is not running");
    return this.client;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step, step);
    this.transition = next.catch(() => undefined);
    return next;
  }

  private async startNow(): Promise<void> {
    if (this.client) return;
    const client = createLanguageClient(this.context, this.resources);
    this.client = client;
    client.onNotification(readinessStatusMethod, (status: ReadinessStatus) => this.events.status(status));
    await client.start();
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.events.stopped();
    try {
      await client.stop();
    } catch (error) {
      // A server that already died cannot be stopped politely; the new one must still start.
      this.resources.outputChannel.warn(`Stopping the server failed: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  }
}
