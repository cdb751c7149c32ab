import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import manifest from '../custom-elements.json';
import { argTypesFromManifest, descriptionFromManifest } from '../stories/support/manifest.js';
import { BASE_URL } from '../stories/support/scenario.js';
import { localeGlobalType, withLocale } from '../stories/support/locale.js';
import { defineMfaElements } from '../src/define.js';

// Generated from the elements' JSDoc by `npm run analyze` (run before `storybook` and `build-storybook`).
setCustomElementsManifest(manifest);
// An explicit call: a production build may drop a bare `import '../src/define.js'` as side-effect free.
defineMfaElements();

const preview: Preview = {
  // The toolbar's Language menu: every story in any locale, the pseudo-locale included (stories/support/locale.ts).
  globalTypes: { locale: localeGlobalType },
  initialGlobals: { locale: 'en' },
  decorators: [withLocale],
  loaders: [
    // One service worker for all stories; each story installs its own simulated backend (stories/support/scenario.ts).
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        serviceWorker: { url: './mockServiceWorker.js' },
        quiet: true,
        onUnhandledRequest(request, print) {
          // A request to the simulated backend that no handler answers is a broken story: say so loudly.
          if (new URL(request.url).pathname.startsWith(`${BASE_URL}/`)) print.error();
        },
      });
      return worker;
    }),
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
    docs: {
      // Each story in a frame of its own on docs pages: each has its own simulated backend and MSW handlers.
      story: { inline: false, iframeHeight: 440 },
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
