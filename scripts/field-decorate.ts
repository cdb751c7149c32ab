// A smaller decorator helper for the CDN bundle (vite.config.ts).
//
// With `experimentalDecorators`, every `@property()`, `@state()`, `@query()` and `@consume()` compiles to a call
// of TypeScript's `__decorate` helper, which Rolldown adds from its own runtime. That helper serves every kind of
// decorator (class, method, accessor, field) and hands the work to `Reflect.decorate` when a metadata polyfill
// provides one. src/ decorates class fields only, for which all of that comes down to: call the decorators last
// to first, each with the descriptor the previous one returned, and define the last descriptor, if any (Lit's
// `@query` returns one; `reflect-metadata`'s `Reflect.decorate` does exactly this for a field). 114 B gzip.
//
// The plugin checks every call as the modules are compiled: a decorator on anything but a class field (a method,
// an accessor, a class) stops the build, and so does a Rolldown whose helper has another module id (the
// smaller helper would then silently not apply).
import { parseSync, Visitor, type Plugin } from 'vite';

const HELPER_ID = /^\0@oxc-project\+runtime@[^/]+\/helpers\/esm\/decorate\.js$/;
const HELPER_IMPORT = '@oxc-project/runtime/helpers/decorate';

const FIELD_DECORATE = `export default function __decorate(decorators, target, key, descriptor) {
  for (let i = decorators.length; i--; ) descriptor = decorators[i](target, key, descriptor) || descriptor;
  if (descriptor) Object.defineProperty(target, key, descriptor);
}
`;

export function fieldDecorate(): Plugin {
  let replaced = false;
  return {
    name: 'mfa-prompt:field-decorate',
    transform(code, id) {
      if (HELPER_ID.test(id)) {
        replaced = true;
        return { code: FIELD_DECORATE, map: null };
      }
      if (!code.includes(HELPER_IMPORT)) return null;
      const { program } = parseSync(id, code);
      const local = program.body.flatMap((node) =>
        node.type === 'ImportDeclaration' && node.source.value === HELPER_IMPORT
          ? node.specifiers.filter((s) => s.type === 'ImportDefaultSpecifier').map((s) => s.local.name)
          : [],
      );
      const misplaced: string[] = [];
      new Visitor({
        CallExpression(call) {
          if (call.callee.type !== 'Identifier' || !local.includes(call.callee.name)) return;
          // A field: (decorators, prototype or class, "name", void 0); a method or accessor passes null, a class
          // decorator two arguments.
          const last = call.arguments[3];
          const field = call.arguments.length === 4 && last.type === 'UnaryExpression' && last.operator === 'void';
          if (!field) misplaced.push(code.slice(call.start, call.end).replace(/\s+/g, ' ').slice(0, 120));
        },
      }).visit(program);
      if (misplaced.length) {
        this.error(
          `${id}: the CDN build's decorator helper (scripts/field-decorate.ts) serves class fields only, not: ` +
            misplaced.join('; '),
        );
      }
      return null;
    },
    buildEnd(error) {
      if (!error && !replaced) {
        this.error(`Rolldown's __decorate helper was not found (scripts/field-decorate.ts expects ${HELPER_ID}).`);
      }
    },
  };
}
