/**
 * `<mfa-prompt>`'s links: the side column's list and the enroll phase's "Add a new device". A link with an
 * http(s) URL opens it in a new tab; without one it is a button, and the host handles `mfa-link`.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { FlowState } from '../flow/index.js';
import type { MfaLink } from './events.js';
import type { PromptText } from './mfa-prompt.messages.js';

/** Dispatches `mfa-link`; prevents the click's navigation when the host canceled it. */
export type LinkHandler = (event: Event, link: MfaLink) => void;

/** The host's URLs for the side links: `<mfa-prompt>`'s `about-url`, `settings-url` and `help-url`. */
export interface LinkUrls {
  aboutUrl?: string | undefined;
  settingsUrl?: string | undefined;
  helpUrl?: string | undefined;
}

/**
 * Only http(s) links: a `javascript:` or `data:` URL from a backend or an attribute must never reach an `href`.
 * Relative URLs resolve against the page, as the link itself will.
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url, document.baseURI);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rule 22, **host links win**: the host's `add-device-url` when set, else the backend's enrollment URL;
 * a link only if that URL is http(s). A host URL that is not makes a button (`mfa-link`), never the backend's.
 */
export function addDeviceHref(hostUrl: string | undefined, state: FlowState | undefined): string | undefined {
  return safeUrl(hostUrl ? hostUrl : state?.enrollUrl);
}

/** The enroll phase's prominent "Add a new device". */
export function renderEnrollLink(url: string | undefined, t: PromptText, onLink: LinkHandler): TemplateResult {
  return url
    ? html`<a
        class="button enroll-link"
        part="enroll-link"
        href=${url}
        target="_blank"
        rel="noopener noreferrer"
        @click=${(event: Event) => onLink(event, 'add-device')}
        >${t.addDevice}<span class="visually-hidden"> ${t.opensInNewTab}</span></a
      >`
    : html`<button
        type="button"
        class="button enroll-link"
        part="enroll-link"
        @click=${(event: Event) => onLink(event, 'add-device')}
      >
        ${t.addDevice}
      </button>`;
}

/** The side column's links, in a list inside the `links` navigation; `addDevice` is {@link addDeviceHref}'s. */
export function renderLinks(
  t: PromptText,
  urls: LinkUrls,
  addDevice: string | undefined,
  onLink: LinkHandler,
): TemplateResult {
  // eslint-disable-next-line lit-a11y/no-redundant-role -- Safari drops the role of a list with list-style: none
  return html`<ul role="list">
    ${renderLink('about', t.links.about, urls.aboutUrl, t, onLink)}
    ${renderLink('add-device', t.addDevice, addDevice, t, onLink)}
    ${renderLink('settings', t.links.settings, urls.settingsUrl, t, onLink)}
    ${renderLink('help', t.links.help, urls.helpUrl, t, onLink)}
  </ul>`;
}

function renderLink(
  link: MfaLink,
  label: string,
  url: string | null | undefined,
  t: PromptText,
  onLink: LinkHandler,
): TemplateResult {
  const href = safeUrl(url);
  const onClick = (event: Event): void => onLink(event, link);
  return html`<li>
    ${href
      ? html`<a
          class="link"
          part="link link-${link}"
          href=${href}
          target="_blank"
          rel="noopener noreferrer"
          @click=${onClick}
          >${label}<span class="visually-hidden"> ${t.opensInNewTab}</span></a
        >`
      : html`<button type="button" class="link" part="link link-${link}" @click=${onClick}>${label}</button>`}
  </li>`;
}
