import type { Practice, RuleId, Severity } from "../types";

/** What the catalogue says about a rule: the public contract (id, default severity, one-line title). */
export interface RuleMeta {
  id: RuleId;
  severity: Severity;
  /** One line, no trailing period: SARIF shortDescription and the report's label. */
  title: string;
  practice: Practice;
  /** Whether the catalogue offers a fix for it. */
  fixable: boolean;
}

export const DOCS_BASE_URL = "https://github.com/django-ready/django-ready/blob/main/docs/rules/";

export function helpUri(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
