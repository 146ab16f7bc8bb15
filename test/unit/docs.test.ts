import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The guides are how people pick the project up: a command that no longer exists or a link to a heading that was
// renamed sends a reader nowhere, and nobody notices until a newcomer trips on it. These tests fail on either, naming
// the file, its line and what is wrong.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = "README.md";
/** The reader's way in must stay one screen or two: the rest belongs in a guide. */
const README_MAX_LINES = 110;

const GUIDES = readdirSync(join(ROOT, "docs"))
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => `docs/${name}`);
const FILES = [README, "CONTRIBUTING.md", "PRIVACY.md", ...GUIDES];

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

// ---------------------------------------------------------------------------------------------------------------------
// Markdown, read as GitHub reads it, as far as commands, links and headings go.

interface Fence {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string[];
}

interface Markdown {
  fences: Fence[];
  /** Lines outside fences, with their 1-based numbers: where links and headings are. */
  prose: Array<{ line: number; text: string }>;
}

function parseMarkdown(text: string): Markdown {
  const fences: Fence[] = [];
  const prose: Markdown["prose"] = [];
  let open: (Fence & { marker: string }) | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (open) {
      if (raw.trim().startsWith(open.marker) && /^[`~]+$/.test(raw.trim())) {
        fences.push(open);
        open = undefined;
      } else {
        open.body.push(raw);
      }
      return;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(raw);
    if (fence) open = { marker: fence[1]!, lang: fence[2]!.toLowerCase(), line, body: [] };
    else prose.push({ line, text: raw });
  });
  if (open) fences.push(open);
  return { fences, prose };
}

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, each space a `-`. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a markdown file offers: its headings (a repeated one gets -1, -2, as GitHub does) and HTML ids. */
function anchorsOf(markdown: Markdown): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of markdown.prose) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (heading) {
      const base = slug(heading[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count ? `${base}-${count}` : base);
    }
    for (const html of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(html[1]!);
  }
  return anchors;
}

/** Relative link targets on a line, code spans left out (a path in backticks is text, not a link). */
function linksOn(text: string): string[] {
  const withoutCode = text.replace(/(`+)(?:(?!\1).)+\1/g, "code");
  const inline = [...withoutCode.matchAll(/!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(withoutCode);
  return [...inline, ...(definition ? [definition[1]!] : [])].filter((target) => !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target));
}

// ---------------------------------------------------------------------------------------------------------------------
// Shell commands, split as a shell would split the simple lines the guides give.

/** The words of each command on a line: `&&`, `||`, `;` and `|` separate commands, `#` starts a comment. */
function commandsOf(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let quote = "";
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === "#" && !inWord) {
      break;
    } else if (c === "&" && line[i + 1] === "&") {
      endCommand();
      i++;
    } else if (c === "|" || c === ";") {
      endCommand();
      if (line[i + 1] === "|") i++;
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** The commands of a fenced shell block, backslash continuations joined, a leading `$ ` prompt dropped. */
function shellCommands(fence: Fence): Array<{ line: number; words: string[] }> {
  const lines: Array<{ line: number; text: string }> = [];
  fence.body.forEach((text, i) => {
    const last = lines.at(-1);
    if (last?.text.endsWith("\\")) last.text = `${last.text.slice(0, -1)} ${text}`;
    else lines.push({ line: fence.line + 1 + i, text });
  });
  return lines.flatMap(({ line, text }) =>
    commandsOf(text.replace(/^\s*\$\s+/, "")).map((words) => ({
      line,
      // Variables set for one command (`CHROME_PATH=… npm start`) are not the command.
      words: words.slice(words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w))),
    })),
  );
}

/**
 * The `attune` subcommands, read from the CLI's own command table (the object literal COMMANDS in src/cli/attune.ts)
 * rather than listed here: importing attune.ts would run the CLI, and a copy of the list would drift.
 */
function cliCommands(): string[] {
  const file = join(ROOT, "src", "cli", "attune.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  let names: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === "COMMANDS" && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      names = node.initializer.properties.map((property) => {
        const name = property.name;
        if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) return name.text;
        throw new Error(`src/cli/attune.ts: COMMANDS has an entry this test cannot name (${property.getText(source)})`);
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!names?.length) throw new Error("src/cli/attune.ts: no COMMANDS object literal found; this test reads the attune subcommands from it");
  return names;
}
const ATTUNE_COMMANDS = cliCommands();

const firstArgument = (words: string[], from: number) => words.slice(from).find((w) => !w.startsWith("-"));

function attuneProblem(subcommand: string | undefined): string | undefined {
  if (!subcommand) return "runs `attune` without a subcommand";
  if (!ATTUNE_COMMANDS.includes(subcommand)) return `\`attune ${subcommand}\` is not a command of the CLI (it has: ${ATTUNE_COMMANDS.join(", ")})`;
  return undefined;
}

