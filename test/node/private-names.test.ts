/**
 * The names the CDN build lets terser rename (scripts/private-names.ts): terser renames a property name
 * everywhere in the bundle, so only a private member that nothing can reach by its name may be renamed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateMemberNames } from '../../scripts/private-names.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'private-names-'));
  mkdirSync(join(dir, 'elements'));
  writeFileSync(
    join(dir, 'elements', 'card.ts'),
    `
    export class Card extends HTMLElement {
      private renderBody() {}
      private timerHandle = 0;
      private onKey = () => {};
      @state() private expanded = false;
      private shared = 1;
      private bound = 2;
      private asked = 3;
      constructor(private readonly source: string) { super(); }
      render() { return html\`<x-part .bound=\${this.bound}></x-part>\`; }
      updated(changed: Map<string, unknown>) { return changed.has('asked'); }
    }`,
  );
  writeFileSync(
    join(dir, 'other.ts'),
    `
    export interface Options { shared?: number }
    export class Other { source = ''; }
    export const made = { timerHandle: 1 }.timerHandle;`,
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('private member names the CDN build may rename', () => {
  test('a private method, field or arrow-function field qualifies, in every folder', () => {
    assert.deepEqual(privateMemberNames(dir), ['onKey', 'renderBody']);
  });

  test('left out: a decorated member (Lit registers it by name)', () => {
    assert.ok(!privateMemberNames(dir).includes('expanded'));
  });

  test('left out: a name that is also public somewhere, an interface property or an object key', () => {
    const names = privateMemberNames(dir);
    for (const name of ['source', 'shared', 'timerHandle']) assert.ok(!names.includes(name), name);
  });

  test('left out: a name written in a template or a string', () => {
    const names = privateMemberNames(dir);
    for (const name of ['bound', 'asked']) assert.ok(!names.includes(name), name);
  });

  test("the elements' reactive properties and context members are never among src/'s names", () => {
    const names = privateMemberNames(join(import.meta.dirname, '../../src'));
    assert.ok(names.length > 0);
    for (const name of ['flow', 'adapter', 'state', 'value', 'render', 'host']) assert.ok(!names.includes(name), name);
  });
});
