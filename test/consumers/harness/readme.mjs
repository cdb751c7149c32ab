// The README's usage snippets, taken from README.md as written so that the consumer apps check the very
// text a newcomer copies: the fenced code blocks of the "## Use it in a page" section (up to the next
// "## " heading).
import { readFileSync } from 'node:fs';

const SECTION = '## Use it in a page';

/** Every fenced block of the usage section: `{ lang, code, line }` (line: 1-based, of the opening fence). */
export function usageBlocks(readmePath) {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section: the consumer apps take their snippets from it.`);
  const blocks = [];
  let open;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i];
    if (!open && /^## /.test(line)) break;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence && !open) open = { lang: fence[1], code: [], line: i + 1 };
    else if (fence && open) {
      blocks.push({ lang: open.lang, code: `${open.code.join('\n')}\n`, line: open.line });
      open = undefined;
    } else if (open) open.code.push(line);
  }
  return blocks;
}

/** The usage section's TypeScript blocks, joined into one module (each prefixed with where it came from). */
export function typeScriptSnippet(readmePath) {
  const blocks = usageBlocks(readmePath).filter((block) => block.lang === 'ts' || block.lang === 'typescript');
  if (blocks.length === 0) throw new Error(`README.md's "${SECTION}" section has no \`\`\`ts block to type-check.`);
  return blocks.map((block) => `// README.md line ${block.line}, as written:\n${block.code}`).join('\n');
}

/** The usage section's HTML block that loads the CDN bundle with `<script type="module" src=".../mfa-prompt.js">`. */
export function cdnHtmlSnippet(readmePath) {
  const block = usageBlocks(readmePath).find((b) => b.lang === 'html' && CDN_SCRIPT.test(b.code));
  if (!block) {
    throw new Error(`README.md's "${SECTION}" section has no \`\`\`html block with <script type="module" src=".../dist/cdn/mfa-prompt.js">.`);
  }
  return block;
}

/** The CDN bundle's URL in the README's HTML snippet. */
export const CDN_SCRIPT = /(<script type="module" src=")[^"]*\/dist\/cdn\/mfa-prompt\.js(")/;