/** What is wrong with a command a guide tells people to run, if anything. Commands not Attune's own pass as they are. */
function commandProblem(words: string[]): string | undefined {
  const [program, ...args] = words;
  if (program === "npm") {
    const [sub] = args;
    if (sub === "run" || sub === "run-script") {
      const script = firstArgument(args, 1);
      if (!script) return "`npm run` names no script";
      return script in scripts ? undefined : `package.json has no script "${script}"`;
    }
    if ((sub === "start" || sub === "test") && !(sub in scripts)) return `package.json has no "${sub}" script`;
    return undefined;
  }
  if (program === "node") {
    const path = firstArgument(args, 0);
    if (!path) return undefined;
    if (!existsSync(join(ROOT, path))) return `there is no file ${path}`;
    if (path.replace(/^\.\//, "") === "bin/attune.mjs") return attuneProblem(args[args.indexOf(path) + 1]);
    return undefined;
  }
  if (program === "npx") {
    const at = args.findIndex((w) => !w.startsWith("-"));
    return at >= 0 && args[at] === "attune" ? attuneProblem(args[at + 1]) : undefined;
  }
  if (program === "attune") return attuneProblem(args[0]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------

const parsed = new Map(FILES.map((file) => [file, parseMarkdown(read(file))]));
const anchorCache = new Map<string, Set<string>>();
function anchorsIn(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) anchorCache.set(file, (anchors = anchorsOf(parsed.get(file) ?? parseMarkdown(read(file)))));
  return anchors;
}

/** Each relative link of a file, resolved to a path from the repository's root. */
function linksOf(file: string): Array<{ line: number; target: string; path: string; anchor: string | undefined }> {
  return parsed.get(file)!.prose.flatMap(({ line, text }) =>
    linksOn(text).map((target) => {
      const [pathPart = "", anchor] = target.split("#", 2) as [string, string | undefined];
      const absolute = pathPart ? resolve(ROOT, dirname(file), decodeURIComponent(pathPart)) : join(ROOT, file);
      return { line, target, path: relative(ROOT, absolute).split(sep).join("/"), anchor };
    }),
  );
}

describe("the helpers read markdown and shell as GitHub and a shell do", () => {
  it("makes GitHub's anchors", () => {
    expect(slug("Managed deployment (enterprise policy)")).toBe("managed-deployment-enterprise-policy");
    expect(slug("What `npm test` checks")).toBe("what-npm-test-checks");
    expect(slug("Conversation events — the one input format")).toBe("conversation-events--the-one-input-format");
    expect([...anchorsOf(parseMarkdown("# A\n## A\n```\n# not a heading\n```\n## A"))]).toEqual(["a", "a-1", "a-2"]);
  });

  it("splits commands, leaving comments and quoted separators alone", () => {
    expect(commandsOf("npm install && npm start      # builds; then opens")).toEqual([["npm", "install"], ["npm", "start"]]);
    expect(commandsOf(`npx attune signals "why|how" --lang en | head; git status`)).toEqual([["npx", "attune", "signals", "why|how", "--lang", "en"], ["head"], ["git", "status"]]);
  });

  it("finds the CLI's subcommands in its command table", () => {
    expect(ATTUNE_COMMANDS).toContain("check");
    expect(ATTUNE_COMMANDS).toContain("test-rules");
  });
});

describe.each(FILES)("%s", (file) => {
  it("gives only shell commands that exist: npm scripts, files run by node, attune subcommands", () => {
    const problems = parsed
      .get(file)!
      .fences.filter((fence) => ["sh", "bash", "shell"].includes(fence.lang))
      .flatMap(shellCommands)
      .flatMap(({ line, words }) => {
        const problem = commandProblem(words);
        return problem ? [`${file}:${line}: \`${words.join(" ")}\`: ${problem}`] : [];
      });
    expect(problems).toEqual([]);
  });

  it("links only to files that exist, and to headings that exist in them", () => {
    const problems = linksOf(file).flatMap(({ line, target, path, anchor }) => {
      const where = `${file}:${line}: (${target})`;
      if (path.startsWith("../")) return [`${where}: points outside the repository`];
      if (!existsSync(join(ROOT, path))) return [`${where}: there is no ${path}`];
      if (anchor === undefined) return [];
      if (!path.endsWith(".md")) return [`${where}: an anchor into ${path}, which is not markdown`];
      return anchorsIn(path).has(anchor) ? [] : [`${where}: ${path} has no heading with the anchor #${anchor}`];
    });
    expect(problems).toEqual([]);
  });
});

describe("the README", () => {
  const lines = read(README).replace(/\n+$/, "").split("\n").length;

  it(`stays at most ${README_MAX_LINES} lines: the rest belongs in a guide`, () => {
    expect(lines, `README.md has ${lines} lines`).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it("links every guide in docs/ and CONTRIBUTING.md", () => {
    const linked = new Set(linksOf(README).map(({ path }) => path));
    expect([...GUIDES, "CONTRIBUTING.md"].filter((guide) => !linked.has(guide)).map((guide) => `README.md does not link ${guide}`)).toEqual([]);
  });
});
