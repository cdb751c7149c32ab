import type { StorybookConfig } from '@storybook/web-components-vite';

// Storybook for designers and developers: every state of every element, docs generated from the elements'
// JSDoc (through custom-elements.json, made by `npm run analyze` before `storybook` and `build-storybook`).
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // No calls home: this machine and CI reach only the package registries.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // No onboarding checklist ("Get started") in the sidebar or the menu: this Storybook is for the prompt.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  // MSW's worker must be served from the site root (/mockServiceWorker.js) so its scope covers the stories.
  staticDirs: ['../public'],
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    // Storybook loads ../vite.config.ts (the demo page's and the CDN bundle's settings): it already drops
    // `build` and `root`; drop the rest of the demo's page settings too, so only Storybook's own apply.
    delete config.preview;
    config.publicDir = false;
    if (config.server) {
      delete config.server.port;
      delete config.server.host;
    }
    return mergeConfig(config, {
      // Pre-bundled together with Storybook's renderer: otherwise `storybook dev` loads two copies of Lit.
      optimizeDeps: {
        include: ['lit', 'lit/directive-helpers.js', 'lit/directive.js', 'lit/static-html.js', '@lit/context', 'msw', 'msw/browser'],
      },
      build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
    });
  },
};

export default config;
