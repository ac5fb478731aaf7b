// RULES.md DJP104: a URL whose userinfo carries a password, `scheme://user:password@host…`.
import { memoize } from "../memo";

export interface UrlPassword {
  user: string;
  password: string;
  /** Offsets of the password (raw, still percent-encoded) in the value. */
  start: number;
  end: number;
}

/** `scheme://` then the authority, which ends at the path, query, fragment or whitespace. */
const URL_AUTHORITY = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#]*)/g;

/** The first URL of the value whose userinfo has a non-empty password; the user may be empty. */
export const findUrlPassword: (value: string) => UrlPassword | undefined = memoize(urlPassword);

function urlPassword(value: string): UrlPassword | undefined {
  for (const match of value.matchAll(URL_AUTHORITY)) {
    const authority = match[1] ?? "";
    const authorityStart = (match.index ?? 0) + match[0].length - authority.length;
    const found = passwordInAuthority(authority, authorityStart);
    if (found) return found;
  }
  return undefined;
}

function passwordInAuthority(authority: string, offset: number): UrlPassword | undefined {
  // Like urllib, the host starts after the last `@`, so an unencoded `@` stays in the password.
  const at = authority.lastIndexOf("@");
  if (at < 0) return undefined;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(":");
  if (colon < 0 || colon === userinfo.length - 1) return undefined;
  return {
    user: userinfo.slice(0, colon),
    password: userinfo.slice(colon + 1),
    start: offset + colon + 1,
    end: offset + at,
  };
}

/** The URL around its user and password (scheme, host, path): words a stand-in password is often made of (`redispassword`). */
export function urlContext(value: string, found: UrlPassword): string {
  return `${value.slice(0, found.start - found.user.length - 1)} ${value.slice(found.end)}`;
}
