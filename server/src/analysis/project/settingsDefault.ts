// `DJANGO_SETTINGS_MODULE` defaults named by manage.py, wsgi.py, asgi.py, pytest.ini, setup.cfg, pyproject.toml, .env files.
import { isEnvFileName } from "./envFileNames";
import { basename } from "./paths";

export interface SettingsDefault {
  /** The file that names it. */
  file: string;
  /** Dotted module name. */
  module: string;
  /** 0-based line of the mention. */
  line: number;
}

const NAMING_FILES = new Set(["manage.py", "wsgi.py", "asgi.py", "pytest.ini", "setup.cfg", "pyproject.toml", "tox.ini"]);

export function mayNameSettings(path: string): boolean {
  const name = basename(path);
  return NAMING_FILES.has(name) || isEnvFileName(path);
}

const MENTION = /DJANGO_SETTINGS_MODULE["']?\]?\s*(?:,|=|:)\s*(?:f?["'])?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)/g;

/** Every module the file names as DJANGO_SETTINGS_MODULE (setdefault calls, ini/toml keys, env assignments). */
export function findSettingsDefaults(file: string, text: string): SettingsDefault[] {
  const found: SettingsDefault[] = [];
  for (const match of text.matchAll(MENTION)) {
    const before = text.slice(0, match.index);
    found.push({ file, module: match[1], line: before.split(/\r\n|\r|\n/).length - 1 });
  }
  return found;
}
