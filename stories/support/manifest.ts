/**
 * Controls and docs tables from the Custom Elements Manifest (`custom-elements.json`, generated from the
 * elements' JSDoc), and one render function that applies those args to any element. A new attribute, CSS
 * property or event in an element's JSDoc shows up in its story's controls and docs without touching a story.
 *
 * Storybook's own extraction keys every row by its bare name, so an attribute, a slot and a CSS part with
 * the same name (`hint`, `error`, `label`) overwrite each other; here slots, parts and events get their own
 * keys (`slot:hint`, `part:hint`, `event:mfa-success`) and the table shows the bare name.
 */
import { getCustomElements } from '@storybook/web-components-vite';
import type { ArgTypes, Args, StoryContext } from '@storybook/web-components-vite';
import { noChange, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { Directive, directive, PartType } from 'lit/directive.js';
import type { ElementPart, PartInfo } from 'lit/directive.js';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';

interface Described {
  name: string;
  description?: string;
  summary?: string;
  type?: { text?: string };
  default?: string;
}
interface ManifestAttribute extends Described {
  fieldName?: string;
}
interface ManifestMember extends Described {
  kind: 'field' | 'method';
  readonly?: boolean;
  static?: boolean;
  privacy?: string;
  parameters?: { name: string; optional?: boolean; type?: { text?: string } }[];
  return?: { type?: { text?: string } };
}
export interface ManifestElement {
  name: string;
  tagName: string;
  summary?: string;
  description?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
interface Manifest {
  modules?: { declarations?: Array<Partial<ManifestElement> & { kind?: string }> }[];
}

/** The element's entry in the manifest, or undefined (not generated yet, or not an element). */
export function manifestEntry(tagName: string): ManifestElement | undefined {
  const manifest = getCustomElements() as Manifest | undefined;
  for (const module of manifest?.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName === tagName) return declaration as ManifestElement;
    }
  }
  return undefined;
}

type Category = 'attributes' | 'properties' | 'methods' | 'events' | 'slots' | 'css custom properties' | 'css shadow parts';

/** The `on...` arg Storybook's actions fill in for an event: `mfa-success` → `onMfaSuccess`. */
export function actionArgName(event: string): string {
  return 'on' + event.replace(/(^|[-_:.\s]+)(\w)/g, (_match, _separator, chr: string) => chr.toUpperCase());
}

/** `'push' | 'phone' | null | undefined` → ['push', 'phone']; undefined when the type is not such a union. */
function literalOptions(typeText: string): string[] | undefined {
  const members = typeText.split('|').map((member) => member.trim());
  const literals = members.filter((member) => /^'[^']*'$/.test(member)).map((member) => member.slice(1, -1));
  const rest = members.filter((member) => !/^'[^']*'$/.test(member) && member !== 'null' && member !== 'undefined');
  return literals.length > 0 && rest.length === 0 ? literals : undefined;
}

function defaultSummary(value: string | undefined): string | undefined {
  return value === undefined || value === 'undefined' ? undefined : value.replace(/(\d)_(\d)/g, '$1$2');
}

function row(item: Described, category: Category, extra: Record<string, unknown> = {}) {
  const type = item.type?.text;
  return {
    name: item.name,
    description: item.description ?? item.summary ?? '',
    table: {
      category,
      ...(type ? { type: { summary: type } } : {}),
      ...(defaultSummary(item.default) ? { defaultValue: { summary: defaultSummary(item.default) } } : {}),
    },
    ...extra,
  };
}

/** `(options?: FocusOptions) => void`: a method's type as the docs table shows it. */
function signature(method: ManifestMember): string {
  const parameters = (method.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`);
  return `(${parameters.join(', ')}) => ${method.return?.type?.text ?? 'void'}`;
}

/** A control for an attribute, from its type: booleans, numbers, unions of string literals, strings. */
function attributeControl(attribute: ManifestAttribute): Record<string, unknown> {
  const type = attribute.type?.text ?? 'string';
  const options = literalOptions(type);
  if (options) return { control: { type: 'select' }, options: [undefined, ...options] };
  if (/^boolean\b/.test(type)) return { control: { type: 'boolean' } };
  if (/^number\b/.test(type)) return { control: { type: 'number' } };
  return { control: { type: 'text' } };
}

/**
 * The argTypes of an element, from the manifest: attributes (with controls), properties (controls for
 * those without an attribute are opt-in per story, e.g. `devices: { control: 'object' }`), public methods, events
 * (logged in the Actions panel), slots, CSS custom properties (with controls: they are applied as inline
 * styles) and CSS parts. Used as `parameters.docs.extractArgTypes` for every story.
 */
export function argTypesFromManifest(tagName: string): ArgTypes | null {
  const element = manifestEntry(tagName);
  if (!element) return null;
  const argTypes: ArgTypes = {};
  const attributes = element.attributes ?? [];
  for (const attribute of attributes) argTypes[attribute.name] = row(attribute, 'attributes', attributeControl(attribute));
  for (const member of element.members ?? []) {
    if (member.static || member.privacy) continue;
    if (member.kind === 'method') {
      // Public methods (restart(), focus(), clear()): documented, not controls. Keyed apart from a field of the same name.
      argTypes[`method:${member.name}`] = row({ ...member, name: `${member.name}()`, type: { text: signature(member) } }, 'methods', {
        control: false,
      });
      continue;
    }
    const attribute = attributes.find((candidate) => candidate.fieldName === member.name);
    if (attribute?.name === member.name) {
      // One row for both: the attribute's, with its control.
      const shared = argTypes[attribute.name]!;
      shared.description = `${shared.description ?? ''}\n\nAlso the \`${member.name}\` property.`.trim();
      continue;
    }
    const description = attribute
      ? `${member.description ?? ''}\n\nReflects the \`${attribute.name}\` attribute (set it there).`
      : `${member.description ?? ''}${member.readonly ? '\n\nRead-only.' : ''}`;
    argTypes[member.name] = row({ ...member, description: description.trim() }, 'properties', { control: false });
  }
  for (const event of element.events ?? []) {
    argTypes[actionArgName(event.name)] = { name: actionArgName(event.name), action: event.name, table: { disable: true } };
    argTypes[`event:${event.name}`] = row(event, 'events', { control: false });
  }
  for (const slot of element.slots ?? []) {
    argTypes[`slot:${slot.name || 'default'}`] = row({ ...slot, name: slot.name || '(default)' }, 'slots', { control: false });
  }
  for (const property of element.cssProperties ?? []) {
    const control = /color/.test(property.name) ? { type: 'color' } : { type: 'text' };
    argTypes[property.name] = row(property, 'css custom properties', { control });
  }
  for (const part of element.cssParts ?? []) {
    argTypes[`part:${part.name}`] = row(part, 'css shadow parts', { control: false });
  }
  return argTypes;
}

