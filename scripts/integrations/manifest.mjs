/**
 * Reads the Custom Elements Manifest and prepares the copy the generators read.
 *
 * The manifest comes either from `npm run build` (module paths already in dist/, e.g.
 * `dist/elements/mfa-prompt.js`) or from `cem analyze` on the sources (`src/elements/mfa-prompt.ts`):
 * `distPath` maps both to the file the package ships.
 *
 * The generators (custom-element-*-integration) print a member's type as written in the manifest (`AutoMethod |
 * undefined`), which means nothing in a file of their own. So every public attribute and property gets a
 * `tsType` that resolves from the output folder (`import("../elements/mfa-prompt.js").MfaPrompt["autoMethod"]`),
 * read through the generators' `typesSrc` option: the types stay those of the classes, never copied.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `src/elements/mfa-prompt.ts` or `dist/elements/mfa-prompt.js` → `elements/mfa-prompt.js` (relative to dist/). */
export function distPath(modulePath) {
  const clean = modulePath.replace(/^\.?\//, '');
  const src = /^src\/(.+)\.ts$/.exec(clean);
  if (src) return `${src[1]}.js`;
  const dist = /^dist\/(.+\.js)$/.exec(clean);
  if (dist) return dist[1];
  throw new Error(`build-integrations: cannot map the manifest's module path "${modulePath}" to a file in dist/`);
}

/**
 * Loads the manifest and lists its custom elements with what the generators need.
 * @returns {{ manifest: object, elements: Array<{ className: string, tagName: string, module: string, declaration: object }>,
 *   eventModules: Map<string, string> }}
 */
export function loadManifest(file) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`build-integrations: cannot read the manifest "${file}": ${error.message}`);
  }
  const elements = [];
  // Event class name → module (dist-relative) that exports it, for typed handlers.
  const eventModules = new Map();
  for (const mod of manifest.modules ?? []) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.kind !== 'class') continue;
      if (declaration.customElement && declaration.tagName) {
        elements.push({ className: declaration.name, tagName: declaration.tagName, module: distPath(mod.path), declaration });
      } else if (/Event$/.test(declaration.name)) {
        eventModules.set(declaration.name, distPath(mod.path));
      }
    }
  }
  if (elements.length === 0) throw new Error(`build-integrations: no custom elements with a tag name in "${file}"`);
  elements.sort((a, b) => a.tagName.localeCompare(b.tagName));
  return { manifest, elements, eventModules };
}

/** A relative import specifier from one dist-relative file to another. */
export function importPath(fromFile, toFile) {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The event's type as a TypeScript type usable from `fromFile`: the package's own event class
 * (`import("../elements/events.js").MfaSuccessEvent`), a DOM type (`Event`) as is.
 */
export function eventType(event, eventModules, fromFile) {
  const name = event.type?.text?.trim();
  if (!name) return 'Event';
  const module = eventModules.get(name);
  if (module) return `import(${JSON.stringify(importPath(fromFile, module))}).${name}`;
  if (/^[A-Z]\w*Event$/.test(name) || name === 'Event') return name; // a DOM event type
  throw new Error(`build-integrations: event "${event.name}" has type "${name}", which is neither the package's nor the DOM's`);
}

/**
 * A copy of the manifest for the type generators, for files written to `fromFile`'s folder:
 * - read-only members (`flow` and `state` of `<mfa-prompt>` are getters) are left out: setting them throws;
 * - every attribute and property carries `tsType`, resolvable from the output file;
 * - every event's type is a placeholder that `replaceEventPlaceholders` turns into the event class, because the
 *   generators wrap it in `CustomEvent<...>`, which would make `detail` the event itself.
 */
export function generatorManifest({ manifest, eventModules }, fromFile) {
  const copy = structuredClone(manifest);
  const events = [];
  for (const mod of copy.modules ?? []) {
    for (const declaration of mod.declarations ?? []) {
      if (!(declaration.kind === 'class' && declaration.customElement && declaration.tagName)) continue;
      const classType = `import(${JSON.stringify(importPath(fromFile, distPath(mod.path)))}).${declaration.name}`;
      declaration.members = (declaration.members ?? []).filter((member) => !member.readonly);
      for (const member of declaration.members) {
        if (member.kind === 'field') member.tsType = { text: `${classType}[${JSON.stringify(member.name)}]` };
      }
      for (const attribute of declaration.attributes ?? []) {
        // An attribute without a field (`color-scheme`, read by CSS only) has only its documented type.
        const text = attribute.fieldName
          ? `${classType}[${JSON.stringify(attribute.fieldName)}]`
          : attribute.type?.text ?? 'string';
        attribute.tsType = { text };
      }
      for (const event of declaration.events ?? []) {
        events.push(eventType(event, eventModules, fromFile));
        event.type = { text: `__EVENT_${events.length - 1}__` };
      }
    }
  }
  return { manifest: copy, events };
}

/**
 * `CustomEvent<__EVENT_3__>` → the event class. Fails when a placeholder is left or found elsewhere, which
 * means a generator's template changed: better a failed build than handlers typed `any`.
 */
export function replaceEventPlaceholders(text, events, generator) {
  const replaced = text.replace(/CustomEvent<\s*__EVENT_(\d+)__\s*>/g, (_, index) => events[Number(index)]);
  if (/__EVENT_\d+__/.test(replaced)) {
    throw new Error(`build-integrations: ${generator} printed an event type in an unexpected form; update the placeholder handling`);
  }
  return replaced;
}
