import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { promptStories, renderPrompt } from '../support/prompt-stories.js';
import { BASE_URL, simulatedBackend } from '../support/scenario.js';

// `<mfa-prompt>` against a simulated backend with the fixture users (see the Playground story).
// (A line comment, not JSDoc: the docs page shows the element's own JSDoc from custom-elements.json.)
const meta = {
  title: 'Components/Prompt',
  component: 'mfa-prompt',
  tags: ['autodocs'],
  render: renderPrompt(),
  ...simulatedBackend,
  args: {
    'base-url': BASE_URL,
    username: 'alice',
    'about-url': 'https://example.com/what-is-this',
    'settings-url': 'https://example.com/settings',
    'help-url': 'https://example.com/help',
  },
  argTypes: {
    ...promptStories.argTypes,
    messages: { control: { type: 'object' } },
  },
  parameters: {
    scenario: {
      latencyMs: 300,
      scripts: {
        alice: { push: { action: 'approve', afterMs: 2500 }, call: { action: 'answer-and-press', afterMs: 2000 } },
        bob: { push: { action: 'deny', afterMs: 2500 } },
      },
    },
  },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * Try everything against the simulated backend: **alice** (three devices), **bob** (one phone), **carol** (no
 * device yet), **dave** (a remembered device), **erin** (denied). Their phones answer by themselves: alice's
 * approves a push after 2.5 s and answers a call after 2 s (a key a second later); bob's denies pushes. Change
 * `username` to start over; every state on its own is under **Prompt / States**.
 */
export const Playground: Story = {};

/** The side column's slots: a logo in `branding`, a line in `footer`. */
export const BrandingAndFooter: Story = {
  name: 'Branding and footer',
  render: renderPrompt(
    () => html`
      <span slot="branding" style="display: inline-flex; align-items: center; gap: 8px; font-weight: 600">
        <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="8" fill="#334155" />
          <path d="M9 23 16 8l7 15h-4l-3-7-3 7z" fill="#ffffff" />
        </svg>
        Example Corp
      </span>
      <span slot="footer">Secured by Example Corp IT</span>
    `,
  ),
};

/** The look through CSS custom properties only: a purple accent, square corners, a larger font. */
export const Themed: Story = {
  args: {
    '--mfa-color-accent': '#6f42c1',
    '--mfa-color-focus': '#6f42c1',
    '--mfa-radius': '0px',
    '--mfa-font-size': '17px',
  },
};

/** Texts in another language through the `messages` property (here French, on a `lang="fr"` page). */
export const Localised: Story = {
  decorators: [(story) => html`<div lang="fr">${story()}</div>`],
  args: {
    messages: {
      chooseMethod: 'Choisissez une méthode d’authentification',
      device: 'Appareil',
      methods: { push: 'M’envoyer une notification', phone: 'M’appeler', passcode: 'Saisir un code' },
      recommended: 'Recommandé',
      logIn: 'Se connecter',
      passcodeLabel: 'Code',
      sendCodes: 'Envoyer des codes',
      cancel: 'Annuler',
      dismiss: 'Fermer',
      retry: 'Réessayer',
      addDevice: 'Ajouter un appareil',
      loading: 'Vérification de votre compte...',
      links: { about: 'De quoi s’agit-il ?', settings: 'Mes paramètres et appareils', help: 'Besoin d’aide ?' },
      linksLabel: 'Aide et paramètres',
      opensInNewTab: '(s’ouvre dans un nouvel onglet)',
      rememberMe: (duration: string) => `Se souvenir de moi pendant ${duration}`,
      duration: (count: number, unit: string) =>
        `${count} ${{ day: 'jour', hour: 'heure', minute: 'minute', second: 'seconde' }[unit] ?? unit}${count > 1 ? 's' : ''}`,
    },
  },
};

/** What a developer sees before setting `base-url` (or the `adapter` property): a note saying what to set. */
export const NotConfigured: Story = {
  name: 'Not configured',
  args: { 'base-url': undefined, username: undefined },
};
