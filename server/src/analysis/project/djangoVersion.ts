// What the declared Django version certainly is, from pip (PEP 440) and Poetry specifiers.
// Several declarations (requirements.txt and pyproject.toml) are alternatives: a claim holds only if it holds for each.
import { normalizePackageName, type Dependencies } from "./dependencies";

type Version = number[];

interface Bound {
  version: Version;
  inclusive: boolean;
}

/** A version interval; an absent bound is open. */
interface Interval {
  lower?: Bound;
  upper?: Bound;
}

export interface DjangoVersionRange {
  /** Every declaration of Django allows only versions >= `version`. False when unknown. */
  certainlyAtLeast(version: string): boolean;
  /** Every declaration of Django allows only versions < `version`. False when unknown. */
  certainlyBelow(version: string): boolean;
  /** The specifiers the answer rests on (empty: Django is not declared). */
  specifiers: string[];
}

export function djangoVersionRange(dependencies: Dependencies): DjangoVersionRange {
  const specifiers = (dependencies.packages.get(normalizePackageName("Django")) ?? []).map((d) => d.specifier);
  return rangeOfSpecifiers(specifiers);
}

export function rangeOfSpecifiers(specifiers: string[]): DjangoVersionRange {
  const intervals = specifiers.map(parseSpecifier);
  const all = (claim: (interval: Interval) => boolean) => intervals.length > 0 && intervals.every(claim);
  return {
    specifiers,
    certainlyAtLeast: (version) => all((interval) => !!interval.lower && compare(interval.lower.version, parseVersion(version)) >= 0),
    certainlyBelow: (version) =>
      all((interval) => {
        if (!interval.upper) return false;
        const order = compare(interval.upper.version, parseVersion(version));
        return interval.upper.inclusive ? order < 0 : order <= 0;
      }),
  };
}

/** Release segments only (`5.1rc1` → [5, 1]); pre-release and local parts are ignored. */
function parseVersion(text: string): Version {
  const release = /^v?(\d+(?:\.\d+)*)/.exec(text.trim());
  return release ? release[1].split(".").map(Number) : [];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** `4.2` → `4.3` at index 1; `4` → `5` at index 0. */
function bump(version: Version, index: number): Version {
  return [...version.slice(0, index), (version[index] ?? 0) + 1];
}

/** The interval a whole specifier allows; `||` alternatives (Poetry) give the hull of their intervals. */
function parseSpecifier(specifier: string): Interval {
  const alternatives = specifier.split("||").map((alternative) =>
    alternative.split(/[,\s]+/).filter(Boolean).map(parseClause).reduce(intersect, {}),
  );
  return alternatives.reduce((hull, next) => ({
    lower: hull.lower && next.lower ? (compare(hull.lower.version, next.lower.version) <= 0 ? hull.lower : next.lower) : undefined,
    upper: hull.upper && next.upper ? (compare(hull.upper.version, next.upper.version) >= 0 ? hull.upper : next.upper) : undefined,
  }));
}

function intersect(a: Interval, b: Interval): Interval {
  const lower = !a.lower ? b.lower : !b.lower ? a.lower : compare(a.lower.version, b.lower.version) >= 0 ? a.lower : b.lower;
  const upper = !a.upper ? b.upper : !b.upper ? a.upper : compare(a.upper.version, b.upper.version) <= 0 ? a.upper : b.upper;
  return { lower, upper };
}

const CLAUSE = /^(===|==|!=|~=|>=|<=|>|<|\^|~|=)?\s*(v?\d+(?:\.\d+)*)(\.\*)?/;

function parseClause(clause: string): Interval {
  const match = CLAUSE.exec(clause);
  if (!match) return {};
  const [, operator = "==", text, wildcard] = match;
  const version = parseVersion(text);
  const at = (v: Version): Bound => ({ version: v, inclusive: true });
  const below = (v: Version): Bound => ({ version: v, inclusive: false });
  switch (operator) {
    case ">=":
      return { lower: at(version) };
    case ">":
      return { lower: { version, inclusive: false } };
    case "<":
      return { upper: below(version) };
    case "<=":
      return { upper: at(version) };
    case "~=":
      return { lower: at(version), upper: below(bump(version, Math.max(version.length - 2, 0))) };
    case "^":
      return { lower: at(version), upper: below(bump(version, Math.max(version.findIndex((part) => part !== 0), 0))) };
    case "~":
      return { lower: at(version), upper: below(bump(version, version.length >= 2 ? 1 : 0)) };
    case "!=":
      return {};
    default:
      return wildcard ? { lower: at(version), upper: below(bump(version, version.length - 1)) } : { lower: at(version), upper: at(version) };
  }
}
