// The files whose changes on disk can change findings (RULES.md: settings, env files, dependency and
// deployment files, git ignores); the server registers them, or the VS Code client watches them itself.
export const watchedFileGlobs: readonly string[] = [
  "**/*.py",
  "**/.env*",
  "**/*.env",
  "**/manage.py",
  "**/requirements*.txt",
  "**/requirements/*.txt",
  "**/pyproject.toml",
  "**/Pipfile",
  "**/setup.cfg",
  "**/pytest.ini",
  "**/Procfile",
  "**/Dockerfile*",
  "**/*compose*.y*ml",
  "**/*.sh",
  "**/.gitignore",
  // The usual names of a baseline file (djangoReady.baseline, pyproject's baseline): their findings become hints.
  "**/*baseline*.json",
];
