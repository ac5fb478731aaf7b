// Finding `manage.py runserver` in a command line: `python manage.py runserver`, `./manage.py runserver 0.0.0.0:8000`,
// `django-admin runserver`, `python -m django runserver` — not `manage.py migrate`, not `runserver_plus`.

export interface RunserverMatch {
  /** Offset of the invocation (`python`, `./manage.py`, `django-admin`). */
  start: number;
  /** Offset and length of the `runserver` word. */
  runserver: number;
  /** Offset just past the invocation's options and address. */
  end: number;
  /** The port as written (`8000`, `$PORT`, `${PORT:-8000}`); runserver's default 8000 when no address is given. */
  port: string;
}

const PATH = String.raw`(?:[\w.~$/-]*/)?`;
const PYTHON = String.raw`${PATH}python[\d.]*(?:\s+-[A-Za-z]+)*`;
const INVOKER = String.raw`(?:${PYTHON}\s+-m\s+django|(?:${PYTHON}\s+)?${PATH}manage\.py|${PATH}django-admin(?:\.py)?)`;
const OPTIONS = String.raw`(?:\s+--?[\w-]+(?:=[^\s;&|'"]+)?)*`;
const ADDRESS = String.raw`(?:\s+((?:[\w.\[\]:-]*:)?(?:\d+|\$\{[^}\s]*\}|\$\w+))(?=$|[\s;&|'"]))?`;
const RUNSERVER = new RegExp(String.raw`(?<![\w./-])(${INVOKER})(\s+)runserver(?![\w-])(${OPTIONS}${ADDRESS}${OPTIONS})`, "g");
const PORT = /(\d+|\$\{[^}]*\}|\$\w+)$/;

export function findRunserver(text: string): RunserverMatch[] {
  return [...text.matchAll(RUNSERVER)].map((match) => {
    const start = match.index ?? 0;
    const address = match[4];
    return {
      start,
      runserver: start + match[1].length + match[2].length,
      end: start + match[0].length,
      port: (address && PORT.exec(address)?.[1]) ?? "8000",
    };
  });
}

export const RUNSERVER_LENGTH = "runserver".length;
