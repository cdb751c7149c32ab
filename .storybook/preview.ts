import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import manifest from '../custom-elements.json';
import { argTypesFromManifest, descriptionFromManifest } from '../stories/support/manifest.js';
import { BASE_URL } from '../stories/support/scenario.js';
import { localeGlobalType, withLocale } from '../stories/support/locale.js';
import { defineMfaElements } from '../src/define.js';

// Generated from the elements' JSDoc by `npm run analyze` (run before `storybook` and `build-storybook`).
setCustomElementsManifest(manifest);
// An explicit call: a production build may drop a bare `import '../src/define.js'` as side-effect free.
defineMfaElements();

/** One service worker for all stories; each story installs its own simulated backend (stories/support/scenario.ts). */
let worker: Promise<SetupWorker> | undefined;
function startWorker(): Promise<SetupWorker> {
  worker ??= (async () => {
    const started = setupWorker();
    await started.start({
      serviceWorker: { url: './mockServiceWorker.js' },
      quiet: true,
      onUnhandledRequest(request, print) {
        // A request to the simulated backend that no handler answers is a broken story: say so loudly.
        if (new URL(request.url).pathname.startsWith(`${BASE_URL}/`)) print.error();
      },
    });
    return started;
  })();
  return worker;
}
const storyLoader = mswLoader(startWorker);

const preview: Preview = {
  // The toolbar's Language menu: every story in any locale, the pseudo-locale included (stories/support/locale.ts).
  globalTypes: { locale: localeGlobalType },
  initialGlobals: { locale: 'en' },
  decorators: [withLocale],
  loaders: [
    // A story alone starts from no handlers (the addon's loader resets them). A docs page renders all its
    // stories inline at once: there each story adds its handlers beside the others', under its own base URL.
    async (context) => {
      if (context.viewMode !== 'docs') return storyLoader(context);
      (context as typeof context & { msw?: SetupWorker }).msw = await startWorker();
      return {};
    },
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
    docs: {
      // Stories inline on docs pages, so the page's controls drive them and each takes the height of its
      // content; each has its own simulated backend under a base URL of its own (support/scenario.ts).
      story: { inline: true },
      extractArgTypes: argTypesFromManifest,
      extractComponentDescription: descriptionFromManifest,
    },
    options: {
      storySort: {
        order: [
          'Introduction',
          'Components',
          ['Prompt', '*'],
          'Prompt',
          ['States', ['Choosing', 'Push', 'Call', 'Passcode', 'Security key', 'Outcome', 'Network', 'Layout'], 'Flows'],
        ],
      },
    },
  },
};

export default preview;
