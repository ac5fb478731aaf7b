// Owns the running LanguageClient: start, stop, a clean restart, and requests to the server.
import type { ExtensionContext } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type ClientResources, createLanguageClient } from "./languageClient";

export class ServerController {
  private client: LanguageClient | undefined;
  /** Serialises start/stop so a restart clicked twice cannot interleave. */
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: ExtensionContext,
    private readonly resources: ClientResources,
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

  async sendRequest<R>(method: string): Promise<R> {
    await this.transition;
    if (!this.client) throw new Error("the django-ready language server is not running");
    return this.client.sendRequest<R>(method);
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
    await client.start();
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.stop();
    } catch (error) {
      // A server that already died cannot be stopped politely; the new one must still start.
      this.resources.outputChannel.warn(`Stopping the server failed: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  }
}
