import { test } from "node:test";
import assert from "node:assert/strict";
import { readDependencies } from "../../../server/src/analysis/project/dependencies";
import { djangoVersionRange, rangeOfSpecifiers } from "../../../server/src/analysis/project/djangoVersion";
import { parseRequirementsFile } from "../../../server/src/analysis/project/requirementsFile";

function deps(files: Record<string, string>, root = "") {
  return readDependencies({ root, files: Object.keys(files) }, (path) => files[path]);
}

test("requirements files: comments, options, markers, hashes, extras, URLs and continuations", () => {
  const parsed = parseRequirementsFile(
    [
      "# a comment",
      "--index-url https://pypi.example/simple",
      "Django>=4.2,<5.0  # LTS",
      "psycopg[binary]==3.2.3 ; python_version >= '3.10'",
      "gunicorn==23.0.0 \\",
      "    --hash=sha256:abc",
      "-e git+https://github.com/x/y.git#egg=y",
      "https://example.com/pkg-1.0-py3-none-any.whl",
      "./local/package",
      "whitenoise @ https://example.com/whitenoise.zip",
      "-r base.txt",
      "--requirement=extra.txt",
    ].join("\n"),
  );
  assert.deepEqual(
    parsed.requirements.map((r) => `${r.name} ${r.specifier} @${r.line}`),
    ["Django >=4.2,<5.0 @2", "psycopg ==3.2.3 @3", "gunicorn ==23.0.0 @4", "whitenoise  @9"],
  );
  assert.deepEqual(parsed.includes, ["base.txt", "extra.txt"]);
});

test("-r includes are followed relative to the including file, never above the project root", () => {
  const found = deps({
    "app/requirements/production.txt": "-r base.txt\n-r ../../outside.txt\n",
    "app/requirements/base.txt": "Django==4.2.17\ngunicorn\n",
    "outside.txt": "uvicorn\n",
    "app/manage.py": "",
  }, "app");
  assert.deepEqual(found.files, ["app/requirements/base.txt", "app/requirements/production.txt"]);
  assert.ok(found.packages.has("gunicorn"));
  assert.ok(!found.packages.has("uvicorn"));
});

test("pyproject: PEP 621 dependencies and optional groups, Poetry dependencies and groups, normalised names", () => {
  const pep621 = deps({ "pyproject.toml": `[project]\nname = "x"\ndependencies = [\n  "Django>=5.1,<5.2",\n  "uvicorn[standard]>=0.30",\n]\n[project.optional-dependencies]\ndev = ["pytest_Django>=4"]\n` });
  assert.deepEqual([...pep621.packages.keys()].sort(), ["django", "pytest-django", "uvicorn"]);
  assert.equal(pep621.packages.get("django")?.[0].line, 3);
  const poetry = deps({ "pyproject.toml": `[tool.poetry.dependencies]\npython = "^3.11"\nDjango = {version = "^4.2", extras = ["argon2"]}\n[tool.poetry.group.prod.dependencies]\nGunicorn = "*"\n` });
  assert.deepEqual([...poetry.packages.keys()].sort(), ["django", "gunicorn"]);
  assert.equal(poetry.packages.get("django")?.[0].specifier, "^4.2");
});

test("a pyproject.toml or setup.cfg that declares no dependencies is not a dependency file", () => {
  const found = deps({ "pyproject.toml": "[tool.ruff]\nline-length = 100\n", "setup.cfg": "[flake8]\nmax-line-length = 100\n" });
  assert.deepEqual(found.files, []);
});

test("Pipfile packages and setup.cfg install_requires (dangling and inline)", () => {
  const found = deps({
    Pipfile: `[packages]\ndjango = "==4.2.*"\nwaitress = {version = "*"}\n[dev-packages]\npytest = "*"\n`,
    "setup.cfg": "[metadata]\nname = x\n[options]\ninstall_requires =\n    hypercorn>=0.16\n    whitenoise; python_version>'3.8'\n",
  });
  assert.deepEqual(found.files, ["Pipfile", "setup.cfg"]);
  assert.deepEqual([...found.packages.keys()].sort(), ["django", "hypercorn", "pytest", "waitress", "whitenoise"]);
  assert.equal(found.packages.get("hypercorn")?.[0].line, 4);
});

test("Django version ranges from pip and Poetry specifiers", () => {
  const cases: Array<[string, boolean, boolean, boolean]> = [
    // specifier, certainlyAtLeast 5.1, certainlyAtLeast 4.2, certainlyBelow 4.2
    [">=5.1", true, true, false],
    ["==5.2.*", true, true, false],
    ["~=4.2", false, true, false],
    ["<4.2", false, false, true],
    ["==3.2.18", false, false, true],
    ["^4.2", false, true, false],
    [">=4.2,<5.0", false, true, false],
    ["==5.0.7", false, true, false],
    ["", false, false, false],
    ["*", false, false, false],
    ["<=4.2", false, false, false],
    [">=3.2,<4.2", false, false, true],
    ["^3.2||^5.1", false, false, false],
  ];
  for (const [specifier, atLeast51, atLeast42, below42] of cases) {
    const range = rangeOfSpecifiers([specifier]);
    assert.deepEqual([range.certainlyAtLeast("5.1"), range.certainlyAtLeast("4.2"), range.certainlyBelow("4.2")], [atLeast51, atLeast42, below42], specifier);
  }
  assert.equal(rangeOfSpecifiers(["^4.2"]).certainlyBelow("5.0"), true);
});

test("several declarations are alternatives: a claim holds only if it holds for each; no declaration is unknown", () => {
  const both = deps({ "requirements.txt": "Django==5.1.4\n", "pyproject.toml": `[project]\ndependencies = ["django>=4.2"]\n` });
  assert.equal(djangoVersionRange(both).certainlyAtLeast("5.1"), false);
  assert.equal(djangoVersionRange(both).certainlyAtLeast("4.2"), true);
  const none = djangoVersionRange(deps({ "requirements.txt": "gunicorn\n" }));
  assert.equal(none.certainlyAtLeast("1.0") || none.certainlyBelow("99"), false);
});
