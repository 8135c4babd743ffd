import * as fs from "fs";
import * as path from "path";
import type { Tokens } from "marked";
import { writeReview } from "../../app/write-review";
import { renderMarkdown, REVIEW_MARKER } from "../../lib/plan-review";
import { GITHUB_BODY_LIMIT, partIndexOf, partMarker, splitMarkdown } from "../../lib/text";
import { markdownTokens } from "../support/markdown";
import { mermaidBlocks } from "../support/mermaid";
import { reviewOf, stackPlan } from "../support/plan-review-fixtures";
import { tempDir } from "../support/workspace";

/*
 * Long reviews in comment-sized parts (lib/text/split-markdown): every part a complete markdown
 * document under GitHub's limit that says which part it is, and nothing lost or cut in between.
 */

/** 20,000 hosts in 313 clusters of up to 64, all redeployed by a traffic-mode change. */
const clusters = Object.fromEntries(
  Array.from({ length: 313 }, (_, c) => [
    `prod-cl${String(c).padStart(3, "0")}`,
    Array.from(
      { length: Math.min(64, 20_000 - c * 64) },
      (_, h) => `esx-${String(c * 64 + h).padStart(5, "0")}.dc01.corp.example.com`,
    ),
  ]),
);
const hosts = Object.values(clusters).flat();
const review = reviewOf(stackPlan({ modeBefore: "standard", modeAfter: "monitoring", clusters }));
const markdown = renderMarkdown(review);
const parts = splitMarkdown(markdown, GITHUB_BODY_LIMIT);

describe("a 20,000-host gap review", () => {
  test("is longer than a comment, and cut into parts each under the limit", () => {
    expect(hosts).toHaveLength(20_000);
    expect(markdown.length).toBeGreaterThan(2 * GITHUB_BODY_LIMIT);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  test("each part starts with its marker and says which part it is", () => {
    parts.forEach((part, i) => {
      const [marker, title] = part.split("\n");
      expect(marker).toBe(partMarker(REVIEW_MARKER, i + 1));
      expect(partIndexOf(part, REVIEW_MARKER)).toBe(i + 1);
      expect(title).toBe(
        `## Network Threat Protection plan review (part ${i + 1} of ${parts.length})`,
      );
    });
    expect(partMarker(REVIEW_MARKER, 1)).toBe(REVIEW_MARKER);
  });

  test("each part is complete markdown: its code blocks and details blocks close in it", () => {
    for (const part of parts) {
      const tokens = markdownTokens(part);
      const html = tokens
        .filter((t): t is Tokens.HTML => t.type === "html")
        .map((t) => t.raw)
        .join("");
      expect((html.match(/<details>/g) ?? []).length).toBe(
        (html.match(/<\/details>/g) ?? []).length,
      );
      for (const code of tokens.filter((t): t is Tokens.Code => t.type === "code")) {
        expect(code.raw.trimEnd()).toMatch(/\n```$/);
      }
      // No code span left open: every backtick is in a code span or a fenced block.
      const text = tokens.filter((t) => t.type === "text" && !("tokens" in t && t.tokens));
      for (const token of text) expect((token as Tokens.Text).text).not.toContain("`");
    }
  });

  test("every host is in a code span of some part, and the Mermaid diagram is whole in one", () => {
    const spans = new Set(
      parts.flatMap((part) =>
        markdownTokens(part)
          .filter((t): t is Tokens.Codespan => t.type === "codespan")
          .map((t) => t.text),
      ),
    );
    expect(hosts.filter((host) => !spans.has(host))).toEqual([]);
    const [diagram] = mermaidBlocks(markdown);
    expect(diagram).toContain("flowchart TD");
    expect(parts.flatMap(mermaidBlocks)).toEqual([diagram]);
  });

  test("the parts hold the whole review, in order", () => {
    const body = (document: string) => document.split("\n").slice(2).join("\n");
    const joined = parts
      .map(body)
      .join("\n")
      .replace(/\n{2,}/g, "\n");
    expect(joined.trim()).toBe(
      body(markdown)
        .replace(/\n{2,}/g, "\n")
        .trim(),
    );
  });

  test("writeReview writes the parts as plan-review.md, plan-review.2.md, … and drops old ones", () => {
    const outdir = tempDir("review-parts");
    const written = writeReview(outdir, review, { allowDisruptive: false });
    expect(written.parts.map((file) => path.basename(file))).toEqual(
      parts.map((_, i) => (i === 0 ? "plan-review.md" : `plan-review.${i + 1}.md`)),
    );
    expect(fs.readFileSync(written.parts[1], "utf8")).toBe(parts[1]);
    writeReview(outdir, reviewOf(stackPlan()), { allowDisruptive: false });
    expect(fs.readdirSync(outdir).sort()).toEqual(["plan-review.json", "plan-review.md"]);
  });
});

describe("splitMarkdown", () => {
  test("a document that fits is returned as it is", () => {
    const document = `${REVIEW_MARKER}\n## Title\n\ntext\n`;
    expect(splitMarkdown(document, 1000)).toEqual([document]);
  });

  test("breaks before a heading when the section fits in a part of its own", () => {
    const section = (name: string) => `### ${name}\n\n${"word ".repeat(30).trim()}\n`;
    const document = `<!-- report -->\n## Report\n\n${["a", "b", "c"].map(section).join("\n")}`;
    const split = splitMarkdown(document, 260);
    expect(split.map((part) => part.split("\n")[2])).toEqual(["", "", ""]);
    expect(split.map((part) => part.split("\n")[3])).toEqual(["### a", "### b", "### c"]);
    expect(split[1].split("\n").slice(0, 2)).toEqual([
      "<!-- report part 2 -->",
      "## Report (part 2 of 3)",
    ]);
  });

  test("a fenced block larger than a part is closed and reopened, its lines whole", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const document = `## Log\n\n\`\`\`text\n${lines.join("\n")}\n\`\`\`\n`;
    const split = splitMarkdown(document, 500);
    expect(split.length).toBeGreaterThan(1);
    const inside = split.flatMap((part) => {
      const blocks = markdownTokens(part).filter((t): t is Tokens.Code => t.type === "code");
      expect(blocks.map((b) => b.lang)).toEqual(["text"]);
      return blocks[0].text.split("\n");
    });
    expect(inside).toEqual(lines);
    for (const part of split) expect(part.length).toBeLessThanOrEqual(500);
  });

  test("a long line is cut at a space outside code spans", () => {
    const spans = Array.from({ length: 100 }, (_, i) => `\`host number ${i}\``).join(", ");
    const split = splitMarkdown(`## Hosts\n\n${spans}\n`, 400);
    const found = split.flatMap((part) =>
      markdownTokens(part)
        .filter((t): t is Tokens.Codespan => t.type === "codespan")
        .map((t) => t.text),
    );
    expect(found).toEqual(Array.from({ length: 100 }, (_, i) => `host number ${i}`));
  });
});
