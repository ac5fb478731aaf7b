// Extract-to-env fixes (DESIGN.md "nothing lost" contract). Placeholder signature; the fix work fills it in.
import type { Fix, Range } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import type { RuleContext } from "../rules/rule";

export interface ExtractRequest {
  context: RuleContext;
  /** The settings module holding the literal. */
  module: SettingsModuleInfo;
  /** The literal expression to replace, and its evaluated value. */
  literal: { range: Range; value: string };
  /** The module-level setting the literal belongs to (`DATABASES`, `SECRET_KEY`). */
  setting: string;
  /** Dict keys from the setting down to the literal ([] for a module-level setting; ["default","PASSWORD"]). */
  keys: string[];
  /** Secrets get no default in the lookup; other values keep the literal as the default. */
  secret: boolean;
}

export function extractToEnvFixes(request: ExtractRequest): Fix[] {
  void request;
  return [];
}