/** The docs page's description: the summary, then the JSDoc text. */
export function descriptionFromManifest(tagName: string): string | null {
  const element = manifestEntry(tagName);
  if (!element) return null;
  const { summary = '', description = '' } = element;
  return description.startsWith(summary) ? description : [summary, description].filter(Boolean).join('\n\n');
}

// ---- Rendering args onto an element ---------------------------------------------------------------------

type ArgKind = { kind: 'attribute' } | { kind: 'property' } | { kind: 'css' } | { kind: 'event'; event: string };

function argKind(key: string, argTypes: StoryContext['argTypes']): ArgKind | undefined {
  const argType = argTypes[key];
  if (argType?.action && typeof argType.action === 'string') return { kind: 'event', event: argType.action };
  const category = argType?.table?.category;
  if (category === 'attributes') return { kind: 'attribute' };
  if (category === 'properties') return { kind: 'property' };
  if (category === 'css custom properties' || key.startsWith('--')) return { kind: 'css' };
  return undefined;
}

/** Element-position directive: sets attributes, properties, inline CSS custom properties and listeners. */
class ApplyArgs extends Directive {
  private listeners = new Map<string, EventListener>();
  private attributes = new Set<string>();
  private styles = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('applyArgs() belongs on an element: <x-y ${applyArgs(...)}>');
  }

  render(_args: Args, _argTypes: StoryContext['argTypes']): unknown {
    return nothing;
  }

  override update(part: ElementPart, [args, argTypes]: [Args, StoryContext['argTypes']]): unknown {
    const element = part.element as HTMLElement & Record<string, unknown>;
    const attributes = new Set<string>();
    const styles = new Set<string>();
    const listeners = new Map<string, EventListener>();
    for (const [key, value] of Object.entries(args)) {
      const kind = argKind(key, argTypes);
      if (!kind) continue;
      if (kind.kind === 'attribute') {
        if (value === undefined || value === null || value === false || value === '') continue;
        element.setAttribute(key, value === true ? '' : String(value));
        attributes.add(key);
      } else if (kind.kind === 'property') {
        if (value !== undefined) element[key] = value;
      } else if (kind.kind === 'css') {
        if (value === undefined || value === '') continue;
        element.style.setProperty(key, String(value));
        styles.add(key);
      } else if (kind.kind === 'event' && typeof value === 'function') {
        listeners.set(kind.event, value as EventListener);
      }
    }
    for (const name of this.attributes) if (!attributes.has(name)) element.removeAttribute(name);
    for (const name of this.styles) if (!styles.has(name)) element.style.removeProperty(name);
    if (element.getAttribute('style') === '') element.removeAttribute('style');
    for (const [event, listener] of this.listeners) {
      if (listeners.get(event) !== listener) element.removeEventListener(event, listener);
    }
    for (const [event, listener] of listeners) {
      if (this.listeners.get(event) !== listener) element.addEventListener(event, listener);
    }
    this.attributes = attributes;
    this.styles = styles;
    this.listeners = listeners;
    return noChange;
  }
}

export const applyArgs = directive(ApplyArgs);

/**
 * The render function every element story uses: `<tag>` with the story's args applied by kind (attribute,
 * property, CSS custom property, event listener), and optional children (light-DOM content, slots).
 */
export function renderElement(
  children?: (args: Args, context: StoryContext) => TemplateResult | typeof nothing,
): (args: Args, context: StoryContext) => TemplateResult {
  return (args, context) => {
    const tag = unsafeStatic(context.component as string);
    return staticHtml`<${tag} ${applyArgs(args, context.argTypes)}>${children ? children(args, context) : nothing}</${tag}>`;
  };
}
