import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { promptStories } from '../support/prompt-stories.js';
import { reaches } from '../support/prompt.js';
import { PSEUDO_LOCALE, pseudo } from '../support/locale.js';

/**
 * The prompt in other languages. It speaks the language of the nearest `lang` (here an element around it);
 * the toolbar's Language menu does the same for every story.
 */
const meta = {
  title: 'Prompt/States/Languages',
  tags: ['autodocs'],
  ...promptStories,
} satisfies Meta;

export default meta;
type Story = StoryObj;

const inLanguage = (lang: string, dir = 'ltr'): Story['decorators'] => [
  (story) => html`<div lang=${lang} dir=${dir}>${story()}</div>`,
];

/**
 * The pseudo-locale: every text accented, bracketed and about 40% longer. Text that overflows, is cut off or
 * pushes a button out of the card shows a layout that only fits English; text without brackets is not
 * translated.
 */
export const PseudoLocale: Story = {
  name: 'Pseudo-locale',
  args: { username: 'alice' },
  decorators: inLanguage(PSEUDO_LOCALE),
  play: reaches({ phase: 'choosing', heading: pseudo('Choose an authentication method') }),
};

/** Arabic: the card mirrored, right to left, with Arabic digits where the locale uses them. */
export const Arabic: Story = {
  args: { username: 'alice' },
  decorators: inLanguage('ar', 'rtl'),
  play: reaches({ phase: 'choosing', heading: 'اختر طريقة التحقق' }),
};

/** German: long compound words in the buttons. */
export const German: Story = {
  args: { username: 'alice' },
  decorators: inLanguage('de'),
  play: reaches({ phase: 'choosing', heading: 'Anmeldemethode wählen' }),
};

/** Japanese. */
export const Japanese: Story = {
  args: { username: 'alice' },
  decorators: inLanguage('ja'),
  play: reaches({ phase: 'choosing', heading: '認証方法を選択してください' }),
};
